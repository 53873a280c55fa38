/**
 * The two multipart requests whose answer can be lost after the server acted on them:
 *
 * - CreateMultipartUpload: retried on network errors and throttling; when an attempt failed
 *   on the network (the server may have created an upload whose id never reached us), the
 *   uploads of the same key initiated between that attempt and the successful one are aborted
 *   (the window is measured on the server's clock, from our own upload's `Initiated`, so
 *   client clock skew does not matter). An upload of the same key started by someone else in
 *   that sub-second window would be aborted too: S3 gives no way to tell them apart.
 * - CompleteMultipartUpload: retried by the executor; when a retry meets NoSuchUpload, the
 *   first attempt may have completed. The object is then checked: if its ETag is the multipart
 *   ETag of exactly our parts (MD5 of the part MD5s, "-N"), the upload did complete.
 */
import { createHash } from "node:crypto";
import { S3Error } from "../../errors.js";
import type { ObjectWriteResult } from "../../model/results.js";
import { SseCustomerKey } from "../../model/sse.js";
import type { CompletedPart } from "../../xml/multipart.js";
import type { RequestExecutor } from "../executor.js";
import { backoffDelay, isRetryable, maxAttempts, sleep } from "../retry.js";
import { NetworkError } from "../transport.js";
import { completeMultipartUpload, createMultipartUpload, type Target } from "./multipart-requests.js";
import { listUploads } from "./uploads.js";
import { headObject } from "./objects.js";

/** Slack added to the sweep window, for the server's clock granularity. */
const SWEEP_SLACK_MS = 1_000;

/** CreateMultipartUpload with retries; orphans a lost answer may have left are aborted. */
export async function createUploadRetrying(exec: RequestExecutor, t: Target, signal?: AbortSignal): Promise<string> {
  const started = Date.now();
  const attempts = maxAttempts(exec.config.retry);
  let lost = false;
  for (let attempt = 0; ; attempt++) {
    try {
      const uploadId = await createMultipartUpload(exec, t, signal);
      if (lost) await sweepOrphans(exec, t, uploadId, Date.now() - started, signal).catch(() => undefined);
      return uploadId;
    } catch (err) {
      if (attempt + 1 >= attempts || !isRetryable(err) || signal?.aborted) throw err;
      lost ||= err instanceof NetworkError;
      await sleep(backoffDelay(attempt, exec.config.retry), signal);
    }
  }
}

/** Aborts uploads of `t.key` other than `ours` initiated up to `windowMs` before it. */
async function sweepOrphans(exec: RequestExecutor, t: Target, ours: string, windowMs: number, signal?: AbortSignal): Promise<void> {
  const uploads = (await listUploads(exec, { kind: "ListUploads", bucket: t.bucket, prefix: t.key }, signal)).filter((u) => u.objectName === t.key);
  const mine = uploads.find((u) => u.uploadId === ours)?.initiated?.getTime();
  if (mine === undefined) return;
  for (const u of uploads) {
    const at = u.initiated?.getTime();
    if (u.uploadId === ours || at === undefined || at > mine || at < mine - windowMs - SWEEP_SLACK_MS) continue;
    const res = await exec.send({ method: "DELETE", bucket: t.bucket, key: t.key, query: [["uploadId", u.uploadId]], headers: {}, idempotent: true });
    res.resume();
  }
}

/**
 * CompleteMultipartUpload; a NoSuchUpload after a lost answer is resolved by checking the
 * object's ETag against the parts, and a cut answer body is asked again.
 */
export async function completeUploadChecked(
  exec: RequestExecutor, t: Target, uploadId: string, parts: readonly CompletedPart[], signal?: AbortSignal,
): Promise<ObjectWriteResult> {
  const attempts = maxAttempts(exec.config.retry);
  for (let attempt = 0; ; attempt++) {
    try {
      return await completeMultipartUpload(exec, t, uploadId, parts, signal);
    } catch (err) {
      if (err instanceof S3Error && err.code === "NoSuchUpload") {
        const done = await completedAs(exec, t, parts, signal).catch(() => undefined);
        if (done) return done;
        throw err;
      }
      // A NetworkError here is a cut answer body (the executor already retried the request itself).
      if (!(err instanceof NetworkError) || attempt + 1 >= attempts || signal?.aborted) throw err;
      await sleep(backoffDelay(attempt, exec.config.retry), signal);
    }
  }
}

/** The write result of the object, if its ETag says it was built from exactly `parts`. */
async function completedAs(exec: RequestExecutor, t: Target, parts: readonly CompletedPart[], signal?: AbortSignal): Promise<ObjectWriteResult | undefined> {
  const expected = multipartETag(parts);
  if (expected === undefined) return undefined;
  const info = await headObject(exec, { kind: "HeadObject", bucket: t.bucket, key: t.key, headers: {}, query: {}, ...(t.sse instanceof SseCustomerKey ? { ssec: t.sse } : {}) }, signal);
  if (info.etag?.toLowerCase() !== expected) return undefined;
  const versionId = info.versionId;
  return { bucketName: t.bucket, objectName: t.key, etag: info.etag, ...(versionId ? { versionId } : {}), headers: { ...info.metadata } };
}

/** The ETag S3 gives an object completed from `parts` (hex-MD5 part ETags only), or undefined. */
export function multipartETag(parts: readonly CompletedPart[]): string | undefined {
  const h = createHash("md5");
  for (const p of parts) {
    if (!/^[0-9a-f]{32}$/i.test(p.etag)) return undefined;
    h.update(Buffer.from(p.etag, "hex"));
  }
  return `${h.digest("hex")}-${parts.length}`;
}
