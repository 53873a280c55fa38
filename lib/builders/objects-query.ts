import type { Observable } from "rxjs";
import { InvalidArgumentError } from "../errors.js";
import type { ObjectInfo } from "../model/object-info.js";
import { MAX_PARALLEL } from "../plan/fanout-plan.js";
import { freezeNode, type ListApi, type ListObjectsNode } from "../plan/nodes.js";
import type { PlanRunner } from "../plan/runner.js";
import type { BulkMutation } from "../model/bulk-mutation.js";
import type { RemoveObjectsNode } from "../plan/nodes.js";
import { planRemove, startRemove, type RemoveObjectsOptions } from "./remove-plan.js";

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

  /** The plan this query runs. */
  explain(): ListObjectsNode {
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

  /**
   * A cold Observable of the listing: pages are requested as the subscriber consumes
   * (at most one page ahead); unsubscribing aborts the request in flight.
   */
  stream(options: { signal?: AbortSignal } = {}): Observable<ObjectInfo> {
    return this.#runner.list(this.explain(), options.signal);
  }

  /** Collects the whole listing into an array. */
  toArray(options: { signal?: AbortSignal } = {}): Promise<ObjectInfo[]> {
    return this.#runner.run(this.explain(), options);
  }

  /** The plan {@link remove} would run with these options (nothing is sent). */
  explainRemove(options: RemoveObjectsOptions = {}): RemoveObjectsNode {
    return planRemove(this.#state.bucket, { type: "listing", listing: this.explain() }, options);
  }

  /**
   * Removes every object this query lists — every version and delete marker on a
   * `versions()` query — as it lists them: DeleteObjects of up to 1000 keys, a few in
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
    return startRemove(this.#runner, this.explainRemove(options), options);
  }

  /** Iterates the listing with `for await`; `break` aborts what is in flight. */
  [Symbol.asyncIterator](): AsyncIterator<ObjectInfo> {
    return this.#runner.iterate(this.explain())[Symbol.asyncIterator]();
  }
}
