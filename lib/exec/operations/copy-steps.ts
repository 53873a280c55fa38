/**
 * Runs the steps of a copy or compose plan (see CopyStep): stat the sources, then either one
 * CopyObject or a multipart copy that is aborted on any failure.
 */
import { unquoteETag } from "../../xml/etag.js";
import type { IncomingHttpHeaders } from "node:http";
import { InvalidArgumentError } from "../../errors.js";
import type { ObjectWriteResult } from "../../model/results.js";
import { SseCustomerKey, type Sse } from "../../model/sse.js";
import { MAX_COPY_PARTS, MIN_COPY_PART, type CopyDirective, type CopySourceSpec, type CopyStep } from "../../plan/copy-nodes.js";
import { taggingHeaderValue } from "../../model/copy-source.js";
import { objectTagsCodec } from "../../xml/configs/tags.js";
import { SSEC_OVER_HTTP, type RequestExecutor } from "../executor.js";
import { readText } from "../read-body.js";
import type { HttpRequest } from "../http-request.js";
import { copySourceHeaders, sendCopy, sseHeaders, uploadPartCopy, type CopiedPart } from "./copy-multipart.js";
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload } from "./multipart-requests.js";

/** What both plan kinds reduce to. */
export interface CopyJob {
  readonly bucket: string;
  readonly key: string;
  readonly sources: readonly CopySourceSpec[];
  readonly headers: Readonly<Record<string, string>>;
  readonly sse?: Sse;
  readonly steps: readonly CopyStep[];
  readonly metadataDirective: CopyDirective;
  readonly taggingDirective: CopyDirective;
  /** Whether a multipart copy under the COPY directive carries the source's metadata (copy: yes; compose: no). */
  readonly carrySourceMetadata: boolean;
  /**
   * Size of the one whole source, already known from a listing: when one CopyObject can copy
   * it (≤ the multipart step's part size) the StatSources HEAD is skipped.
   */
  readonly listedSize?: number;
}

/** What a stat of a source learned. */
export interface SourceStat {
  readonly size: number;
  readonly etag: string;
  readonly headers: IncomingHttpHeaders;
}

/** One part of a multipart copy: a source and an inclusive byte range (absent: the whole source). */
export interface CopyPart {
  readonly source: number;
  readonly range?: { readonly start: number; readonly end: number };
}

const PART_CONCURRENCY = 4;
const STAT_CONCURRENCY = 8;
const METADATA_HEADERS = ["cache-control", "content-disposition", "content-encoding", "content-language", "content-type", "expires"];

/** Runs a copy plan's steps in order. */
export async function runCopyJob(exec: RequestExecutor, job: CopyJob, signal?: AbortSignal): Promise<ObjectWriteResult> {
  const usesCustomerKey = job.sse instanceof SseCustomerKey || job.sources.some((s) => s.ssec !== undefined);
  if (usesCustomerKey && !exec.config.endpoint.secure) {
    throw new InvalidArgumentError(SSEC_OVER_HTTP);
  }
  let stats: readonly SourceStat[] = [];
  for (const step of job.steps) {
    switch (step.step) {
      case "StatSources":
        if (knownSmall(job)) {
          stats = [{ size: job.listedSize!, etag: "", headers: {} }];
          break;
        }
        stats = await mapLimit(job.sources, STAT_CONCURRENCY, (s) => statSource(exec, s, signal));
        break;
      case "CopyObject":
        if (job.sources.length === 1 && job.sources[0]!.range === undefined && stats[0] !== undefined && stats[0].size <= maxPart(job.steps)) {
          return singleCopy(exec, job, signal);
        }
        break;
      case "MultipartCopy":
        return multipartCopy(exec, job, stats, planParts(job.sources, stats, step.maxPartSize), signal);
    }
  }
  throw new InvalidArgumentError("copy plan has no step that writes");
}

/** Whether the job's listed size says one CopyObject will do (so no stat is needed). */
function knownSmall(job: CopyJob): boolean {
  return job.listedSize !== undefined && job.sources.length === 1 && job.sources[0]!.range === undefined && job.listedSize <= maxPart(job.steps);
}

function maxPart(steps: readonly CopyStep[]): number {
  for (const s of steps) if (s.step === "MultipartCopy") return s.maxPartSize;
  return Number.POSITIVE_INFINITY;
}

/** HEAD of a source, with its version and customer key. */
async function statSource(exec: RequestExecutor, s: CopySourceSpec, signal?: AbortSignal): Promise<SourceStat> {
  const req: HttpRequest = {
    method: "HEAD", bucket: s.bucket, key: s.key, query: s.versionId !== undefined ? [["versionId", s.versionId]] : [],
    headers: s.ssec ? s.ssec.headers() : {}, idempotent: true, notFoundCode: "NoSuchKey",
  };
  const res = await exec.send(req, signal);
  res.resume();
  const len = res.headers["content-length"];
  const etag = res.headers["etag"];
  return { size: Number(len ?? 0), etag: typeof etag === "string" ? unquoteETag(etag) : "", headers: res.headers };
}

/**
 * Splits the sources into parts after their stats, refusing (InvalidArgumentError) ranges
 * past the end, non-last sources under 5 MiB and more than 10,000 parts. Sources over
 * `maxPartSize` become several parts of (nearly) equal size.
 */
export function planParts(sources: readonly CopySourceSpec[], stats: readonly SourceStat[], maxPartSize: number): CopyPart[] {
  const parts: CopyPart[] = [];
  sources.forEach((s, i) => {
    const size = stats[i]!.size;
    const name = `sources[${i}] (${s.bucket}/${s.key})`;
    let start = 0;
    let length = size;
    if (s.range) {
      start = s.range.offset;
      if (start >= size && !(start === 0 && size === 0)) throw new InvalidArgumentError(`${name}: offset ${start} is past the end of the object (${size} bytes)`);
      length = s.range.length ?? size - start;
      if (start + length > size) throw new InvalidArgumentError(`${name}: range ${start}+${length} is past the end of the object (${size} bytes)`);
    }
    if (i < sources.length - 1 && length < MIN_COPY_PART) {
      throw new InvalidArgumentError(`${name}: every source but the last must be at least 5 MiB, this one gives ${length} bytes`);
    }
    if (length <= maxPartSize) {
      parts.push(s.range ? { source: i, range: { start, end: start + length - 1 } } : { source: i });
    } else {
      const count = Math.ceil(length / maxPartSize);
      const each = Math.ceil(length / count);
      for (let off = 0; off < length; off += each) {
        parts.push({ source: i, range: { start: start + off, end: start + Math.min(off + each, length) - 1 } });
      }
    }
    if (parts.length > MAX_COPY_PARTS) throw new InvalidArgumentError(`a compose may have at most ${MAX_COPY_PARTS} parts; these sources need more`);
  });
  return parts;
}

/** One CopyObject request. */
async function singleCopy(exec: RequestExecutor, job: CopyJob, signal?: AbortSignal): Promise<ObjectWriteResult> {
  const headers: Record<string, string> = {
    ...job.headers,
    ...copySourceHeaders(job.sources[0]!),
    ...sseHeaders(job.sse),
    "x-amz-metadata-directive": job.metadataDirective,
    "x-amz-tagging-directive": job.taggingDirective,
  };
  const req: HttpRequest = { method: "PUT", bucket: job.bucket, key: job.key, query: [], headers, idempotent: true };
  const { etag, res } = await sendCopy(exec, req, "CopyObjectResult", signal);
  return writeResultOf(job, etag, res.headers);
}

/** CreateMultipartUpload, UploadPartCopy × n, CompleteMultipartUpload; aborted on any failure. */
async function multipartCopy(exec: RequestExecutor, job: CopyJob, stats: readonly SourceStat[], parts: readonly CopyPart[], signal?: AbortSignal): Promise<ObjectWriteResult> {
  const initHeaders: Record<string, string> = { ...carriedMetadata(job, stats), ...(await carriedTags(exec, job, stats, signal)), ...job.headers };
  const upload = { bucket: job.bucket, key: job.key, headers: initHeaders, ...(job.sse ? { sse: job.sse } : {}) };
  signal?.throwIfAborted();
  // Not abortable: a create cut off in flight could leave an upload whose id we never learn.
  const uploadId = await createMultipartUpload(exec, upload);
  try {
    signal?.throwIfAborted();
    const copied = await mapLimit(parts, PART_CONCURRENCY, (p, i): Promise<CopiedPart> => {
      const src = job.sources[p.source]!;
      const headers = { ...copySourceHeaders(src, p.range, stats[p.source]!.etag || undefined), ...sseHeaders(job.sse, true) };
      return uploadPartCopy(exec, job.bucket, job.key, uploadId, i + 1, headers, signal);
    });
    const quoted = copied.map((p) => ({ partNumber: p.partNumber, etag: `"${p.etag}"` }));
    return await completeMultipartUpload(exec, upload, uploadId, quoted, signal);
  } catch (err) {
    await abortMultipartUpload(exec, upload, uploadId).catch(() => undefined); // the original failure is what matters
    throw err;
  }
}

/** With the COPY metadata directive a multipart copy keeps the source's content headers and user metadata (from its stat). */
function carriedMetadata(job: CopyJob, stats: readonly SourceStat[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!job.carrySourceMetadata || job.metadataDirective !== "COPY" || stats.length !== 1) return out;
  for (const [k, v] of Object.entries(stats[0]!.headers)) {
    if (typeof v === "string" && (k.startsWith("x-amz-meta-") || METADATA_HEADERS.includes(k))) out[k] = v;
  }
  return out;
}

/** With the COPY tagging directive a multipart copy reads the source's tags (when the stat counts any) and writes them. */
async function carriedTags(exec: RequestExecutor, job: CopyJob, stats: readonly SourceStat[], signal?: AbortSignal): Promise<Record<string, string>> {
  if (!job.carrySourceMetadata || job.taggingDirective !== "COPY" || stats.length !== 1) return {};
  if (!(Number(stats[0]!.headers["x-amz-tagging-count"] ?? 0) > 0)) return {};
  const s = job.sources[0]!;
  const query: Array<[string, string]> = [["tagging", ""]];
  if (s.versionId !== undefined) query.push(["versionId", s.versionId]);
  const res = await exec.send({ method: "GET", bucket: s.bucket, key: s.key, query, headers: {}, idempotent: true }, signal);
  const tags = objectTagsCodec.decode(await readText(res));
  return tags.size > 0 ? { "x-amz-tagging": taggingHeaderValue(tags) } : {};
}

function writeResultOf(job: CopyJob, etag: string, headers: IncomingHttpHeaders): ObjectWriteResult {
  const v = headers["x-amz-version-id"];
  const versionId = Array.isArray(v) ? v[0] : v;
  return { bucketName: job.bucket, objectName: job.key, etag, ...(versionId && versionId !== "null" ? { versionId } : {}), headers };
}

/** Maps with at most `limit` calls in flight; the first failure rejects (the rest finish quietly). */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!, i);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const workers = Array.from({ length: Math.min(limit, items.length) }, worker);
  const settled = await Promise.allSettled(workers);
  const bad = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (bad) throw bad.reason;
  return out;
}
