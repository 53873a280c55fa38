/**
 * Cuts a source of snowball objects into archives: resolves each object to a tar entry (a
 * file's length and mtime from stat), and closes an archive before it would pass the batch
 * limits. Holds object descriptions only — data is read later, while the archive is written —
 * so memory stays at one archive's descriptions (plus whatever in-memory data they carry).
 */
import { stat } from "node:fs/promises";
import { InvalidArgumentError } from "../../errors.js";
import { toSnowballObject, type SnowballObject } from "../../model/snowball.js";
import type { SnowballBatchLimits } from "../../plan/snowball-node.js";
import type { SnowballSource } from "../../plan/runner.js";
import { END_OF_ARCHIVE, entrySize, type TarEntry } from "../../snowball/tar.js";

/** An object with its tar entry resolved. */
export interface ArchiveEntry extends TarEntry {
  readonly object: SnowballObject;
}

/** The objects of one archive and its exact (uncompressed) length. */
export interface ArchiveBatch {
  readonly entries: readonly ArchiveEntry[];
  /** Exact tar length, end blocks included. */
  readonly tarBytes: number;
  /** Data bytes of the entries. */
  readonly dataBytes: number;
}

/** Resolves one object's entry: its length and mtime (a file's from stat, when not given). */
export async function resolveEntry(object: SnowballObject, pax: Readonly<Record<string, string>>, now: Date): Promise<ArchiveEntry> {
  let size = object.length;
  let mtime = object.modTime;
  if (object.filename !== undefined) {
    const info = await stat(object.filename).catch((err: NodeJS.ErrnoException) => {
      throw new InvalidArgumentError(`SnowballObject ${JSON.stringify(object.objectName)}: cannot read ${object.filename} (${err.code ?? err.message})`);
    });
    if (!info.isFile()) throw new InvalidArgumentError(`SnowballObject ${JSON.stringify(object.objectName)}: ${object.filename} is not a regular file`);
    if (size !== undefined && size !== info.size) {
      throw new InvalidArgumentError(`SnowballObject ${JSON.stringify(object.objectName)}: length ${size} does not match the file's ${info.size} bytes`);
    }
    size = info.size;
    mtime ??= info.mtime;
  }
  return { object, name: object.objectName, size: size!, mtime: Math.floor((mtime ?? now).getTime() / 1000), pax };
}

/**
 * Archives of the source's objects. With `limits` null everything goes in one archive (and an
 * empty source gives one empty archive, as the seed sends); otherwise an empty source gives none.
 */
export async function* archiveBatches(
  source: SnowballSource, limits: SnowballBatchLimits | null, pax: Readonly<Record<string, string>>, signal?: AbortSignal,
): AsyncGenerator<ArchiveBatch, void, undefined> {
  const now = new Date();
  let entries: ArchiveEntry[] = [];
  let names = new Set<string>();
  let tarBytes = END_OF_ARCHIVE.length;
  let dataBytes = 0;
  let sent = 0;
  for await (const item of source as AsyncIterable<Parameters<typeof toSnowballObject>[0]>) {
    signal?.throwIfAborted();
    const entry = await resolveEntry(toSnowballObject(item), pax, now);
    const bytes = entrySize(entry);
    if (limits !== null && entries.length > 0 && (entries.length >= limits.maxObjects || tarBytes + bytes > limits.maxBytes)) {
      yield { entries, tarBytes, dataBytes };
      sent++;
      entries = [];
      names = new Set();
      tarBytes = END_OF_ARCHIVE.length;
      dataBytes = 0;
    }
    if (names.has(entry.name)) {
      throw new InvalidArgumentError(`${JSON.stringify(entry.name)} appears twice in one archive: MinIO extracts entries concurrently, so which one wins is undefined`);
    }
    names.add(entry.name);
    entries.push(entry);
    tarBytes += bytes;
    dataBytes += entry.size;
  }
  if (entries.length > 0 || (limits === null && sent === 0)) yield { entries, tarBytes, dataBytes };
}
