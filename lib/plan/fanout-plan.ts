/**
 * The pure half of a fan-out listing (`objects().recursive().parallel(n)`): which "/" level
 * listings discover the key space, which entries they leave to emit, which prefixes become
 * recursive scans, and when discovery descends a level. No I/O: the executor
 * (lib/exec/fanout.ts) runs what these functions decide.
 */
import type { ObjectInfo } from "../model/object-info.js";
import { compareUtf8 } from "../xml/listing-values.js";
import { clipToPrefix, keyInside, prefixIntersects } from "./fanout-clip.js";
import { freezeNode, type ListObjectsNode } from "./nodes.js";

/** Most levels discovery descends below the query's prefix looking for enough prefixes to scan. */
export const MAX_DESCENT = 2;

/** Most concurrent scans a fan-out runs. */
export const MAX_PARALLEL = 64;

/**
 * One piece of a fan-out listing, in key order: an entry that sits directly at a discovered
 * level (a key, or a version of it), or a recursive scan of one common prefix.
 */
export type FanoutSegment =
  | { readonly kind: "entry"; readonly entry: ObjectInfo }
  | { readonly kind: "scan"; readonly node: ListObjectsNode };

/** The query's listing parameters without fan-out, delimiter or start key. */
function baseOf(query: ListObjectsNode, prefix: string): ListObjectsNode {
  return {
    kind: "ListObjects",
    bucket: query.bucket,
    api: query.api,
    prefix,
    includeUserMeta: query.includeUserMeta,
    urlEncoding: query.urlEncoding,
    pageSize: query.pageSize,
  };
}

/**
 * Where a "/" listing of the level under `prefix` may start without missing anything after
 * `startAfter`: the start key cut at the level's next "/" (everything up to that is before the
 * start key too). The entries it lets through are still filtered by {@link levelSegments}.
 */
export function levelStartAfter(prefix: string, startAfter: string | undefined): string | undefined {
  if (startAfter === undefined) return undefined;
  if (!startAfter.startsWith(prefix)) return compareUtf8(startAfter, prefix) > 0 ? startAfter : undefined;
  const slash = startAfter.indexOf("/", prefix.length);
  return slash < 0 ? startAfter : startAfter.slice(0, slash);
}

/**
 * The "/" delimiter listing that discovers the level under `prefix`; it stops paging at the
 * query's stop key (a common prefix sorting at or after it holds no key before it).
 */
export function levelNode(query: ListObjectsNode, prefix: string): ListObjectsNode {
  const startAfter = levelStartAfter(prefix, query.startAfter);
  const { stopAt } = clipToPrefix(query, prefix);
  return freezeNode({
    ...baseOf(query, prefix), delimiter: "/",
    ...(startAfter !== undefined ? { startAfter } : {}),
    ...(stopAt !== undefined ? { stopAt } : {}),
  });
}

/** The recursive scan of one common prefix, with the query's key interval clipped to it (see fanout-clip.ts). */
export function scanNode(query: ListObjectsNode, prefix: string): ListObjectsNode {
  return freezeNode({ ...baseOf(query, prefix), ...clipToPrefix(query, prefix) });
}

/**
 * Turns the entries of one level listing into segments, in key order: entries inside the
 * query's key interval (after its start key, from its startAt, before its stopAt) are kept to
 * emit; every common prefix that can hold keys inside it becomes a scan, clipped to it. Key order is preserved: a prefix sorts where all of its keys sort.
 */
export function levelSegments(query: ListObjectsNode, entries: readonly ObjectInfo[]): FanoutSegment[] {
  const out: FanoutSegment[] = [];
  // A page lists its keys (or versions) before its common prefixes: merge them into key order.
  // The sort is stable, so the versions of one key keep the server's order.
  const inOrder = [...entries].sort((a, b) => compareUtf8(a.objectName, b.objectName));
  for (const entry of inOrder) {
    const name = entry.objectName;
    if (!entry.isDir) {
      if (keyInside(query, name)) out.push({ kind: "entry", entry });
    } else if (prefixIntersects(query, name)) {
      out.push({ kind: "scan", node: scanNode(query, name) });
    }
  }
  return out;
}

/** How many segments are scans. */
export function scanCount(segments: readonly FanoutSegment[]): number {
  let n = 0;
  for (const s of segments) if (s.kind === "scan") n++;
  return n;
}

/**
 * Whether discovery should list one more level below each scan: only when the levels found so
 * far give fewer prefixes than the scans to run (e.g. a single top prefix holds everything),
 * and never more than {@link MAX_DESCENT} levels down.
 */
export function shouldDescend(segments: readonly FanoutSegment[], parallel: number, depth: number): boolean {
  const scans = scanCount(segments);
  return scans > 0 && scans < parallel && depth < MAX_DESCENT;
}
