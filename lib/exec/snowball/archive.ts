/**
 * Writes an archive's bytes as a stream: for each entry its headers, its data (read from the
 * file or the data source only now, one entry at a time) and padding; then the end blocks.
 * Every entry must produce exactly its declared length, or the stream fails — the archive's
 * Content-Length was promised before any data was read.
 */
import { createReadStream } from "node:fs";
import { InvalidArgumentError } from "../../errors.js";
import { END_OF_ARCHIVE, entryHeader, paddingOf } from "../../snowball/tar.js";
import { bufferSource } from "../body/source.js";
import type { ArchiveEntry } from "./batches.js";

/** The tar bytes of these entries, read lazily. Breaking out releases the data source in use. */
export async function* archiveStream(entries: readonly ArchiveEntry[]): AsyncGenerator<Buffer, void, undefined> {
  for (const entry of entries) {
    yield entryHeader(entry);
    const { object } = entry;
    const data = object.filename !== undefined ? createReadStream(object.filename, { highWaterMark: 256 * 1024 }) : object.data!;
    let read = 0;
    for await (const chunk of bufferSource(data)) {
      read += chunk.length;
      if (read > entry.size) throw new InvalidArgumentError(`${JSON.stringify(entry.name)} produced more than its ${entry.size} bytes`);
      yield chunk;
    }
    if (read !== entry.size) throw new InvalidArgumentError(`${JSON.stringify(entry.name)} ended after ${read} of its ${entry.size} bytes`);
    const pad = paddingOf(entry.size);
    if (pad > 0) yield END_OF_ARCHIVE.subarray(0, pad);
  }
  yield END_OF_ARCHIVE;
}

/** Gathers small chunks into buffers of about `size` bytes (fewer, larger socket writes); large chunks pass as they are. */
export async function* coalesce(source: AsyncIterable<Buffer>, size = 64 * 1024): AsyncGenerator<Buffer, void, undefined> {
  let pending: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of source) {
    if (chunk.length >= size) {
      if (bytes > 0) yield Buffer.concat(pending, bytes);
      pending = [];
      bytes = 0;
      yield chunk;
      continue;
    }
    pending.push(chunk);
    bytes += chunk.length;
    if (bytes >= size) {
      yield Buffer.concat(pending, bytes);
      pending = [];
      bytes = 0;
    }
  }
  if (bytes > 0) yield Buffer.concat(pending, bytes);
}
