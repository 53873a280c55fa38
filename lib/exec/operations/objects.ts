import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import type { ObjectInfo } from "../../model/object-info.js";
import type { ObjectStream, ObjectWriteResult } from "../../model/results.js";
import type { DeleteObjectNode, GetObjectNode, HeadObjectNode, PutObjectNode } from "../../plan/nodes.js";
import type { BodyInput } from "../../plan/runner.js";
import { compileRequest } from "../compile.js";
import type { RequestExecutor } from "../executor.js";

function first(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Strips the quotes (and &quot; entities) around an ETag. */
export function unquoteETag(etag: string | undefined): string | undefined {
  if (etag === undefined) return undefined;
  return etag.replace(/^(?:"|&quot;)|(?:"|&quot;)$/g, "");
}

/** PutObject in one request (bodies up to 5 GiB). */
export async function putObject(exec: RequestExecutor, node: PutObjectNode, body: BodyInput, signal?: AbortSignal): Promise<ObjectWriteResult> {
  const replayable = typeof body === "string" || body instanceof Uint8Array;
  const payload = typeof body === "string" ? Buffer.from(body, "utf8") : body instanceof Uint8Array ? toBuffer(body) : body;
  const res = await exec.send({ ...compileRequest(node), body: payload, idempotent: replayable }, signal);
  res.resume();
  return writeResult(node.bucket, node.key, res);
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

/** Builds the write result from a response's headers. */
export function writeResult(bucketName: string, objectName: string, res: IncomingMessage): ObjectWriteResult {
  const versionId = first(res.headers, "x-amz-version-id");
  return {
    bucketName,
    objectName,
    etag: unquoteETag(first(res.headers, "etag")) ?? "",
    ...(versionId && versionId !== "null" ? { versionId } : {}),
    headers: res.headers,
  };
}

/** GetObject: resolves once the headers arrive; the body streams. */
export async function getObject(exec: RequestExecutor, node: GetObjectNode, signal?: AbortSignal): Promise<ObjectStream> {
  const res = await exec.send(compileRequest(node), signal);
  return res as unknown as ObjectStream satisfies Readable;
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
    ...(first(h, "etag") ? { etag: unquoteETag(first(h, "etag")) } : {}),
    ...(len !== undefined ? { size: Number(len) } : {}),
    ...(first(h, "content-type") ? { contentType: first(h, "content-type") } : {}),
    ...(versionId && versionId !== "null" ? { versionId } : {}),
    ...(first(h, "x-amz-storage-class") ? { storageClass: first(h, "x-amz-storage-class") } : {}),
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
