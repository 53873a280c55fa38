/**
 * The query planner: a pure function from a logical plan (a listing + predicates) to a
 * physical plan (server scans, client filters cheap first, enrichment lookups, limit).
 * No I/O, no clock: it is unit-tested like a SQL planner, plan in → plan out.
 */
import { InvalidArgumentError } from "../errors.js";
import { freezeNode, type ListObjectsNode } from "../plan/nodes.js";
import type { Predicate } from "../plan/predicates.js";
import type { ClientFilter, EnrichStep, Lookup, LogicalQuery, QueryNode } from "../plan/query-node.js";
import { parseGlob } from "../query/glob.js";
import { compareUtf8 } from "../xml/listing-values.js";
import { ALL, dropLastCodePoint, intersect, keyBefore, keyIntervals, prefixEnd, prefixInterval, type KeyInterval } from "./key-ranges.js";

/** Lookups a predicate needs when the listing does not carry metadata and tags. */
function lookupsOf(p: Predicate): Lookup[] {
  switch (p.kind) {
    case "ContentType":
    case "Metadata":
      return ["head"];
    case "Tags":
      return ["tags"];
    case "And":
    case "Or":
      return [...new Set(p.of.flatMap(lookupsOf))].sort();
    case "Not":
      return lookupsOf(p.of);
    default:
      return [];
  }
}

/** Relative cost of a client test: key tests, then size/age/version, then user code, then lookups. */
function cost(p: Predicate, listingMeta: boolean): number {
  switch (p.kind) {
    case "KeyRange": case "Glob": case "Name": case "Ignore": case "Match": case "MaxDepth":
      return 0;
    case "Size": case "Age": case "Latest": case "Noncurrent": case "DeleteMarkers":
      return 1;
    case "UserFilter":
      return 2;
    case "ContentType": case "Metadata":
      return listingMeta ? 1 : 3;
    case "Tags":
      return listingMeta ? 1 : 4;
    case "And": case "Or":
      return Math.max(...p.of.map((q) => cost(q, listingMeta)));
    case "Not":
      return cost(p.of, listingMeta);
  }
}

/** The top-level conjuncts (nested ANDs flattened). */
function conjuncts(where: readonly Predicate[]): Predicate[] {
  return where.flatMap((p) => (p.kind === "And" ? conjuncts(p.of) : [p]));
}

function visit(p: Predicate, f: (p: Predicate) => void): void {
  f(p);
  if (p.kind === "And" || p.kind === "Or") for (const q of p.of) visit(q, f);
  else if (p.kind === "Not") visit(p.of, f);
}

function validate(q: LogicalQuery): void {
  const { source } = q;
  if (source.includeUserMeta && source.api !== "v2") {
    throw new InvalidArgumentError("withMetadata() works with ListObjectsV2 only, not with apiV1() or versions()");
  }
  for (const p of q.where) {
    visit(p, (x) => {
      if ((x.kind === "Latest" || x.kind === "Noncurrent" || x.kind === "DeleteMarkers") && source.api !== "versions") {
        throw new InvalidArgumentError(`${x.kind === "DeleteMarkers" ? "deleteMarkers" : x.kind.toLowerCase()}() needs a versions() query`);
      }
    });
  }
}

/** The longest prefix shared by every key in [lo, hi), at least `min` (a prefix of lo). */
function sharedPrefix(iv: KeyInterval, min: string): string {
  if (iv.hi === undefined) return min;
  for (let c = iv.lo; c.length > min.length; c = dropLastCodePoint(c)) {
    const end = prefixEnd(c);
    if (end !== undefined && compareUtf8(iv.hi, end) <= 0) return c;
  }
  return min;
}

/**
 * Where a "/" listing at `scanPrefix` returns every match: a top-level conjunct promises that
 * matches have no "/" after some literal text (a one-level glob's head, or the query's prefix
 * for maxDepth(1)), and the scan prefix reaches far enough into that text.
 */
function oneLevel(conj: readonly Predicate[], queryPrefix: string, scanPrefix: string): boolean {
  return conj.some((p) => {
    let text: string | undefined;
    if (p.kind === "Glob") {
      const g = parseGlob(p.pattern);
      if (g.oneLevel) text = g.head;
    } else if (p.kind === "MaxDepth" && p.depth === 1) text = queryPrefix;
    return text !== undefined && scanPrefix.length <= text.length && text.startsWith(scanPrefix) && !text.slice(scanPrefix.length).includes("/");
  });
}

/** One scan of the query's listing over one key interval. */
function scanOf(q: LogicalQuery, iv: KeyInterval, conj: readonly Predicate[], clientEmpty: boolean): ListObjectsNode {
  const src = q.source;
  const recursive = src.delimiter === undefined;
  let prefix = sharedPrefix(iv, src.prefix);
  if (!recursive) {
    // A "/" listing rolls keys up at the first "/" after its prefix: narrowing the prefix past
    // a "/" would change which common prefixes it reports.
    const slash = prefix.indexOf("/", src.prefix.length);
    if (slash >= 0) prefix = prefix.slice(0, slash);
  }
  // S3's start-after is exclusive: start just before the interval, and drop the odd key that
  // may sort between client-side (startAt) — unless the interval began right after a key (the
  // query's own startAfter), where start-after is exact.
  const exact = iv.lo.endsWith("\u0000");
  const startAfter = iv.lo.length > prefix.length ? keyBefore(iv.lo) : undefined;
  const delimiter = recursive ? (oneLevel(conj, src.prefix, prefix) ? "/" : undefined) : src.delimiter;
  const pageSize = q.limit !== undefined && clientEmpty && delimiter === src.delimiter ? Math.max(1, Math.min(src.pageSize, q.limit)) : src.pageSize;
  // Every other listing parameter passes through as the query set it.
  const { delimiter: _delimiter, startAfter: _startAfter, ...rest } = src;
  return freezeNode({
    ...rest,
    prefix,
    ...(delimiter !== undefined ? { delimiter } : {}),
    ...(startAfter !== undefined && compareUtf8(startAfter, prefix) >= 0 ? { startAfter } : {}),
    pageSize,
    // Keys under the prefix all sort before prefixEnd(prefix): a stop there would be redundant.
    ...(iv.hi !== undefined && iv.hi !== prefixEnd(prefix) ? { stopAt: iv.hi } : {}),
    ...(startAfter !== undefined && !exact ? { startAt: iv.lo } : {}),
    ...(recursive && delimiter !== undefined ? { skipDirs: true } : {}),
  });
}

/** Plans a query: logical plan in, physical plan out (frozen, JSON-safe). */
export function planQuery(q: LogicalQuery): QueryNode {
  validate(q);
  const src = q.source;
  const listingMeta = src.includeUserMeta;
  const conj = conjuncts(q.where);

  // Push-down: the keys the query can match, within its prefix and after its start key.
  let space = intersect(prefixInterval(src.prefix), [...ALL]);
  if (src.startAfter !== undefined) space = intersect(space, [{ lo: src.startAfter + "\u0000" }]);
  for (const p of conj) space = intersect(space, keyIntervals(p));

  // Client filters, cheap first (a stable sort keeps the user's order among equals).
  const client: ClientFilter[] = conj
    .map((predicate, i) => ({ predicate, i, c: cost(predicate, listingMeta) }))
    .sort((a, b) => a.c - b.c || a.i - b.i)
    .map(({ predicate }) => Object.freeze({ predicate, needs: Object.freeze(listingMeta ? [] : lookupsOf(predicate)) }));

  const scans = q.limit === 0 ? [] : space.map((iv) => scanOf(q, iv, conj, client.length === 0));

  const needed = new Set(conj.flatMap(lookupsOf));
  const fields = (lookup: Lookup) => (lookup === "head" ? (["contentType", "metadata"] as const) : (["tags"] as const));
  const enrich: EnrichStep[] = [];
  if (listingMeta && needed.size > 0) {
    enrich.push({ lookup: "MetadataListing", fields: [...needed].sort().flatMap(fields), concurrency: 0 });
  } else {
    if (needed.has("head")) enrich.push({ lookup: "HeadObject", fields: fields("head"), concurrency: q.concurrency });
    if (needed.has("tags")) enrich.push({ lookup: "GetObjectTagging", fields: fields("tags"), concurrency: q.concurrency });
  }

  return Object.freeze({
    kind: "Query",
    bucket: src.bucket,
    prefix: src.prefix,
    scans: Object.freeze(scans),
    client: Object.freeze(client),
    enrich: Object.freeze(enrich.map((e) => Object.freeze({ ...e, fields: Object.freeze([...e.fields]) }))),
    ...(q.limit !== undefined ? { limit: q.limit } : {}),
  });
}
