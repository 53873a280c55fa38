import type { Observable } from "rxjs";
import { InvalidArgumentError } from "../errors.js";
import type { ObjectInfo } from "../model/object-info.js";
import { MAX_PARALLEL } from "../plan/fanout-plan.js";
import { freezeNode, type ListApi, type ListObjectsNode } from "../plan/nodes.js";
import type { PlanRunner } from "../plan/runner.js";
import type { BulkMutation } from "../model/bulk-mutation.js";
import type { RemoveObjectsNode } from "../plan/nodes.js";
import { planRemove, startRemove, type RemoveObjectsOptions } from "./remove-plan.js";
import type { CopyObjectsNode, TagObjectsNode } from "../plan/nodes.js";
import type { TagsInput } from "../xml/configs/tags.js";
import {
  planCopyObjects, planTagObjects, startBulk, type BulkSource, type CopyToOptions, type MirrorToOptions, type SetTagsOptions,
} from "./bulk-plan.js";
import type { Predicate } from "../plan/predicates.js";
import type { QueryNode } from "../plan/query-node.js";
import { planQuery } from "../planner/plan-query.js";
import { explainText, explainWatchText } from "../planner/explain-text.js";
import { planWatch } from "../planner/plan-watch.js";
import type { WatchNode } from "../plan/watch-node.js";
import { watchListener, type WatchOptions } from "./watch-plan.js";
import { PredicateBuilder, type AgeInput, type ObjectFilter, type SizeInput, type ValueMatch } from "../query/predicate-builder.js";
import {
  countReducer, groupByPrefixReducer, newerFirst, olderFirst, topReducer, totalSizeReducer, type PrefixGroup, type Reducer,
} from "../query/aggregates.js";
import { Aggregate } from "./aggregate.js";

/** Default most enrichment lookups (HEAD, tags) in flight per query. */
export const DEFAULT_LOOKUPS = 8;

interface QueryState {
  readonly bucket: string;
  readonly prefix: string;
  readonly recursive: boolean;
  readonly startAfter?: string;
  readonly api: ListApi;
  readonly includeUserMeta: boolean;
  readonly urlEncoding: boolean;
  readonly parallel: number;
  readonly ordered: boolean;
  readonly pageSize: number;
  /** Predicates (ANDed), the functions of filter(), the limit, lookups in flight. */
  readonly where?: readonly Predicate[];
  readonly functions?: readonly ObjectFilter[];
  readonly limit?: number;
  readonly lookups?: number;
}

/**
 * A listing of a bucket's objects: immutable (each call returns a new query), no I/O
 * until `stream()` is subscribed or the query is iterated with `for await`.
 *
 * @example
 * ```ts
 * for await (const o of s3.bucket("photos").objects().prefix("2024/").recursive()) console.log(o.objectName);
 * ```
 */
export class ObjectsQuery implements AsyncIterable<ObjectInfo> {
  readonly #runner: PlanRunner;
  readonly #state: QueryState;

  /** @internal Use `BucketRef.objects()`. */
  constructor(runner: PlanRunner, state: QueryState) {
    this.#runner = runner;
    this.#state = Object.freeze(state);
  }

  /** @internal */
  static of(runner: PlanRunner, bucket: string): ObjectsQuery {
    return new ObjectsQuery(runner, { bucket, prefix: "", recursive: false, api: "v2", includeUserMeta: false, urlEncoding: true, pageSize: 1000, parallel: 1, ordered: false });
  }

  #with(patch: Partial<QueryState>): ObjectsQuery {
    return new ObjectsQuery(this.#runner, { ...this.#state, ...patch });
  }

  /** Only keys starting with `prefix`. */
  prefix(prefix: string): ObjectsQuery {
    if (typeof prefix !== "string") throw new InvalidArgumentError("prefix must be a string");
    return this.#with({ prefix });
  }

  /** List every key under the prefix (no "/" delimiter); `false` lists one level with common prefixes. */
  recursive(recursive = true): ObjectsQuery {
    return this.#with({ recursive });
  }

  /** Start after this key. */
  startAfter(key: string): ObjectsQuery {
    if (typeof key !== "string") throw new InvalidArgumentError("startAfter must be a string");
    return this.#with({ startAfter: key });
  }

  /** List every version and delete marker (ListObjectVersions). */
  versions(on = true): ObjectsQuery {
    return this.#with({ api: on ? "versions" : "v2" });
  }

  /** Include user metadata and tags (a MinIO extension of ListObjectsV2). */
  withMetadata(on = true): ObjectsQuery {
    return this.#with({ includeUserMeta: on });
  }

  /** Use the legacy ListObjects (V1) API. */
  apiV1(on = true): ObjectsQuery {
    return this.#with({ api: on ? "v1" : "v2" });
  }

  /** Ask the server to URL-encode keys in responses (default true); Quarry decodes them. */
  urlEncoding(on: boolean): ObjectsQuery {
    return this.#with({ urlEncoding: on });
  }

  /**
   * Fan-out: list the common prefixes under the prefix with "/" listings (descending a level or
   * two when too few turn up, e.g. one top prefix holding everything), then scan up to `n`
   * prefixes at once. Entries come out in no particular order unless {@link ordered} is set;
   * every key comes out exactly once. `n` is 1..64 (1 = one sequential scan, the default).
   * Only for recursive listings: running a non-recursive query with `n > 1` throws
   * `InvalidArgumentError` (one "/" level is a single listing; there is nothing to fan out).
   */
  parallel(n: number): ObjectsQuery {
    if (!Number.isInteger(n) || n < 1 || n > MAX_PARALLEL) {
      throw new InvalidArgumentError(`parallel must be an integer from 1 to ${MAX_PARALLEL}, got ${n}`);
    }
    return this.#with({ parallel: n });
  }

  /**
   * With {@link parallel}: emit in key order, as a sequential listing does. Scans that run
   * ahead of the output buffer a bounded number of entries, then wait.
   */
  ordered(on = true): ObjectsQuery {
    return this.#with({ ordered: on });
  }

  /** Keys per page request, 1..1000 (default 1000). */
  pageSize(size: number): ObjectsQuery {
    if (!Number.isInteger(size) || size < 1 || size > 1000) throw new InvalidArgumentError(`pageSize must be an integer from 1 to 1000, got ${size}`);
    return this.#with({ pageSize: size });
  }

  /** The query's listing before planning (its source). */
  #listing(): ListObjectsNode {
    const s = this.#state;
    if (s.includeUserMeta && s.api !== "v2") {
      throw new InvalidArgumentError("withMetadata() works with ListObjectsV2 only, not with apiV1() or versions()");
    }
    if (s.parallel > 1 && !s.recursive) {
      throw new InvalidArgumentError("parallel() fans out recursive listings only: add recursive(), or drop parallel()");
    }
    return freezeNode({
      kind: "ListObjects",
      bucket: s.bucket,
      api: s.api,
      prefix: s.prefix,
      ...(s.recursive ? {} : { delimiter: "/" }),
      ...(s.startAfter !== undefined ? { startAfter: s.startAfter } : {}),
      includeUserMeta: s.includeUserMeta,
      urlEncoding: s.urlEncoding,
      pageSize: s.pageSize,
      ...(s.parallel > 1 ? { parallel: s.parallel, ordered: s.ordered } : {}),
    });
  }

  // ——— predicates (each returns a new query; conditions AND together) ———

  #where(make: (p: PredicateBuilder) => Predicate): ObjectsQuery {
    const functions = [...(this.#state.functions ?? [])];
    const predicate = make(new PredicateBuilder(functions));
    return this.#with({ where: [...(this.#state.where ?? []), predicate], functions });
  }

  /** Keys `from <= key < to` in UTF-8 byte order (`to` absent: to the end); pushed down to the server. */
  keyBetween(from: string, to?: string): ObjectsQuery {
    return this.#where((p) => p.keyBetween(from, to));
  }

  /** A glob on the whole key: `*` within one path level, `**` across (mc find --path); a literal head is pushed down. */
  glob(pattern: string): ObjectsQuery {
    return this.#where((p) => p.glob(pattern));
  }

  /** A glob on the key's last path segment (mc find --name). */
  name(pattern: string): ObjectsQuery {
    return this.#where((p) => p.name(pattern));
  }

  /** Leaves out keys whose last path segment matches the glob (mc find --ignore). */
  ignore(pattern: string): ObjectsQuery {
    return this.#where((p) => p.ignore(pattern));
  }

  /** A regular expression on the key (mc find --regex); a `^literal` head is pushed down. */
  match(re: RegExp): ObjectsQuery {
    return this.#where((p) => p.match(re));
  }

  /** Size strictly larger than bytes or a `"64MiB"`-style size. */
  larger(size: SizeInput): ObjectsQuery {
    return this.#where((p) => p.larger(size));
  }

  /** Size strictly smaller than bytes or a `"1KiB"`-style size. */
  smaller(size: SizeInput): ObjectsQuery {
    return this.#where((p) => p.smaller(size));
  }

  /** Modified before a Date, or longer ago than an age (ms or `"30d"`; s/m/h/d/w units), counted from when the query runs. */
  olderThan(x: AgeInput): ObjectsQuery {
    return this.#where((p) => p.olderThan(x));
  }

  /** Modified after a Date, or more recently than an age (ms or `"12h"`), counted from when the query runs. */
  newerThan(x: AgeInput): ObjectsQuery {
    return this.#where((p) => p.newerThan(x));
  }

  /** At most `n` path levels below the prefix: `maxDepth(1)` keeps keys with no "/" after the prefix. */
  maxDepth(n: number): ObjectsQuery {
    return this.#where((p) => p.maxDepth(n));
  }

  /** Content type matching a pattern such as `"image/*"` (a HEAD per candidate, or the metadata listing). */
  contentType(pattern: string): ObjectsQuery {
    return this.#where((p) => p.contentType(pattern));
  }

  /** User metadata: bare, case-insensitive names → exact value or RegExp (a HEAD per candidate, or the metadata listing). */
  metadata(values: ValueMatch): ObjectsQuery {
    return this.#where((p) => p.metadata(values));
  }

  /** Object tags: key → exact value or RegExp (GetObjectTagging per candidate, or the metadata listing). */
  tags(values: ValueMatch): ObjectsQuery {
    return this.#where((p) => p.tags(values));
  }

  /** Latest versions only, without delete markers (a versions() query). */
  latest(): ObjectsQuery {
    return this.#where((p) => p.latest());
  }

  /** Noncurrent versions only, without delete markers (a versions() query). */
  noncurrent(): ObjectsQuery {
    return this.#where((p) => p.noncurrent());
  }

  /** Delete markers only (a versions() query). */
  deleteMarkers(): ObjectsQuery {
    return this.#where((p) => p.deleteMarkers());
  }

  /**
   * A composed predicate: `p` offers every predicate method plus `and`, `or`, `not`.
   *
   * @example
   * ```ts
   * q.where((p) => p.or(p.name("*.jpg"), p.and(p.larger("1MiB"), p.not(p.glob("tmp/**")))))
   * ```
   */
  where(build: (p: PredicateBuilder) => Predicate): ObjectsQuery {
    if (typeof build !== "function") throw new InvalidArgumentError("where takes a function (p) => predicate");
    return this.#where(build);
  }

  /** Any JavaScript predicate on the listed object; runs client-side after the cheap predicates. */
  filter(fn: ObjectFilter): ObjectsQuery {
    return this.#where((p) => p.filter(fn));
  }

  /** At most `n` results; paging stops once they are out. */
  limit(n: number): ObjectsQuery {
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`limit must be a non-negative integer, got ${n}`);
    return this.#with({ limit: n });
  }

  /** Most enrichment lookups (HEAD, GetObjectTagging) in flight, 1..64 (default 8). */
  lookups(n: number): ObjectsQuery {
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError(`lookups must be an integer from 1 to 64, got ${n}`);
    return this.#with({ lookups: n });
  }

  // ——— plan ———

  /**
   * The physical plan this query runs, as plain JSON-safe data: the server scans (prefix,
   * startAfter, stopAt, delimiter), the client filters in the order they run, the enrichment
   * lookups and the limit. `explain("text")` renders the same plan as an indented tree.
   */
  explain(): QueryNode;
  explain(format: "text"): string;
  explain(format?: "text"): QueryNode | string {
    const plan = planQuery(this.#logical());
    return format === "text" ? explainText(plan) : plan;
  }

  #logical() {
    const s = this.#state;
    return {
      source: this.#listing(),
      where: s.where ?? [],
      ...(s.limit !== undefined ? { limit: s.limit } : {}),
      concurrency: s.lookups ?? DEFAULT_LOOKUPS,
    };
  }

  /**
   * The plan {@link watch} runs with these options, as plain JSON-safe data: the listener's
   * filter (the prefix and suffix pushed down, the events), the client filters and lookups
   * each record goes through, the limit. `explainWatch("text")` renders it as a tree.
   */
  explainWatch(options?: WatchOptions): WatchNode;
  explainWatch(format: "text", options?: WatchOptions): string;
  explainWatch(a?: WatchOptions | "text", b?: WatchOptions): WatchNode | string {
    const options = (a === "text" ? b : a) ?? {};
    const plan = planWatch(this.#logical(), watchListener(this.#state.bucket, options));
    return a === "text" ? explainWatchText(plan) : plan;
  }

  /**
   * New matches from bucket notifications (mc find --watch): a cold Observable that, on
   * subscribe, listens for `s3:ObjectCreated:*` events (or `options.events`) under the query's
   * prefix (and a suffix a `name("*.jpg")` allows), maps each record to an ObjectInfo
   * (`lastModified` is the event time) and runs the query's predicates on it — HEAD or tag
   * lookups for predicates that need them, at most `lookups()` at once; matches come out in
   * event order. A non-recursive query sees keys one level below its prefix only. Completes
   * after `limit(n)` matches; unsubscribing (or `signal`) closes the connection. The listener
   * reconnects as `listen()` does; events while disconnected are not replayed.
   * Bad predicates or options throw InvalidArgumentError here, before anything is sent.
   *
   * @example
   * ```ts
   * s3.bucket("photos").objects().prefix("in/").recursive().name("*.jpg").larger("1MiB").watch()
   *   .subscribe((o) => console.log("new:", o.objectName, o.size));
   * ```
   */
  watch(options: WatchOptions = {}): Observable<ObjectInfo> {
    const plan = this.explainWatch(options);
    return this.#runner.watch(plan, this.#options(options.signal));
  }

  #options(signal: AbortSignal | undefined) {
    return { ...(signal !== undefined ? { signal } : {}), functions: this.#state.functions ?? [] };
  }

  // ——— running ———

  /**
   * A cold Observable of the matches, in key order: pages are requested as the subscriber
   * consumes (at most one page ahead); unsubscribing aborts what is in flight.
   */
  stream(options: { signal?: AbortSignal } = {}): Observable<ObjectInfo> {
    return this.#runner.query(this.explain(), this.#options(options.signal));
  }

  /** Collects every match into an array. */
  toArray(options: { signal?: AbortSignal } = {}): Promise<ObjectInfo[]> {
    return this.#runner.run(this.explain(), this.#options(options.signal));
  }

  /** The plan {@link remove} would run with these options (nothing is sent). */
  explainRemove(options: RemoveObjectsOptions = {}): RemoveObjectsNode {
    return planRemove(this.#state.bucket, { type: "query", query: this.explain() }, options);
  }

  /**
   * Removes every object this query matches — its predicates, filters and limit decide; on a
   * `versions()` query every matching version and delete marker — as they are found:
   * DeleteObjects of up to 1000 keys, a few in
   * flight. Starts now (not on subscribe) and runs once; the result is an Observable of
   * per-key results replayed to late subscribers, async-iterable, and awaitable for the
   * summary `{ matched, done, skipped, failed, errors }`. Keys the server refuses (a locked
   * version, AccessDenied) are failed results and never stop the rest.
   *
   * @example
   * ```ts
   * const { done, errors } = await s3.bucket("b").objects().prefix("tmp/").recursive().remove();
   * ```
   */
  remove(options: RemoveObjectsOptions = {}): BulkMutation {
    return startRemove(this.#runner, this.explainRemove(options), options, { functions: this.#state.functions ?? [] });
  }

  /** What a bulk mutation needs to know of this query (its plan made now: bad input throws here). */
  #bulkSource(): BulkSource {
    const s = this.#state;
    const plain = (s.where ?? []).length === 0 && s.limit === undefined && s.startAfter === undefined;
    return { bucket: s.bucket, prefix: s.prefix, recursive: s.recursive, api: s.api, plain, query: this.explain() };
  }

  /** The plan {@link copyTo} would run with these arguments (nothing is sent). */
  explainCopy(bucket: string, options: CopyToOptions = {}): CopyObjectsNode {
    return planCopyObjects("copy", this.#bulkSource(), bucket, options);
  }

  /**
   * Server-side copy of every match to `bucket`, at `options.prefix` + the key with this
   * query's `prefix()` removed (as mc mirror names them); metadata and tags are copied, objects
   * over 5 GiB in parts. On a `versions()` query each listed version is copied (delete markers
   * are reported skipped). Starts now and runs once, `concurrency` copies in flight (default 8);
   * per-key results (objectName is the source key) and an awaitable summary, as {@link remove}.
   *
   * @example
   * ```ts
   * const { done, failed } = await s3.bucket("photos").objects().prefix("2024/").recursive().copyTo("backup", { prefix: "photos-2024/" });
   * ```
   */
  copyTo(bucket: string, options: CopyToOptions = {}): BulkMutation {
    return startBulk(this.#runner, this.explainCopy(bucket, options), options, { functions: this.#state.functions ?? [] });
  }

  /** The plan {@link mirrorTo} would run with these arguments (nothing is sent). */
  explainMirror(bucket: string, options: MirrorToOptions = {}): CopyObjectsNode {
    // The merge-join needs the matches in key order.
    const q = this.#state.parallel > 1 ? this.ordered(true) : this;
    return planCopyObjects("mirror", q.#bulkSource(), bucket, options);
  }

  /**
   * Copies the matches that `bucket` (under `options.prefix`) lacks or holds differently —
   * found by walking the target listing alongside the matches, no HEAD per key — and reports
   * the unchanged ones skipped, so a second run copies nothing. Unchanged: same size, and the
   * same ETag or, for multipart ETags (which a server-side copy does not keep), a target no
   * older than the source. `removeExtra` also removes target keys with no source object at all
   * under the query's prefix (reported with the target key as objectName); a source object
   * that fails the predicates keeps its copy. Not for `versions()` queries.
   *
   * @example
   * ```ts
   * const summary = await s3.bucket("site").objects().recursive().mirrorTo("site-mirror", { removeExtra: true });
   * ```
   */
  mirrorTo(bucket: string, options: MirrorToOptions = {}): BulkMutation {
    return startBulk(this.#runner, this.explainMirror(bucket, options), options, { functions: this.#state.functions ?? [] });
  }

  /** The plan {@link setTags} would run with these arguments (nothing is sent). */
  explainSetTags(tags: TagsInput, options: SetTagsOptions = {}): TagObjectsNode {
    return planTagObjects(this.#bulkSource(), tags, options);
  }

  /**
   * Replaces the tags of every match (PutObjectTagging; on a `versions()` query, of each listed
   * version — delete markers are reported skipped). Tags are checked now: at most 10, keys of
   * 1..128 and values of at most 256 characters. Starts now and runs once, as {@link remove}.
   *
   * @example
   * ```ts
   * await s3.bucket("logs").objects().prefix("2023/").recursive().setTags({ tier: "cold" });
   * ```
   */
  setTags(tags: TagsInput, options: SetTagsOptions = {}): BulkMutation {
    return startBulk(this.#runner, this.explainSetTags(tags, options), options, { functions: this.#state.functions ?? [] });
  }

  /** Iterates the matches with `for await`; `break` aborts what is in flight. */
  [Symbol.asyncIterator](): AsyncIterator<ObjectInfo> {
    return this.#runner.iterateQuery(this.explain(), this.#options(undefined))[Symbol.asyncIterator]();
  }

  // ——— aggregations ———

  #aggregate<A, T>(reducer: Reducer<A, T>, signal: AbortSignal | undefined): Aggregate<T> {
    const plan = this.explain(); // refuse bad input now, not when awaited
    return new Aggregate(() => this.#runner.query(plan, this.#options(signal)), reducer as unknown as Reducer<unknown, T>);
  }

  /** Number of matches: awaitable; `.running()` streams the running count. */
  count(options: { signal?: AbortSignal } = {}): Aggregate<number> {
    return this.#aggregate(countReducer, options.signal);
  }

  /** Total size of the matches in bytes: awaitable; `.running()` streams the running total. */
  totalSize(options: { signal?: AbortSignal } = {}): Aggregate<number> {
    return this.#aggregate(totalSizeReducer, options.signal);
  }

  /**
   * Count and size per prefix `depth` levels below the query's prefix, sorted by prefix (mc du
   * --depth): a key with fewer levels counts in the deepest prefix it has.
   */
  groupByPrefix(depth: number, options: { signal?: AbortSignal } = {}): Aggregate<PrefixGroup[]> {
    if (!Number.isInteger(depth) || depth < 0) throw new InvalidArgumentError(`groupByPrefix depth must be a non-negative integer, got ${depth}`);
    return this.#aggregate(groupByPrefixReducer(this.#state.prefix, depth), options.signal);
  }

  /** The `n` most recently modified matches, newest first (a heap of n). */
  newest(n: number, options: { signal?: AbortSignal } = {}): Aggregate<ObjectInfo[]> {
    return this.#aggregate(topReducer(checkN(n, "newest"), newerFirst), options.signal);
  }

  /** The `n` least recently modified matches, oldest first (a heap of n). */
  oldest(n: number, options: { signal?: AbortSignal } = {}): Aggregate<ObjectInfo[]> {
    return this.#aggregate(topReducer(checkN(n, "oldest"), olderFirst), options.signal);
  }
}

function checkN(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${what} takes a non-negative integer, got ${n}`);
  return n;
}
