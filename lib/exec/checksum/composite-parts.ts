/**
 * Verification of a downloaded file against a composite CRC32 (`base64-N`, a multipart
 * upload's): the CRC32 of each part's bytes, then the CRC32 of those, needs the part
 * boundaries. HEAD `?partNumber=1` (pinned to the object's ETag and version) gives the first
 * part's size; parts are tried as uniform (every multipart upload Quarry makes, and most
 * clients' — all parts but the last the same size). Only when that does not match are the
 * exact sizes of every part asked (one HEAD each) before a mismatch is declared, so a
 * non-uniform upload is never reported as corrupt.
 */
import type { FileHandle } from "node:fs/promises";
import { InvalidResponseError } from "../../errors.js";
import type { ObjectInfo } from "../../model/object-info.js";
import type { DownloadObjectNode, HeadObjectNode } from "../../plan/nodes.js";
import type { RequestExecutor } from "../executor.js";
import { headObject } from "../operations/objects.js";
import { compositeCrc32, crc32Base64, crc32Of } from "./crc32.js";

const READ_SIZE = 4 * 1024 * 1024;

/** The part count of a composite value, or undefined for a full-object one. */
export function compositeParts(value: string): number | undefined {
  const m = /-(\d+)$/.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** Part sizes when every part but the last has `first` bytes; undefined if `size` does not fit N such parts. */
export function uniformSizes(size: number, first: number, parts: number): number[] | undefined {
  if (first <= 0 || parts < 1) return undefined;
  const last = size - (parts - 1) * first;
  if (last <= 0 || last > first) return parts === 1 && size === first ? [size] : undefined;
  return [...Array.from({ length: parts - 1 }, () => first), last];
}

/** The composite CRC32 of the file's bytes cut at `sizes`. */
export async function compositeOfFile(fh: FileHandle, sizes: readonly number[]): Promise<string> {
  const buf = Buffer.allocUnsafe(READ_SIZE);
  const crcs: string[] = [];
  let pos = 0;
  for (const size of sizes) {
    let crc = 0;
    for (let left = size; left > 0;) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, left), pos);
      if (bytesRead === 0) throw new InvalidResponseError(200, undefined, `the file ended at byte ${pos}, inside a part`);
      crc = crc32Of(buf.subarray(0, bytesRead), crc);
      pos += bytesRead;
      left -= bytesRead;
    }
    crcs.push(crc32Base64(crc));
  }
  return compositeCrc32(crcs);
}

/** The size of part `n` of the object `info` describes (HEAD ?partNumber, pinned to its ETag and version). */
async function partSize(exec: RequestExecutor, node: DownloadObjectNode, info: ObjectInfo, n: number, signal?: AbortSignal): Promise<number> {
  const versionId = node.versionId ?? info.versionId;
  const head: HeadObjectNode = {
    kind: "HeadObject", bucket: node.bucket, key: node.key,
    ...(versionId !== undefined ? { versionId } : {}),
    headers: { ...node.headers, ...(info.etag ? { "if-match": `"${info.etag}"` } : {}) },
    query: { ...node.query, partNumber: String(n) },
    ...(node.ssec ? { ssec: node.ssec } : {}),
  };
  const part = await headObject(exec, head, signal);
  if (part.size === undefined) throw new InvalidResponseError(200, undefined, `HEAD of part ${n} has no Content-Length`);
  return part.size;
}

/**
 * The composite CRC32 of the downloaded file `fh`, computed with the object's part boundaries
 * (uniform first, exact when that differs from `expected`). Resolves with the actual value.
 */
export async function fileComposite(
  exec: RequestExecutor, node: DownloadObjectNode, info: ObjectInfo, fh: FileHandle, expected: string, signal?: AbortSignal,
): Promise<string> {
  const parts = compositeParts(expected)!;
  const size = info.size ?? 0;
  const first = await partSize(exec, node, info, 1, signal);
  const uniform = uniformSizes(size, first, parts);
  if (uniform) {
    const actual = await compositeOfFile(fh, uniform);
    if (actual === expected) return actual;
  }
  const sizes = [first];
  for (let n = 2; n <= parts; n++) sizes.push(await partSize(exec, node, info, n, signal));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total !== size) throw new InvalidResponseError(200, undefined, `the ${parts} parts add up to ${total} bytes; the object has ${size}`);
  return compositeOfFile(fh, sizes);
}

