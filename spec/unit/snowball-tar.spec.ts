import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SnowballObject } from "../../lib/index.js";
import { archiveStream } from "../../lib/exec/snowball/archive.js";
import { resolveEntry, type ArchiveEntry } from "../../lib/exec/snowball/batches.js";
import { archiveSize, entryHeader, entryHeaderSize, paddingOf } from "../../lib/snowball/tar.js";

async function archiveOf(entries: ArchiveEntry[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of archiveStream(entries)) chunks.push(c);
  return Buffer.concat(chunks);
}

const longName = `deep/${"a".repeat(60)}/${"b".repeat(60)}/file-with-a-long-name.txt`; // > 100 bytes
const utf8Name = "données/日本語/ファイル ü.txt";
const mtime = new Date("2021-03-04T05:06:07Z");

describe("tar writer", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "quarry-tar-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function entries(): Promise<{ list: ArchiveEntry[]; bodies: Map<string, Buffer> }> {
    const fileBody = randomBytes(3000);
    const file = join(dir, "source.bin");
    await writeFile(file, fileBody);
    const bodies = new Map<string, Buffer>([
      ["short.txt", Buffer.from("hello\n")],
      ["empty", Buffer.alloc(0)],
      ["exact/512.bin", randomBytes(512)],
      [longName, randomBytes(700)],
      [utf8Name, Buffer.from("ütf-8 bytes\n")],
      ["from/file.bin", fileBody],
    ]);
    const now = new Date();
    const list: ArchiveEntry[] = [];
    for (const [name, body] of bodies) {
      const o = name === "from/file.bin"
        ? new SnowballObject(name, { filename: file, modTime: mtime })
        : new SnowballObject(name, { data: body, modTime: mtime });
      list.push(await resolveEntry(o, name === "short.txt" ? { "minio.metadata.x-amz-meta-k": "v" } : {}, now));
    }
    return { list, bodies };
  }

  it("writes an archive of exactly archiveSize() bytes that GNU tar lists (names, sizes, mode 0644) and extracts byte-identical", async () => {
    const { list, bodies } = await entries();
    const tar = await archiveOf(list);
    expect(tar.length).toBe(archiveSize(list));
    expect(tar.length % 512).toBe(0);
    const path = join(dir, "a.tar");
    await writeFile(path, tar);

    const listing = execFileSync("tar", ["-tvf", path], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().split("\n");
    expect(listing).toHaveLength(bodies.size);
    for (const [name, body] of bodies) {
      const line = listing.find((l) => l.endsWith(` ${name}`));
      expect(line, name).toBeDefined();
      expect(line).toMatch(/^-rw-r--r-- /);
      expect(line).toContain(` ${body.length} 2021-03-04 `);
    }

    const out = join(dir, "x");
    execFileSync("mkdir", ["-p", out]);
    execFileSync("tar", ["-xf", path, "-C", out], { stdio: "ignore" });
    for (const [name, body] of bodies) {
      expect((await readFile(join(out, name))).equals(body), name).toBe(true);
      expect((await stat(join(out, name))).mtime.getTime()).toBe(mtime.getTime());
    }
  });

  it("a gzipped archive extracts the same", async () => {
    const { list, bodies } = await entries();
    const path = join(dir, "a.tar.gz");
    await writeFile(path, gzipSync(await archiveOf(list)));
    const out = join(dir, "gz");
    execFileSync("mkdir", ["-p", out]);
    execFileSync("tar", ["-xzf", path, "-C", out], { stdio: "ignore" });
    for (const [name, body] of bodies) expect((await readFile(join(out, name))).equals(body), name).toBe(true);
  });

  it("PAX records carry the long and UTF-8 names and the extra records, with correct self-counting lengths", () => {
    const header = entryHeader({ name: utf8Name, size: 1, mtime: 0, pax: { "minio.metadata.x-amz-meta-a": "b" } });
    expect(header[156]).toBe("x".charCodeAt(0));
    const recordsLength = parseInt(header.toString("ascii", 124, 135), 8);
    const records = header.subarray(512, 512 + recordsLength).toString("utf8");
    const parsed: Record<string, string> = {};
    let rest = Buffer.from(records, "utf8");
    while (rest.length > 0) {
      const space = rest.indexOf(0x20);
      const n = Number(rest.toString("ascii", 0, space));
      const record = rest.subarray(0, n).toString("utf8");
      expect(record.endsWith("\n")).toBe(true);
      const [k, v] = record.slice(space + 1, -1).split(/=(.*)/s) as [string, string];
      parsed[k] = v;
      rest = rest.subarray(n);
    }
    expect(parsed).toEqual({ path: utf8Name, "minio.metadata.x-amz-meta-a": "b" });
    // The ustar header that follows has a valid checksum.
    const ustar = header.subarray(header.length - 512);
    const stored = parseInt(ustar.toString("ascii", 148, 154), 8);
    const copy = Buffer.from(ustar);
    copy.fill(0x20, 148, 156);
    expect(copy.reduce((s, b) => s + b, 0)).toBe(stored);
  });

  it("entryHeaderSize() equals the header's length for any name and records (property)", () => {
    fc.assert(fc.property(
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 300 }),
      fc.dictionary(fc.stringMatching(/^[a-z.-]{1,20}$/), fc.string({ maxLength: 120 }), { maxKeys: 3 }),
      fc.nat({ max: 10_000 }),
      (name, pax, size) => {
        const entry = { name, size, mtime: 1, pax };
        expect(entryHeader(entry).length).toBe(entryHeaderSize(entry));
        expect((size + paddingOf(size)) % 512).toBe(0);
      },
    ));
  });

  it("a data stream shorter or longer than its declared length fails the archive", async () => {
    const now = new Date();
    async function* gen(n: number) {
      yield Buffer.alloc(n);
    }
    const short = await resolveEntry(new SnowballObject("s", { data: gen(10), length: 11 }), {}, now);
    await expect(archiveOf([short])).rejects.toThrow(/ended after 10 of its 11 bytes/);
    const long = await resolveEntry(new SnowballObject("l", { data: gen(12), length: 11 }), {}, now);
    await expect(archiveOf([long])).rejects.toThrow(/more than its 11 bytes/);
  });
});
