/**
 * The checksum a write result reports, and the check of what the server echoed: a server that
 * echoes `x-amz-checksum-crc32` (or `<ChecksumCRC32>` on complete) must echo what was sent; a
 * server that echoes nothing (it ignores checksums) is fine — the result then reports the CRC32
 * computed here, of the bytes sent.
 */
import type { IncomingMessage } from "node:http";
import { InvalidResponseError } from "../../errors.js";
import type { ObjectWriteResult } from "../../model/results.js";
import type { CompletedPart } from "../../xml/multipart.js";
import { compositeCrc32, isComposite } from "./crc32.js";
import { CRC32_HEADER } from "./upload-checksum.js";

/** Throws when the response echoes a CRC32 other than `sent`. */
export function checkEchoedCrc32(res: IncomingMessage, sent: string | undefined): void {
  const v = res.headers[CRC32_HEADER];
  const echoed = Array.isArray(v) ? v[0] : v;
  if (sent !== undefined && echoed !== undefined && echoed !== sent) {
    throw new InvalidResponseError(res.statusCode ?? 200, undefined, `the server stored CRC32 ${echoed}, the bytes sent have ${sent}`);
  }
}

/** `result` with the CRC32 that was sent (checked against an echoed one). */
export function withSentChecksum(result: ObjectWriteResult, sent: string | undefined, status = 200): ObjectWriteResult {
  if (sent === undefined) return result;
  if (result.checksumCRC32 !== undefined && result.checksumCRC32 !== sent) {
    throw new InvalidResponseError(status, undefined, `the server stored CRC32 ${result.checksumCRC32}, the bytes sent have ${sent}`);
  }
  return { ...result, checksumCRC32: sent };
}

/**
 * `result` of a completed multipart upload with its composite CRC32 (`base64-N` of the parts'
 * CRC32s), checked against the server's when it returned a composite one. A full-object value
 * the server computed (no `-N`) is kept as it is: it cannot be derived from the part CRC32s
 * without their lengths, and the server checked every part's CRC32 on upload.
 */
export function withCompositeChecksum(result: ObjectWriteResult, parts: readonly CompletedPart[]): ObjectWriteResult {
  const crcs = parts.map((p) => p.checksumCRC32);
  if (crcs.length === 0 || crcs.some((c) => c === undefined)) return result;
  const ours = compositeCrc32(crcs as string[]);
  const theirs = result.checksumCRC32;
  if (theirs === undefined) return { ...result, checksumCRC32: ours };
  if (isComposite(theirs) && theirs !== ours) {
    throw new InvalidResponseError(200, undefined, `the server's composite CRC32 ${theirs} is not that of the parts sent (${ours})`);
  }
  return result;
}
