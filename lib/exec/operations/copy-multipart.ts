/**
 * The copy-specific requests of a server-side copy: CopyObject and UploadPartCopy, and the
 * x-amz-copy-source* headers. Create, complete and abort of the multipart upload around
 * part copies are the upload's (multipart-requests.ts).
 */
import type { IncomingMessage } from "node:http";
import { S3Error } from "../../errors.js";
import type { Sse } from "../../model/sse.js";
import { SseCustomerKey } from "../../model/sse.js";
import type { CopySourceSpec } from "../../plan/copy-nodes.js";
import { uriEncode } from "../../sign/uri-encode.js";
import { malformed } from "../../xml/decode.js";
import type { CompletedPart } from "../../xml/multipart.js";
import { child, childText, parseXmlTree, type XmlElement } from "../../xml/tree.js";
import type { RequestExecutor } from "../executor.js";
import type { HttpRequest } from "../http-request.js";
import { readText } from "../read-body.js";
import { backoffDelay, isRetryable, sleep } from "../retry.js";
import { etagOf } from "./objects.js";

/** A part that was copied: its number and ETag (unquoted). */
export type CopiedPart = CompletedPart;

/** The x-amz-copy-source header value: /bucket/key[?versionId=…], key URI-encoded. */
export function copySourceValue(s: CopySourceSpec): string {
  const path = `/${s.bucket}/${uriEncode(s.key, false)}`;
  return s.versionId === undefined ? path : `${path}?versionId=${encodeURIComponent(s.versionId)}`;
}

/**
 * Headers naming and guarding the source: x-amz-copy-source, its conditions, its customer
 * key, and (when given) a range. `pinETag` is the ETag the stat saw, used when the caller
 * gave no matchETag so that every part reads the same object.
 */
export function copySourceHeaders(s: CopySourceSpec, range?: { start: number; end: number }, pinETag?: string): Record<string, string> {
  const h: Record<string, string> = { "x-amz-copy-source": copySourceValue(s) };
  const c = s.conditions;
  const match = c.matchETag ?? pinETag;
  if (match !== undefined) h["x-amz-copy-source-if-match"] = match;
  if (c.notMatchETag !== undefined) h["x-amz-copy-source-if-none-match"] = c.notMatchETag;
  if (c.modifiedSince !== undefined) h["x-amz-copy-source-if-modified-since"] = c.modifiedSince;
  if (c.unmodifiedSince !== undefined) h["x-amz-copy-source-if-unmodified-since"] = c.unmodifiedSince;
  if (range) h["x-amz-copy-source-range"] = `bytes=${range.start}-${range.end}`;
  if (s.ssec) Object.assign(h, s.ssec.copySourceHeaders());
  return h;
}

/** Destination encryption headers for a request that writes data (part copies need only SSE-C's). */
export function sseHeaders(sse: Sse | undefined, onPart = false): Record<string, string> {
  if (!sse) return {};
  if (onPart && !(sse instanceof SseCustomerKey)) return {};
  return sse.headers();
}

/**
 * Reads a copy response body: `<CopyObjectResult>` / `<CopyPartResult>` → ETag. A copy may
 * fail after the 200 status was sent: an `<Error>` body then becomes an S3Error.
 */
export async function readCopyResult(req: HttpRequest, res: IncomingMessage, rootName: string): Promise<{ etag: string; root: XmlElement }> {
  const root = parseXmlTree(await readText(res));
  if (root.name === "Error") throw errorFromBody(req, res, root);
  if (root.name !== rootName) throw malformed(`unexpected root element <${root.name}>, expected <${rootName}>`);
  const etag = etagOf(childText(root, "ETag")?.trim());
  if (!etag) throw malformed(`<${rootName}> without an ETag`);
  return { etag, root };
}

/**
 * Sends a CopyObject or UploadPartCopy and reads its result. Both are idempotent, so an
 * `<Error>` that arrives in a 200 body (after the server started answering) is retried like
 * any other throttling or server error.
 */
export async function sendCopy(exec: RequestExecutor, req: HttpRequest, rootName: string, signal?: AbortSignal): Promise<{ etag: string; res: IncomingMessage }> {
  const maxAttempts = Math.max(1, exec.config.retry.maxAttempts ?? 4);
  for (let attempt = 0; ; attempt++) {
    const res = await exec.send(req, signal);
    try {
      const { etag } = await readCopyResult(req, res, rootName);
      return { etag, res };
    } catch (err) {
      if (!(err instanceof S3Error) || !isRetryable(err) || attempt + 1 >= maxAttempts || signal?.aborted) throw err;
      await sleep(backoffDelay(attempt, exec.config.retry), signal);
    }
  }
}

function errorFromBody(req: HttpRequest, res: IncomingMessage, root: XmlElement): S3Error {
  const text = (name: string) => {
    const v = child(root, name)?.text;
    return v === "" ? undefined : v;
  };
  return new S3Error({
    code: text("Code") ?? "InternalError",
    message: text("Message") ?? "",
    status: res.statusCode ?? 200,
    resource: text("Resource"),
    requestId: text("RequestId"),
    bucketName: req.bucket,
    objectName: req.key,
  });
}

/** UploadPartCopy → the part's ETag. */
export async function uploadPartCopy(
  exec: RequestExecutor, bucket: string, key: string, uploadId: string, partNumber: number, headers: Record<string, string>, signal?: AbortSignal,
): Promise<CopiedPart> {
  const req: HttpRequest = {
    method: "PUT", bucket, key, query: [["partNumber", String(partNumber)], ["uploadId", uploadId]], headers, idempotent: true,
  };
  const { etag } = await sendCopy(exec, req, "CopyPartResult", signal);
  return { partNumber, etag };
}
