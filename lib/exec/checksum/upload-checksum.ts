/**
 * Whether an upload sends `x-amz-checksum-crc32`, and the fallback for servers that refuse it.
 * The per-call setting wins over the client's; `"auto"` (the default) sends it, and when the
 * server refuses the header — R2 answered `501 NotImplemented: Header 'x-amz-checksum-crc32' …
 * not implemented`, B2 `400 InvalidArgument: Unsupported header 'x-amz-checksum-crc32'` — the
 * request is sent once more without it and the client remembers that its endpoint does not
 * take checksums. Servers that ignore the header (older MinIO, the synthetic bench endpoint)
 * simply do not echo it, which is never an error.
 */
import { S3Error } from "../../errors.js";
import type { ChecksumSetting } from "../../model/checksums.js";
import type { RequestExecutor } from "../executor.js";

/** The upload checksum header. */
export const CRC32_HEADER = "x-amz-checksum-crc32";

/** Executors (one per client, so one endpoint each) whose server refused checksum headers. */
const refused = new WeakSet<RequestExecutor>();

/** The setting in force: the call's, else the client's, else `"auto"`. */
export function checksumSetting(exec: RequestExecutor, perCall: ChecksumSetting | undefined): ChecksumSetting {
  return perCall ?? exec.config.checksum ?? "auto";
}

/** Whether this upload starts by sending a CRC32 (false for `"off"`, and for `"auto"` after a refusal). */
export function sendsCrc32(exec: RequestExecutor, perCall: ChecksumSetting | undefined): boolean {
  const s = checksumSetting(exec, perCall);
  return s === "crc32" || (s === "auto" && !refused.has(exec));
}

/** Whether the endpoint of `exec` refused a checksum header before (tests and diagnostics). */
export function checksumsRefused(exec: RequestExecutor): boolean {
  return refused.has(exec);
}

/** Whether `err` is a server refusing a checksum header (not a BadDigest: that is a wrong value). */
export function isChecksumRefusal(err: unknown): boolean {
  if (!(err instanceof S3Error)) return false;
  if (err.code === "BadDigest" || err.code === "XAmzContentChecksumMismatch" || err.code === "InvalidDigest") return false;
  if (err.status !== 400 && err.status !== 501) return false;
  if (!["NotImplemented", "InvalidArgument", "InvalidRequest"].includes(err.code)) return false;
  // Only a refusal that names the checksum: other InvalidArgument errors are the caller's.
  return /checksum/i.test(err.message) || (err.code === "NotImplemented" && err.status === 501);
}

/**
 * Runs `attempt(true)` when a CRC32 is to be sent; under `"auto"`, a refusal of the header runs
 * `attempt(false)` once and, when that succeeds, marks the endpoint. `attempt(false)` alone when
 * none is sent.
 */
export async function withChecksumFallback<T>(
  exec: RequestExecutor, perCall: ChecksumSetting | undefined, attempt: (crc32: boolean) => Promise<T>,
): Promise<T> {
  if (!sendsCrc32(exec, perCall)) return attempt(false);
  try {
    return await attempt(true);
  } catch (err) {
    if (checksumSetting(exec, perCall) !== "auto" || !isChecksumRefusal(err)) throw err;
    const result = await attempt(false);
    // Remembered only once the same request succeeded without it: the header was the problem.
    refused.add(exec);
    return result;
  }
}

/** An upload target created for CRC32 parts: `x-amz-checksum-algorithm: CRC32` on CreateMultipartUpload. */
export function withCrc32Algorithm<T extends { readonly headers: Readonly<Record<string, string>> }>(target: T): T {
  return { ...target, headers: { ...target.headers, "x-amz-checksum-algorithm": "CRC32" } };
}
