/**
 * Plans and starts a query's copyTo, mirrorTo and setTags: every option is checked and the
 * plan made before anything is sent; the run starts at once as a {@link BulkMutation}.
 */
import { InvalidArgumentError } from "../errors.js";
import { BulkMutation } from "../model/bulk-mutation.js";
import { Tags } from "../model/tags.js";
import { MAX_COPY_PART, type CopyStep } from "../plan/copy-nodes.js";
import { freezeNode, type CopyObjectsNode, type ListApi, type ListObjectsNode, type MirrorCompare, type TagObjectsNode } from "../plan/nodes.js";
import type { QueryNode } from "../plan/query-node.js";
import type { PlanRunner, RunOptions } from "../plan/runner.js";
import { checkBucketName, checkInteger } from "../validate/index.js";
import { objectTagsCodec, type TagsInput } from "../xml/configs/tags.js";
import type { SignalOption } from "./object-ref.js";

/** Default copies (or tag requests) in flight of a bulk mutation. */
export const DEFAULT_BULK_CONCURRENCY = 8;

/** Options every per-key bulk mutation takes. */
export interface BulkOptions extends SignalOption {
  /** Report every match as skipped and send no mutation (listings still run). */
  readonly dryRun?: boolean;
  /** Requests (copies, tag writes) in flight at most, 1..64 (default 8). */
  readonly concurrency?: number;
}

/** Options of `ObjectsQuery.copyTo`. */
export interface CopyToOptions extends BulkOptions {
  /** Written in front of each key once the query's prefix is removed from it (default ""). */
  readonly prefix?: string;
}

/** Options of `ObjectsQuery.mirrorTo`. */
export interface MirrorToOptions extends CopyToOptions {
  /**
   * Also remove target keys (under the target prefix) that have no source object at all
   * under the query's prefix (mc mirror --remove). A source object that exists but does not
   * match the query's predicates keeps its target copy: only keys with no source go.
   */
  readonly removeExtra?: boolean;
}

/** Options of `ObjectsQuery.setTags`. */
export type SetTagsOptions = BulkOptions;

/** What the builders know of the query a bulk mutation runs. */
export interface BulkSource {
  readonly bucket: string;
  readonly prefix: string;
  readonly recursive: boolean;
  readonly api: ListApi;
  /** Whether the query has no predicate, filter, limit or start key (its matches are every object under the prefix). */
  readonly plain: boolean;
  readonly query: QueryNode;
}

const COPY_STEPS: readonly CopyStep[] = Object.freeze([
  Object.freeze({ step: "StatSources" }),
  Object.freeze({ step: "CopyObject", when: "single whole source of at most 5 GiB" }),
  Object.freeze({ step: "MultipartCopy", when: "otherwise", maxPartSize: MAX_COPY_PART, pinSourceETag: true, onFailure: "AbortMultipartUpload" }),
] satisfies CopyStep[]);

/** Checks the options every bulk mutation (remove included) takes; InvalidArgumentError on bad input. */
export function checkCommon(options: BulkOptions, what: string, defaultConcurrency = DEFAULT_BULK_CONCURRENCY): { concurrency: number; dryRun: boolean } {
  if (options === null || typeof options !== "object") throw new InvalidArgumentError(`${what} options must be an object`);
  const concurrency = options.concurrency ?? defaultConcurrency;
  checkInteger(concurrency, "concurrency", 1, 64);
  if (options.dryRun !== undefined && typeof options.dryRun !== "boolean") throw new InvalidArgumentError("dryRun must be true or false");
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) throw new InvalidArgumentError("signal must be an AbortSignal");
  return { concurrency, dryRun: options.dryRun === true };
}

/** A recursive (or one-level, like the query) V2 listing of `prefix` in `bucket`. */
function listingOf(bucket: string, prefix: string, recursive: boolean): ListObjectsNode {
  return freezeNode({
    kind: "ListObjects", bucket, api: "v2", prefix, ...(recursive ? {} : { delimiter: "/" }), includeUserMeta: false, urlEncoding: true, pageSize: 1000,
  });
}

/** The CopyObjects plan of `copyTo` (mode "copy") or `mirrorTo` (mode "mirror"); InvalidArgumentError on bad input. */
export function planCopyObjects(mode: "copy" | "mirror", source: BulkSource, bucket: string, options: MirrorToOptions): CopyObjectsNode {
  const what = mode === "copy" ? "copyTo" : "mirrorTo";
  const { concurrency, dryRun } = checkCommon(options, what);
  checkBucketName(bucket);
  const prefix = options.prefix ?? "";
  if (typeof prefix !== "string") throw new InvalidArgumentError(`${what} prefix must be a string`);
  if (bucket === source.bucket && (prefix.startsWith(source.prefix) || source.prefix.startsWith(prefix))) {
    throw new InvalidArgumentError(`${what}: the target ${bucket}/${prefix} overlaps the source ${source.bucket}/${source.prefix} (copies would be listed as sources)`);
  }
  if (options.removeExtra !== undefined && typeof options.removeExtra !== "boolean") throw new InvalidArgumentError("removeExtra must be true or false");
  if (mode === "copy" && options.removeExtra !== undefined) throw new InvalidArgumentError("removeExtra is a mirrorTo option");
  let compare: MirrorCompare | undefined;
  if (mode === "mirror") {
    if (source.api === "versions") throw new InvalidArgumentError("mirrorTo mirrors current objects: use copyTo on a versions() query");
    compare = {
      rule: "size, then etag; multipart etags: target not older than source",
      target: listingOf(bucket, prefix, source.recursive),
      ...(options.removeExtra === true ? {
        removeExtra: { sourceKeys: source.plain ? "matches" as const : listingOf(source.bucket, source.prefix, source.recursive), batchSize: 1000 },
      } : {}),
    };
  }
  return freezeNode({
    kind: "CopyObjects",
    mode,
    source: Object.freeze({ bucket: source.bucket, query: source.query, stripPrefix: source.prefix }),
    target: Object.freeze({ bucket, prefix }),
    steps: COPY_STEPS,
    ...(compare ? { compare: Object.freeze(compare) } : {}),
    concurrency,
    dryRun,
  });
}

/** The TagObjects plan of `setTags`; the tags are checked now (at most 10, key 1..128, value ≤ 256 characters). */
export function planTagObjects(source: BulkSource, tags: TagsInput, options: SetTagsOptions): TagObjectsNode {
  const { concurrency, dryRun } = checkCommon(options, "setTags");
  if (tags === null || typeof tags !== "object") throw new InvalidArgumentError("setTags takes the tags as an object or a Map");
  const checked = new Tags(true, tags instanceof Map ? tags : Object.entries(tags));
  return freezeNode({
    kind: "TagObjects",
    bucket: source.bucket,
    query: source.query,
    tags: Object.freeze(Object.fromEntries(checked)),
    body: objectTagsCodec.encode(checked),
    concurrency,
    dryRun,
  });
}

/** Starts a CopyObjects or TagObjects plan now (not on subscribe) and returns it as a {@link BulkMutation}. */
export function startBulk(runner: PlanRunner, node: CopyObjectsNode | TagObjectsNode, options: SignalOption, beside: Pick<RunOptions, "functions">): BulkMutation {
  return BulkMutation.start((emit, signal) => runner.run(node, { ...beside, signal, onResult: emit }), options.signal);
}
