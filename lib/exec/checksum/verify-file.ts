/**
 * The check of a completed download (`download(path, { checksum: true })`): the temp file is
 * read back and its checksum compared with the one the stat returned (full-object, or a
 * multipart upload's composite CRC32 part by part), before the rename. A read-back (not a tap
 * on the GET) because the file may be filled by resumed ranges and from a partial temp file of
 * an earlier call; it reads from the page cache at close to CRC32's speed (see
 * bench/transfer/checksum-cpu.ts). A mismatch removes the temp file.
 */
import { open, type FileHandle } from "node:fs/promises";
import type { ObjectInfo } from "../../model/object-info.js";
import { discard } from "../operations/download-temp.js";
import { ChecksumAccumulator, verifiableChecksum, type ExpectedChecksum } from "./verify.js";
import { ChecksumMismatchError } from "../../errors.js";
import type { DownloadObjectNode } from "../../plan/nodes.js";
import type { RequestExecutor } from "../executor.js";
import { compositeParts, fileComposite } from "./composite-parts.js";

const READ_SIZE = 4 * 1024 * 1024;

/**
 * Verifies `tmp` against `info`'s checksum: a full-object one over the whole file, a composite
 * CRC32 part by part (see composite-parts.ts); removes it on a mismatch. Other checksums, or
 * none, pass unchecked.
 */
export async function verifyDownloadedFile(
  exec: RequestExecutor, node: DownloadObjectNode, tmp: string, custom: boolean, info: ObjectInfo, signal?: AbortSignal,
): Promise<void> {
  const full = verifiableChecksum(info);
  const composite = full === undefined && info.checksumCRC32 !== undefined && compositeParts(info.checksumCRC32) !== undefined ? info.checksumCRC32 : undefined;
  if (full === undefined && composite === undefined) return;
  const what = `${info.bucketName}/${info.objectName}`;
  const fh = await open(tmp, "r");
  let mismatch: ChecksumMismatchError | undefined;
  try {
    if (full !== undefined) {
      const actual = await digestFile(fh, full, signal);
      if (actual !== full.value) mismatch = new ChecksumMismatchError(full.algorithm, full.value, actual, what);
    } else {
      const actual = await fileComposite(exec, node, info, fh, composite!, signal);
      if (actual !== composite) mismatch = new ChecksumMismatchError("CRC32 (composite)", composite!, actual, what);
    }
  } finally {
    await fh.close();
  }
  if (mismatch) {
    await discard(tmp, custom);
    throw mismatch;
  }
}

/** The base64 checksum (`expected`'s algorithm) of the whole file `fh`, read from its start. */
export async function digestFile(fh: FileHandle, expected: ExpectedChecksum, signal?: AbortSignal): Promise<string> {
  const acc = new ChecksumAccumulator(expected);
  // One reused buffer and plain reads: about half the CPU of a read stream's fresh chunks.
  const buf = Buffer.allocUnsafe(READ_SIZE);
  for (let pos = 0; ;) {
    signal?.throwIfAborted();
    const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) return acc.digest();
    acc.update(buf.subarray(0, bytesRead));
    pos += bytesRead;
  }
}
