/**
 * Plans a snowball upload (no I/O): the archive PUT's headers, the PAX records every entry
 * carries, how archives are staged and batched. An array source is validated here, so bad
 * objects are refused before anything is read or sent.
 */
import { randomBytes } from "node:crypto";
import { InvalidArgumentError } from "../errors.js";
import type { Retention } from "../model/retention.js";
import { toSnowballObject } from "../model/snowball.js";
import { SseCustomerKey, SseKMS, SseS3, type Sse } from "../model/sse.js";
import type { Tags } from "../model/tags.js";
import { freezeNode } from "../plan/nodes.js";
import type { SnowballSource } from "../plan/runner.js";
import type { SnowballBatchLimits, SnowballStep, SnowballUploadNode } from "../plan/snowball-node.js";
import { checkInteger } from "../validate/index.js";
import type { SignalOption } from "./object-ref.js";
import { writeHeaders } from "./upload-headers.js";

/** Default batch limits of `putMany`: archives of at most 64 MiB and 10 000 objects. */
export const DEFAULT_SNOWBALL_BATCH: SnowballBatchLimits = Object.freeze({ maxBytes: 64 * 1024 ** 2, maxObjects: 10_000 });

/** The header that makes MinIO extract an archive instead of storing it. */
export const SNOWBALL_EXTRACT_HEADER = "x-amz-meta-snowball-auto-extract";

/** Options of `BucketRef.putMany` (and, through the facade, of `uploadSnowballObjects`). */
export interface PutManyOptions extends SignalOption {
  /**
   * Gzip each archive (MinIO detects and inflates it). A compressed archive's length is known only
   * once built, so it is staged: in memory, or in `stagingFilename`.
   */
  readonly compression?: boolean;
  /**
   * Stage each archive in this file (created exclusively — an existing file is refused — and
   * removed after the PUT, also on failure) instead of streaming it or holding it in memory.
   */
  readonly stagingFilename?: string;
  /** User metadata (x-amz-meta-*) and standard headers given to every extracted object. */
  readonly metadata?: Readonly<Record<string, string | number | boolean>>;
  /** Content type of every extracted object. */
  readonly contentType?: string;
  /** Tags of every extracted object. */
  readonly tags?: Tags | Readonly<Record<string, string>>;
  /** Encryption of the extracted objects: SSE-S3, or SSE-C (https). MinIO refuses SSE-KMS on extraction. */
  readonly sse?: Sse;
  /** Object-lock retention of every extracted object. */
  readonly retention?: Retention;
  /** Legal hold on every extracted object. */
  readonly legalHold?: boolean;
  /**
   * How the source is cut into archives, one PUT each, sent one after another. Default
   * {@link DEFAULT_SNOWBALL_BATCH}: memory stays at one archive's object descriptions (and
   * their in-memory data, or one staged archive), however long the source. `false`: one archive
   * for everything (the seed's behaviour), refused when it would pass 5 GiB.
   */
  readonly batch?: false | Partial<SnowballBatchLimits>;
  /**
   * Archives sent at once, 1..16 (default {@link DEFAULT_SNOWBALL_PARALLEL}). MinIO extracts
   * at most 16 entries of one archive at a time, so several archives in flight extract faster;
   * memory grows to `parallel` archives' worth of descriptions (or staged archives).
   */
  readonly parallel?: number;
}

/** Default number of archives `putMany` sends at once. */
export const DEFAULT_SNOWBALL_PARALLEL = 2;

/** Plans a snowball upload into `bucket`. */
export function planSnowball(bucket: string, source: SnowballSource, options: PutManyOptions): SnowballUploadNode {
  if (source === null || typeof source !== "object" || !(Symbol.iterator in source || Symbol.asyncIterator in source)) {
    throw new InvalidArgumentError("objects must be an iterable or async iterable of SnowballObject or { name, data }");
  }
  const sse = checkSnowballSse(options.sse);
  const compression = options.compression === true;
  if (options.compression !== undefined && typeof options.compression !== "boolean") throw new InvalidArgumentError("compression must be a boolean");
  const stagingFile = options.stagingFilename;
  if (stagingFile !== undefined && (typeof stagingFile !== "string" || stagingFile === "")) throw new InvalidArgumentError("stagingFilename must be a non-empty string");
  const batch = batchLimits(options.batch);
  const objectCount = Array.isArray(source) ? checkArray(source, batch === null) : null;

  const { metadata, contentType, tags, retention, legalHold } = options;
  const entryHeaders = writeHeaders({ ...(metadata ? { metadata } : {}), ...(contentType !== undefined ? { contentType } : {}), ...(tags ? { tags } : {}) }, "");
  if (entryHeaders["content-type"] === "") delete entryHeaders["content-type"];
  const entryRecords: Record<string, string> = {};
  for (const [k, v] of Object.entries(entryHeaders)) entryRecords[`minio.metadata.${k}`] = v;
  const headers: Record<string, string> = writeHeaders({ ...(retention ? { retention } : {}), ...(legalHold !== undefined ? { legalHold } : {}) }, "");
  delete headers["content-type"];
  headers[SNOWBALL_EXTRACT_HEADER] = "true";

  const staging = stagingFile !== undefined ? "file" : compression ? "memory" : "none";
  const steps: SnowballStep[] = [{ step: "CollectObjects", duplicates: "refused" }];
  if (staging !== "none") steps.push({ step: "StageArchive", into: staging, gzip: compression });
  steps.push({ step: "PutObject", body: staging === "none" ? "tar of exact length" : "staged archive" });
  if (staging === "file") steps.push({ step: "RemoveStagingFile", when: "always" });
  return freezeNode({
    kind: "SnowballUpload",
    bucket,
    archiveName: `snowball.${randomBytes(8).toString("hex")}.${compression ? "tar.gz" : "tar"}`,
    staging,
    ...(stagingFile !== undefined ? { stagingFile } : {}),
    compression,
    headers,
    entryRecords,
    ...(sse ? { sse } : {}),
    objectCount,
    parallel: parallelOf(options.parallel, batch === null || stagingFile !== undefined),
    batch,
    steps,
  });
}

function checkSnowballSse(sse: unknown): SseS3 | SseCustomerKey | undefined {
  if (sse === undefined) return undefined;
  if (sse instanceof SseKMS) throw new InvalidArgumentError("MinIO does not extract archives sent with SSE-KMS (NotImplemented): use SseS3 or SseCustomerKey");
  if (sse instanceof SseCustomerKey || sse instanceof SseS3) return sse;
  throw new InvalidArgumentError("sse must be an SseS3 or SseCustomerKey");
}

/** Archives in flight: one for a single archive or a staging file (one file, one archive at a time). */
function parallelOf(parallel: number | undefined, one: boolean): number {
  if (parallel === undefined) return one ? 1 : DEFAULT_SNOWBALL_PARALLEL;
  checkInteger(parallel, "parallel", 1, 16);
  if (one && parallel > 1) throw new InvalidArgumentError("parallel > 1 needs batches and no stagingFilename (one staging file holds one archive at a time)");
  return parallel;
}

function batchLimits(batch: PutManyOptions["batch"]): SnowballBatchLimits | null {
  if (batch === false) return null;
  if (batch === undefined) return DEFAULT_SNOWBALL_BATCH;
  if (batch === null || typeof batch !== "object") throw new InvalidArgumentError("batch must be false or { maxBytes, maxObjects }");
  const maxBytes = batch.maxBytes ?? DEFAULT_SNOWBALL_BATCH.maxBytes;
  const maxObjects = batch.maxObjects ?? DEFAULT_SNOWBALL_BATCH.maxObjects;
  checkInteger(maxBytes, "batch.maxBytes", 1024, 5 * 1024 ** 3);
  checkInteger(maxObjects, "batch.maxObjects", 1);
  return Object.freeze({ maxBytes, maxObjects });
}

/** Validates every item of an array source now; duplicates too when it all goes in one archive. */
function checkArray(items: readonly unknown[], oneArchive: boolean): number {
  const names = new Set<string>();
  for (const item of items) {
    const o = toSnowballObject(item as Parameters<typeof toSnowballObject>[0]);
    if (oneArchive && names.has(o.objectName)) throw new InvalidArgumentError(`${JSON.stringify(o.objectName)} appears twice: MinIO extracts entries concurrently, so which one wins is undefined`);
    names.add(o.objectName);
  }
  return items.length;
}
