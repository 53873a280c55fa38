/**
 * Runs a physical query plan (lib/planner) with the machinery the runner already has: each
 * scan is a paginated listing (stopping at its stop key), each entry passes the client
 * filters, lookups (HeadObject / GetObjectTagging plan nodes) run only for entries the
 * listing cannot decide, at most `concurrency` at once, and results keep key order; the run
 * ends at the limit, aborting what is in flight.
 */
import { S3Error } from "../errors.js";
import type { ObjectInfo } from "../model/object-info.js";
import type { Tags } from "../model/tags.js";
import type { QueryNode, QueryRunOptions } from "../plan/query-node.js";
import type { PlanRunner } from "../plan/runner.js";
import { all, bareMetadata, compile, type Enrichment } from "../query/evaluate.js";

/** Errors of a lookup that mean "this object is gone or has no such data": the entry does not match. */
const GONE = new Set(["NoSuchKey", "NoSuchVersion", "NotFound", "MethodNotAllowed"]);

/** Looks up what the plan's enrichment steps supply for one object (undefined: it is gone). */
export async function lookUp(runner: PlanRunner, node: Pick<QueryNode, "bucket" | "enrich">, o: ObjectInfo, signal: AbortSignal): Promise<Enrichment | undefined> {
  const versionId = o.versionId !== undefined && o.versionId !== "null" ? o.versionId : undefined;
  const target = { bucket: node.bucket, key: o.objectName, ...(versionId !== undefined ? { versionId } : {}) };
  try {
    const [head, tags] = await Promise.all([
      node.enrich.some((e) => e.lookup === "HeadObject")
        ? runner.run({ kind: "HeadObject", ...target, headers: {}, query: {} }, { signal })
        : undefined,
      node.enrich.some((e) => e.lookup === "GetObjectTagging")
        ? (runner.run({ kind: "GetConfig", config: "objectTags", ...target }, { signal }) as Promise<Tags | null>)
        : undefined,
    ]);
    return {
      ...(head !== undefined ? { contentType: head.contentType ?? "", metadata: bareMetadata(head.metadata) } : {}),
      ...(tags !== undefined ? { tags: tags === null ? {} : Object.fromEntries(tags) } : {}),
    };
  } catch (err) {
    if (err instanceof S3Error && GONE.has(err.code)) return undefined;
    throw err;
  }
}

/** The entry with what its lookups found (so callers see the content type, metadata and tags they filtered on). */
export function enriched(o: ObjectInfo, e: Enrichment): ObjectInfo {
  return {
    ...o,
    ...(e.contentType !== undefined ? { contentType: e.contentType } : {}),
    ...(e.tags !== undefined ? { userTags: e.tags } : {}),
  };
}

/** Runs a query plan as a pull-based async iterable; `break` (or the limit) aborts what is in flight. */
export async function* runQuery(runner: PlanRunner, node: QueryNode, options: QueryRunOptions = {}): AsyncGenerator<ObjectInfo> {
  const limit = node.limit ?? Infinity;
  if (node.scans.length === 0 || limit <= 0) return;
  const ac = new AbortController();
  const outer = options.signal;
  const onOuter = () => ac.abort(outer!.reason);
  outer?.addEventListener("abort", onOuter, { once: true });
  if (outer?.aborted) ac.abort(outer.reason);
  const signal = ac.signal;
  const listingMeta = node.scans[0].includeUserMeta;
  const test = all(node.client.map((c) => compile(c.predicate, { prefix: node.prefix, now: options.now ?? Date.now(), functions: options.functions ?? [], listingMeta })));
  const concurrency = Math.max(1, ...node.enrich.map((e) => e.concurrency));
  const queue: Array<Promise<ObjectInfo | undefined>> = [];
  let inFlight = 0;
  let out = 0;
  try {
    for (const scan of node.scans) {
      for await (const o of runner.iterate(scan, signal)) {
        if (scan.skipDirs && o.isDir) continue;
        const verdict = test(o, undefined);
        if (verdict === false) continue;
        if (verdict === true) {
          if (queue.length === 0) {
            yield o;
            if (++out >= limit) return;
            continue;
          }
          queue.push(Promise.resolve(o));
        } else {
          inFlight++;
          const p = lookUp(runner, node, o, signal).then((e) => {
            inFlight--;
            return e !== undefined && test(o, e) === true ? enriched(o, e) : undefined;
          });
          p.catch(() => undefined); // observed when it reaches the head of the queue
          queue.push(p);
        }
        while (queue.length > 0 && (inFlight >= concurrency || queue.length >= 4 * concurrency)) {
          const r = await queue.shift()!;
          if (r !== undefined) {
            yield r;
            if (++out >= limit) return;
          }
        }
      }
    }
    while (queue.length > 0) {
      const r = await queue.shift()!;
      if (r !== undefined) {
        yield r;
        if (++out >= limit) return;
      }
    }
  } finally {
    outer?.removeEventListener("abort", onOuter);
    ac.abort();
  }
}
