/**
 * The check of a completed download (`download(path, { checksum: true })`): the temp file is
 * read back and its checksum compared with the full-object checksum the stat returned, before
 * the rename. A read-back (not a tap on the GET) because the file may be filled by resumed
 * ranges and from a partial temp file of an earlier call; it reads from the page cache at
 * CRC32's speed (see bench/transfer/checksum-cpu.ts). A mismatch removes the temp file.
 */
import { open } from "node:fs/promises";
import type { ObjectInfo } from "../../model/object-info.js";
import { discard } from "../operations/download-temp.js";
import { ChecksumAccumulator, verifiableChecksum } from "./verify.js";

const READ_SIZE = 4 * 1024 * 1024;

/** Verifies `tmp` against `info`'s checksum (when it has a verifiable one); removes it on a mismatch. */
export async function verifyDownloadedFile(tmp: string, custom: boolean, info: ObjectInfo, signal?: AbortSignal): Promise<void> {
  const expected = verifiableChecksum(info);
  if (expected === undefined) return;
  const acc = new ChecksumAccumulator(expected);
  // One reused buffer and plain reads: about half the CPU of a read stream's fresh chunks.
  const fh = await open(tmp, "r");
  try {
    const buf = Buffer.allocUnsafe(READ_SIZE);
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      acc.update(buf.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
  try {
    acc.check(`${info.bucketName}/${info.objectName}`);
  } catch (err) {
    await discard(tmp, custom);
    throw err;
  }
}
