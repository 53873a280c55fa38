/**
 * Multipart upload orchestration: reads the body part by part (never the whole of it),
 * uploads `parallel` parts at once, completes, and aborts the upload on any failure after
 * it was created — a source error, a failed part, an abort signal — so nothing is orphaned.
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { InvalidArgumentError } from "../../errors.js";
import type { ObjectWriteResult } from "../../model/results.js";
import type { MultipartUploadNode, PutObjectNode, UploadFileNode } from "../../plan/nodes.js";
import { MAX_PART_COUNT, partInfo } from "../../plan/part-size.js";
import type { BodyInput, RunOptions } from "../../plan/runner.js";
import { BufferPool, cutParts, type Part } from "../body/parts.js";
import { bufferSource, isInMemory } from "../body/source.js";
import type { RequestExecutor } from "../executor.js";
import { PartRefills } from "./part-refills.js";
import type { CompletedPart } from "../../xml/multipart.js";
import { abortMultipartUpload, uploadPart } from "./multipart-requests.js";
import { completeUploadChecked, createUploadRetrying } from "./multipart-recovery.js";
import { putBuffer } from "./objects.js";
import { UploadProgress } from "./upload-progress.js";
import { withChecksumFallback, withCrc32Algorithm } from "../checksum/upload-checksum.js";
import { withCompositeChecksum } from "../checksum/write-checksum.js";

/** Multipart upload of a body (one PUT when a body of unknown size ends within its first part). */
export async function multipartUpload(exec: RequestExecutor, node: MultipartUploadNode, options: RunOptions): Promise<ObjectWriteResult> {
  if (options.body === undefined) throw new InvalidArgumentError("MultipartUpload needs a body");
  return uploadBody(exec, node, options.body, options);
}

/** Upload of a local file: one PUT up to the part size, a multipart upload above it. */
export async function uploadFile(exec: RequestExecutor, node: UploadFileNode, options: RunOptions): Promise<ObjectWriteResult> {
  const info = await stat(node.filePath);
  if (!info.isFile()) throw new InvalidArgumentError(`${node.filePath} is not a regular file`);
  const size = info.size;
  const { partSize, partCount } = partInfo(size, node.partSize ?? undefined);
  const target = { bucket: node.bucket, key: node.key, headers: node.headers, ...(node.sse ? { sse: node.sse } : {}), ...(node.checksum ? { checksum: node.checksum } : {}) };
  if (size <= partSize) {
    const data = await readFile(node.filePath, { signal: options.signal });
    if (data.length !== size) throw new InvalidArgumentError(`${node.filePath} changed size while it was read`);
    const put: PutObjectNode = { kind: "PutObject", ...target, size };
    return putBuffer(exec, put, data, options.signal, new UploadProgress(size, options.progress));
  }
  const mp: MultipartUploadNode = {
    kind: "MultipartUpload", ...target, size, partSize, partCount, parallel: node.parallel, steps: [],
  };
  return uploadBody(exec, mp, createReadStream(node.filePath, { highWaterMark: 1024 * 1024 }), options);
}

async function uploadBody(exec: RequestExecutor, node: MultipartUploadNode, body: BodyInput, options: RunOptions): Promise<ObjectWriteResult> {
  const { signal } = options;
  signal?.throwIfAborted();
  const progress = new UploadProgress(node.size, options.progress);
  const pool = isInMemory(body) ? undefined : new BufferPool(node.partSize, node.parallel + 1);
  const parts = cutParts(bufferSource(body), node.partSize, pool, node.size)[Symbol.asyncIterator]();
  let finished = false;
  try {
    const first = await raceAbort(parts.next(), signal);
    if (first.done || first.value.data.length < node.partSize) {
      // The whole body fits one part (only possible when its size was unknown): one PUT.
      const data = first.done ? Buffer.alloc(0) : first.value.data;
      const put: PutObjectNode = {
        kind: "PutObject", bucket: node.bucket, key: node.key, size: data.length, headers: node.headers,
        ...(node.sse ? { sse: node.sse } : {}), ...(node.checksum ? { checksum: node.checksum } : {}),
      };
      const result = await putBuffer(exec, put, data, signal, progress);
      finished = true;
      return result;
    }
    // With CRC32 the upload is created for it; a server refusing that (under "auto") gets none.
    const { uploadId, crc32 } = await withChecksumFallback(exec, node.checksum, async (crc32) => ({
      uploadId: await createUploadRetrying(exec, crc32 ? withCrc32Algorithm(node) : node, signal), crc32,
    }));
    try {
      const { completed, bytes } = await uploadParts(exec, node, uploadId, first.value, parts, pool, progress, signal, crc32);
      const result = withCompositeChecksum(await completeUploadChecked(exec, node, uploadId, completed, signal), completed);
      finished = true;
      progress.done(bytes);
      return result;
    } catch (err) {
      await abortMultipartUpload(exec, node, uploadId).catch(() => undefined);
      throw err;
    }
  } finally {
    // Releases the source (destroys a Node stream, cancels a web stream). Not awaited on
    // failure: a source stuck in a read must not hold the rejection back.
    const closing = parts.return(undefined).catch(() => undefined);
    if (finished) await closing;
    else destroyNodeStream(body);
  }
}

/** Uploads every part, `node.parallel` at once; on the first failure aborts the others and rethrows it. */
async function uploadParts(
  exec: RequestExecutor, node: MultipartUploadNode, uploadId: string, first: Part, parts: AsyncIterator<Part, void>,
  pool: BufferPool | undefined, progress: UploadProgress, outer: AbortSignal | undefined, crc32: boolean,
): Promise<{ completed: CompletedPart[]; bytes: number }> {
  const stop = new AbortController();
  const signal = outer ? AbortSignal.any([outer, stop.signal]) : stop.signal;
  const completed: CompletedPart[] = [];
  let pending: Part | undefined = first;
  let exhausted = false;
  let nextNumber = 1;
  let bytes = 0;
  let failure: { error: unknown } | undefined;
  const refills = new PartRefills();

  // Parts are pulled one at a time (a chain), so part numbers follow the body's order.
  const pull = async (): Promise<{ n: number; part: Part } | undefined> => {
    if (failure || exhausted) return undefined;
    let part = pending;
    pending = undefined;
    if (part === undefined) {
      const r = await raceAbort(parts.next(), signal);
      if (r.done) {
        exhausted = true;
        return undefined;
      }
      part = r.value;
    }
    if (nextNumber > MAX_PART_COUNT) throw new InvalidArgumentError(`the body needs more than ${MAX_PART_COUNT} parts of ${node.partSize} bytes: give a larger partSize`);
    bytes += part.data.length;
    return { n: nextNumber++, part };
  };
  let chain: Promise<unknown> = Promise.resolve();
  const next = (): Promise<{ n: number; part: Part } | undefined> => {
    const p = chain.then(pull);
    chain = p.catch(() => undefined);
    return p;
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      const item = await next();
      if (item === undefined) return;
      try {
        const onProgress = progress.part();
        // A server that took the algorithm on Create but refuses the part header (under "auto")
        // gets this part, and every later one, without it.
        const send = (crc: boolean) => refills.run(() => uploadPart(exec, node, uploadId, item.n, item.part.data, signal, onProgress, crc), signal);
        completed.push(await (crc32 ? withChecksumFallback(exec, node.checksum, send) : send(false)));
      } finally {
        if (item.part.pooled) pool?.give(item.part.data);
      }
    }
  };
  await Promise.all(Array.from({ length: node.parallel }, () => worker().catch((error: unknown) => {
    failure ??= { error: outer?.aborted ? outer.reason ?? error : error };
    stop.abort(error);
  })));
  if (failure) throw failure.error;
  completed.sort((a, b) => a.partNumber - b.partNumber);
  // Part checksums are listed on complete only when every part carries one.
  if (completed.some((p) => p.checksumCRC32 === undefined)) return { completed: completed.map(({ partNumber, etag }) => ({ partNumber, etag })), bytes };
  return { completed, bytes };
}

/** A Node stream we failed to read to the end is destroyed (a read stuck in it would otherwise keep it open). */
function destroyNodeStream(body: BodyInput): void {
  const stream = body as { destroy?: () => void; pipe?: unknown };
  if (typeof stream.pipe === "function" && typeof stream.destroy === "function") stream.destroy();
}

/** Waits for `p`, or rejects as soon as `signal` aborts (the read itself is released later). */
function raceAbort<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return p;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => { signal.removeEventListener("abort", onAbort); resolve(v); },
      (e: unknown) => { signal.removeEventListener("abort", onAbort); reject(e); },
    );
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}
