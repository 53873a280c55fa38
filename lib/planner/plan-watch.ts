/**
 * Plans `ObjectsQuery.watch()`: a pure function from the query's logical plan and a listener
 * template (its events and connection policy) to a {@link WatchNode}. The listener's prefix is
 * the narrowest prefix every match has (the query's prefix, or longer when a key range or a
 * glob head narrows it, as for a listing's scans); its suffix is the literal tail of a
 * `name()` / `glob()` conjunct (`name("*.jpg")` → ".jpg"). Every predicate still runs
 * client-side on each record (push-down only drops events that cannot match).
 */
import { InvalidArgumentError } from "../errors.js";
import { freezeNode, type ListenBucketNotificationNode, type ListObjectsNode } from "../plan/nodes.js";
import { freezePredicate, type Predicate } from "../plan/predicates.js";
import type { ClientFilter, LogicalQuery } from "../plan/query-node.js";
import type { WatchNode } from "../plan/watch-node.js";
import { parseGlob } from "../query/glob.js";
import { planQuery } from "./plan-query.js";

/** The longest text every string of `texts` starts with (they all start with `min`). */
function commonPrefix(texts: readonly string[], min: string): string {
  if (texts.length === 0) return min;
  let out = texts[0];
  for (const t of texts) {
    let i = 0;
    while (i < out.length && i < t.length && out.charCodeAt(i) === t.charCodeAt(i)) i++;
    out = out.slice(0, i);
  }
  // Never split a surrogate pair.
  const last = out.charCodeAt(out.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) out = out.slice(0, -1);
  return out.length >= min.length ? out : min;
}

/** The longest literal tail of the top-level name()/glob() filters: every match ends with it. */
function suffixOf(client: readonly ClientFilter[]): string {
  let suffix = "";
  for (const { predicate: p } of client) {
    if (p.kind !== "Name" && p.kind !== "Glob") continue;
    const { tail } = parseGlob(p.pattern);
    if (tail.length > suffix.length) suffix = tail;
  }
  return suffix;
}

/**
 * Whether a key can start with `prefix` and end with `suffix` while being shorter than both
 * together. MinIO matches a listener's filter as the wildcard `prefix*suffix`, which needs
 * the two to lie side by side; where they could overlap (prefix "a.jpg", suffix ".jpg") the
 * suffix is not pushed down, or such keys would be missed.
 */
function mayOverlap(prefix: string, suffix: string): boolean {
  for (let k = 1; k <= Math.min(prefix.length, suffix.length); k++) {
    if (prefix.endsWith(suffix.slice(0, k))) return true;
  }
  return false;
}

/**
 * A watch sees events at every depth below its listener's prefix: a non-recursive query keeps
 * one level (maxDepth(1)) and a query's startAfter becomes a key range, both client-side.
 */
function sourcePredicates(src: ListObjectsNode): Predicate[] {
  const out: Predicate[] = [];
  if (src.delimiter !== undefined) out.push(freezePredicate({ kind: "MaxDepth", depth: 1 }));
  if (src.startAfter !== undefined) out.push(freezePredicate({ kind: "KeyRange", from: `${src.startAfter}\u0000` }));
  return out;
}

/**
 * The watch plan of a query. `listener` gives the events and connection policy; its prefix
 * and suffix are replaced by what the planner pushes down.
 * @throws InvalidArgumentError for a versions() query (notifications report objects, not a version listing)
 */
export function planWatch(q: LogicalQuery, listener: ListenBucketNotificationNode): WatchNode {
  const src = q.source;
  if (src.api === "versions") {
    throw new InvalidArgumentError("watch() reports new objects from bucket notifications: it does not take versions() or its predicates");
  }
  // Plan the same query as a recursive plain listing: its scans give the narrowest prefix and
  // its client filters / enrichment are what every record runs through (no metadata listing here).
  const { delimiter: _d, startAfter: _s, parallel: _p, ordered: _o, ...rest } = src;
  const plan = planQuery({
    ...q,
    source: freezeNode({ ...rest, api: "v2", includeUserMeta: false }),
    where: [...sourcePredicates(src), ...q.where],
  });
  const prefix = commonPrefix(plan.scans.map((s) => s.prefix), src.prefix);
  const tail = suffixOf(plan.client);
  const suffix = mayOverlap(prefix, tail) ? "" : tail;
  return Object.freeze({
    kind: "Watch",
    bucket: src.bucket,
    prefix: src.prefix,
    ...(plan.scans.length > 0 ? { listen: freezeNode({ ...listener, prefix, suffix }) } : {}),
    client: plan.client,
    enrich: plan.enrich,
    ...(q.limit !== undefined ? { limit: q.limit } : {}),
  });
}
