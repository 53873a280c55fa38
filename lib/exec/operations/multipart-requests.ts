/**
 * The four requests of a multipart upload — CreateMultipartUpload, UploadPart,
 * CompleteMultipartUpload, AbortMultipartUpload — each one executor call.
 */
import { createHash } from "node:crypto";
import { InvalidResponseError } from "../../errors.js";
import type { ObjectWriteResult } from "../../model/results.js";
import { SseCustomerKey, SseKMS } from "../../model/sse.js";
import type { MultipartUploadNode } from "../../plan/nodes.js";
import { completeMultipartUploadBody, parseCompleteMultipartUpload, parseInitiateMultipartUpload, type CompletedPart } from "../../xml/multipart.js";
import type { RequestExecutor } from "../executor.js";
import { readText } from "../read-body.js";
import { etagOf } from "./objects.js";
import { crc32Header } from "../checksum/crc32.js";
import { checksumsFromHeaders } from "../checksum/headers.js";
import { CRC32_HEADER } from "../checksum/upload-checksum.js";
import { checkEchoedCrc32 } from "../checksum/write-checksum.js";

/** What the multipart requests address: the object, its headers and its encryption. */
export type Target = Pick<MultipartUploadNode, "bucket" | "key" | "headers" | "sse">;

/** POST ?uploads → the upload id. Sent once: multipart-recovery.ts retries it and sweeps what a lost answer left. */
export async function createMultipartUpload(exec: RequestExecutor, t: Target, signal?: AbortSignal): Promise<string> {
  const res = await exec.send({ method: "POST", bucket: t.bucket, key: t.key, query: [["uploads", ""]], headers: { ...t.headers, ...t.sse?.headers() }, idempotent: false }, signal);
  return parseInitiateMultipartUpload(await readText(res));
}

/**
 * Whether a write carries Content-MD5 (and has its ETag checked against it). Over plain HTTP
 * the payload is signed with its SHA-256, which the server verifies — the same guarantee at a
 * fifth of the CPU (MD5 runs at ≈380 MiB/s here, SHA-256 at ≈1 850 MiB/s with SHA-NI). Over TLS
 * (UNSIGNED-PAYLOAD) a CRC32 (`withCrc32`) is the integrity check, at a fraction of MD5's
 * cost; MD5 is added over TLS only when no CRC32 is sent, and on object-lock writes, where S3
 * requires it.
 */
export function wantsMd5(exec: RequestExecutor, headers: Readonly<Record<string, string>>, withCrc32 = false): boolean {
  return (exec.config.endpoint.secure && !withCrc32) || headers["x-amz-object-lock-mode"] !== undefined || headers["x-amz-object-lock-legal-hold"] !== undefined;
}

/** Whether the server's ETag of a write is the MD5 of its bytes (not with SSE-C or SSE-KMS). */
export function etagIsMd5(sse: MultipartUploadNode["sse"]): boolean {
  return !(sse instanceof SseCustomerKey || sse instanceof SseKMS);
}

/**
 * PUT ?partNumber&uploadId (with the SSE-C key headers, `x-amz-checksum-crc32` of the buffered
 * part when `crc32`, and Content-MD5 where {@link wantsMd5}); retried by the executor from the
 * buffered part; the returned ETag is checked against the MD5.
 */
export async function uploadPart(
  exec: RequestExecutor, t: Target, uploadId: string, partNumber: number, data: Buffer,
  signal: AbortSignal, onBodyProgress: ((sent: number) => void) | undefined, crc32 = false,
): Promise<CompletedPart> {
  const crc = crc32 ? crc32Header(data) : undefined;
  const md5 = wantsMd5(exec, t.headers, crc32) ? createHash("md5").update(data).digest() : undefined;
  const headers: Record<string, string> = t.sse instanceof SseCustomerKey ? t.sse.headers() : {};
  if (md5) headers["content-md5"] = md5.toString("base64");
  if (crc) headers[CRC32_HEADER] = crc;
  const res = await exec.send({
    method: "PUT", bucket: t.bucket, key: t.key, query: [["partNumber", String(partNumber)], ["uploadId", uploadId]],
    headers, body: data, idempotent: true, ...(onBodyProgress ? { onBodyProgress } : {}),
  }, signal);
  res.resume();
  const etag = etagOf(headerOf(res.headers.etag)) ?? "";
  if (md5 && etagIsMd5(t.sse) && etag.toLowerCase() !== md5.toString("hex")) {
    throw new InvalidResponseError(res.statusCode ?? 200, undefined, `part ${partNumber}: ETag ${etag} is not the MD5 of the bytes sent (${md5.toString("hex")})`);
  }
  checkEchoedCrc32(res, crc);
  return { partNumber, etag, ...(crc ? { checksumCRC32: crc } : {}) };
}

/** POST ?uploadId with the part list; an `<Error>` inside the 200 is thrown as an S3Error. */
export async function completeMultipartUpload(
  exec: RequestExecutor, t: Target, uploadId: string, parts: readonly CompletedPart[], signal?: AbortSignal,
): Promise<ObjectWriteResult> {
  const body = Buffer.from(completeMultipartUploadBody(parts), "utf8");
  // S3 wants the SSE-C key on complete when the upload was created with a checksum algorithm.
  const ssec = t.sse instanceof SseCustomerKey && parts.some((p) => p.checksumCRC32 !== undefined) ? t.sse.headers() : {};
  const res = await exec.send({
    method: "POST", bucket: t.bucket, key: t.key, query: [["uploadId", uploadId]], headers: { ...ssec, "content-type": "application/xml" }, body, idempotent: true,
  }, signal);
  const result = parseCompleteMultipartUpload(await readText(res));
  if (!result.ok) throw result.error;
  const versionId = headerOf(res.headers["x-amz-version-id"]);
  return {
    bucketName: t.bucket, objectName: t.key, etag: result.etag,
    ...(versionId && versionId !== "null" ? { versionId } : {}),
    ...checksumsFromHeaders(res.headers), ...(result.checksumCRC32 ? { checksumCRC32: result.checksumCRC32 } : {}),
    headers: res.headers,
  };
}

/** DELETE ?uploadId. Sent without the caller's signal: it must run even after an abort. */
export async function abortMultipartUpload(exec: RequestExecutor, t: Target, uploadId: string): Promise<void> {
  const res = await exec.send({ method: "DELETE", bucket: t.bucket, key: t.key, query: [["uploadId", uploadId]], headers: {}, idempotent: true });
  res.resume();
}

function headerOf(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
