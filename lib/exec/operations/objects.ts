import { unquoteETag } from "../../xml/etag.js";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import type { ObjectInfo } from "../../model/object-info.js";
import type { ObjectStream, ObjectWriteResult } from "../../model/results.js";
import type { DeleteObjectNode, GetObjectNode, HeadObjectNode, PutObjectNode } from "../../plan/nodes.js";
import type { BodyInput } from "../../plan/runner.js";
import { createHash } from "node:crypto";
import { InvalidResponseError } from "../../errors.js";
import type { Progress } from "../../model/progress.js";
import { bufferSource, isInMemory, memoryBuffer } from "../body/source.js";
import { compileRequest } from "../compile.js";
import { etagIsMd5, wantsMd5 } from "./multipart-requests.js";
import { ResumableBody } from "./resumable-get.js";
import { UploadProgress } from "./upload-progress.js";
import { crc32Header } from "../checksum/crc32.js";
import { checksumsFromHeaders } from "../checksum/headers.js";
import { verifiedBody, verifiesBody } from "../checksum/verify-stream.js";
import { withSentChecksum } from "../checksum/write-checksum.js";
import { CRC32_HEADER, withChecksumFallback } from "../checksum/upload-checksum.js";
import type { RequestExecutor } from "../executor.js";

function first(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

/** An ETag header without its quotes (undefined stays undefined). */
export function etagOf(etag: string | undefined): string | undefined {
  return etag === undefined ? undefined : unquoteETag(etag);
}

/**
 * PutObject in one request (bodies up to the part size). In-memory bodies and Blobs go as one
 * Buffer (retried on failure); streams of declared size are streamed (sent once, not retried).
 */
export async function putObject(exec: RequestExecutor, node: PutObjectNode, body: BodyInput, signal?: AbortSignal, report?: (p: Progress) => void): Promise<ObjectWriteResult> {
  const progress = new UploadProgress(node.size, report);
  if (isInMemory(body)) return putBuffer(exec, node, memoryBuffer(body), signal, progress);
  if (typeof Blob !== "undefined" && body instanceof Blob) return putBuffer(exec, node, Buffer.from(await body.arrayBuffer()), signal, progress);
  const stream = typeof (body as NodeJS.ReadableStream).pipe === "function" ? (body as NodeJS.ReadableStream) : Readable.from(bufferSource(body), { objectMode: false });
  const onBodyProgress = progress.part();
  const res = await exec.send({ ...compileRequest(node), body: stream, idempotent: false, ...(onBodyProgress ? { onBodyProgress } : {}) }, signal);
  res.resume();
  progress.done(node.size);
  return writeResult(node.bucket, node.key, res);
}

/**
 * PutObject of a Buffer (retried on failure), with `x-amz-checksum-crc32` unless checksums are
 * off (see upload-checksum.ts) and Content-MD5 where {@link wantsMd5}; the ETag is checked
 * against the MD5, an echoed CRC32 against the one sent.
 */
export async function putBuffer(exec: RequestExecutor, node: PutObjectNode, data: Buffer, signal: AbortSignal | undefined, progress: UploadProgress): Promise<ObjectWriteResult> {
  const req = compileRequest({ ...node, size: data.length });
  const onBodyProgress = progress.part();
  const result = await withChecksumFallback(exec, node.checksum, async (crc32) => {
    const crc = crc32 ? crc32Header(data) : undefined;
    const md5 = wantsMd5(exec, node.headers, crc !== undefined) ? createHash("md5").update(data).digest() : undefined;
    const headers: Record<string, string> = { ...req.headers };
    if (md5) headers["content-md5"] = md5.toString("base64");
    if (crc) headers[CRC32_HEADER] = crc;
    const res = await exec.send({ ...req, headers, body: data, idempotent: true, ...(onBodyProgress ? { onBodyProgress } : {}) }, signal);
    res.resume();
    const written = writeResult(node.bucket, node.key, res);
    if (md5 && etagIsMd5(node.sse) && written.etag.toLowerCase() !== md5.toString("hex")) {
      throw new InvalidResponseError(res.statusCode ?? 200, undefined, `ETag ${written.etag} is not the MD5 of the bytes sent (${md5.toString("hex")})`);
    }
    return withSentChecksum(written, crc, res.statusCode);
  });
  progress.done(data.length);
  return result;
}

/** Builds the write result from a response's headers. */
export function writeResult(bucketName: string, objectName: string, res: IncomingMessage): ObjectWriteResult {
  const versionId = first(res.headers, "x-amz-version-id");
  return {
    bucketName,
    objectName,
    etag: etagOf(first(res.headers, "etag")) ?? "",
    ...(versionId && versionId !== "null" ? { versionId } : {}),
    ...checksumsFromHeaders(res.headers),
    headers: res.headers,
  };
}

/**
 * GetObject: resolves once the headers arrive; the body streams, resumed from the next byte
 * (pinned to the same ETag/version) when its connection is cut — see resumable-get.ts.
 */
export async function getObject(exec: RequestExecutor, node: GetObjectNode, signal?: AbortSignal): Promise<ObjectStream> {
  // No AbortController per GET: the body destroys its own response when it is destroyed.
  const res = await exec.send(compileRequest(node), signal);
  const body = new ResumableBody(exec, node, res, undefined, signal) satisfies ObjectStream;
  return verifiesBody(node) ? verifiedBody(body, `${node.bucket}/${node.key}`) : body;
}

/** HeadObject → ObjectInfo with every response header as metadata. */
export async function headObject(exec: RequestExecutor, node: HeadObjectNode, signal?: AbortSignal): Promise<ObjectInfo> {
  const res = await exec.send(compileRequest(node), signal);
  res.resume();
  return objectInfoFromHeaders(node.bucket, node.key, res.headers);
}

/** Reads stat information from HEAD/GET response headers. */
export function objectInfoFromHeaders(bucketName: string, objectName: string, h: IncomingHttpHeaders): ObjectInfo {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) metadata[k] = Array.isArray(v) ? v.join(",") : v;
  const lm = first(h, "last-modified");
  const len = first(h, "content-length");
  const versionId = first(h, "x-amz-version-id");
  return {
    bucketName,
    objectName,
    ...(lm ? { lastModified: new Date(lm) } : {}),
    ...(first(h, "etag") ? { etag: etagOf(first(h, "etag")) } : {}),
    ...(len !== undefined ? { size: Number(len) } : {}),
    ...(first(h, "content-type") ? { contentType: first(h, "content-type") } : {}),
    ...(versionId && versionId !== "null" ? { versionId } : {}),
    ...(first(h, "x-amz-storage-class") ? { storageClass: first(h, "x-amz-storage-class") } : {}),
    ...checksumsFromHeaders(h),
    isDeleteMarker: first(h, "x-amz-delete-marker") === "true",
    isDir: false,
    metadata,
  };
}

/** DeleteObject (a version when given). */
export async function deleteObject(exec: RequestExecutor, node: DeleteObjectNode, signal?: AbortSignal): Promise<void> {
  const res = await exec.send(compileRequest(node), signal);
  res.resume();
}
