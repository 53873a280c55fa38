/**
 * A small streaming tar writer (POSIX ustar, with PAX extended headers where ustar cannot say
 * it). Pure: it turns entry descriptions into header bytes and tells how many bytes an entry
 * takes, so an archive's exact length is known before its data is read — which is what lets a
 * snowball upload stream in one PUT with a Content-Length.
 *
 * Layout of an entry: [PAX header block + PAX records, padded to 512] + ustar header (512) +
 * data, padded to 512. The archive ends with two zero blocks.
 */

/** Size of a tar block. */
export const BLOCK = 512;

/** The two zero blocks that end an archive. */
export const END_OF_ARCHIVE: Buffer = Buffer.alloc(2 * BLOCK);

/** Largest size the 12-byte octal size field can hold (8 GiB - 1); larger sizes go in a PAX record. */
const MAX_OCTAL_SIZE = 0o77777777777;

/** What the writer needs to know about one regular-file entry. */
export interface TarEntry {
  /** Path inside the archive (UTF-8). */
  readonly name: string;
  /** Exact number of data bytes. */
  readonly size: number;
  /** Modification time, whole seconds since the epoch. */
  readonly mtime: number;
  /** Extra PAX records (e.g. MinIO's `minio.metadata.<Header>`), written in this order. */
  readonly pax?: Readonly<Record<string, string>>;
}

/** Bytes of data padding after `size` data bytes. */
export function paddingOf(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** Whether a name fits the ustar name field as it is (printable ASCII, at most 100 bytes). */
function fitsUstar(name: string): boolean {
  return name.length <= 100 && /^[\x20-\x7e]*$/.test(name);
}

/** The PAX records an entry needs: path when ustar cannot hold the name, size when too big, then its own. */
function paxRecords(entry: TarEntry): Array<[string, string]> {
  const records: Array<[string, string]> = [];
  if (!fitsUstar(entry.name)) records.push(["path", entry.name]);
  if (entry.size > MAX_OCTAL_SIZE) records.push(["size", String(entry.size)]);
  for (const [k, v] of Object.entries(entry.pax ?? {})) records.push([k, v]);
  return records;
}

/** One PAX record: `"<length> <key>=<value>\n"`, where length counts the whole record in bytes. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bodyBytes = Buffer.byteLength(body, "utf8");
  let length = bodyBytes + 1;
  while (length !== bodyBytes + String(length).length) length = bodyBytes + String(length).length;
  return `${length}${body}`;
}

/** The header bytes of an entry (PAX header and records, if any, then the ustar header). */
export function entryHeader(entry: TarEntry): Buffer {
  const records = paxRecords(entry);
  const ustar = ustarHeader(ustarName(entry.name), entry.size > MAX_OCTAL_SIZE ? 0 : entry.size, entry.mtime, "0");
  if (records.length === 0) return ustar;
  const data = Buffer.from(records.map(([k, v]) => paxRecord(k, v)).join(""), "utf8");
  const paxName = ustarName(`PaxHeaders/${entry.name.slice(entry.name.lastIndexOf("/") + 1)}`);
  return Buffer.concat([ustarHeader(paxName, data.length, entry.mtime, "x"), data, Buffer.alloc(paddingOf(data.length)), ustar]);
}

/** Header bytes of an entry, without building them (equal to `entryHeader(entry).length`). */
export function entryHeaderSize(entry: TarEntry): number {
  const records = paxRecords(entry);
  if (records.length === 0) return BLOCK;
  const n = records.reduce((sum, [k, v]) => sum + Buffer.byteLength(paxRecord(k, v), "utf8"), 0);
  return BLOCK + n + paddingOf(n) + BLOCK;
}

/** Bytes an entry takes in the archive: headers, data and padding. */
export function entrySize(entry: TarEntry): number {
  return entryHeaderSize(entry) + entry.size + paddingOf(entry.size);
}

/** Exact length of an archive of these entries, end blocks included. */
export function archiveSize(entries: Iterable<TarEntry>): number {
  let total = END_OF_ARCHIVE.length;
  for (const e of entries) total += entrySize(e);
  return total;
}

/**
 * The name written in the ustar field: the name itself when it fits, else a printable-ASCII
 * stand-in of at most 100 bytes (readers take the real name from the PAX `path` record).
 */
function ustarName(name: string): string {
  if (fitsUstar(name)) return name;
  return name.replace(/[^\x20-\x7e]/g, "_").slice(-100);
}

function writeOctal(block: Buffer, value: number, offset: number, width: number): void {
  // width - 1 octal digits, then NUL.
  block.write(value.toString(8).padStart(width - 1, "0"), offset, width - 1, "ascii");
  block[offset + width - 1] = 0;
}

/** A 512-byte ustar header of a regular file (`type` "0") or a PAX extended header (`type` "x"). */
function ustarHeader(name: string, size: number, mtime: number, type: "0" | "x"): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, "ascii");
  writeOctal(block, 0o644, 100, 8); // mode
  writeOctal(block, 0, 108, 8); // uid
  writeOctal(block, 0, 116, 8); // gid
  writeOctal(block, size, 124, 12);
  writeOctal(block, Math.max(0, Math.min(Math.floor(mtime), 0o77777777777)), 136, 12);
  block.write(type, 156, 1, "ascii");
  block.write("ustar\u000000", 257, 8, "ascii"); // magic "ustar\0" + version "00"
  // Checksum: the sum of all bytes with the checksum field read as eight spaces.
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  block.write(sum.toString(8).padStart(6, "0"), 148, 6, "ascii");
  block[154] = 0;
  block[155] = 0x20;
  return block;
}
