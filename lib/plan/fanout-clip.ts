/**
 * A fan-out honours its scan's key interval (a query's push-down puts `startAfter` /
 * `startAt` / `stopAt` on the scan): discovery descends only into common prefixes that
 * intersect the interval, keys found at a level are kept only inside it, and each sub-scan
 * gets the interval clipped to its prefix. Pure; lib/plan/fanout-plan.ts applies it.
 *
 * For a prefix P, the keys under P are exactly those `k` with `P <= k < prefixEnd(P)`, so a
 * bound `x` falls inside P's keys exactly when `x` starts with P: no prefix arithmetic needed.
 */
import { compareUtf8 } from "../xml/listing-values.js";
import type { ListObjectsNode } from "./nodes.js";

/** The key bounds of a scan: after `startAfter` (exclusive), from `startAt`, before `stopAt`. */
export type ScanBounds = Pick<ListObjectsNode, "startAfter" | "startAt" | "stopAt">;

/** Whether `key` lies inside the bounds. */
export function keyInside(bounds: ScanBounds, key: string): boolean {
  const { startAfter, startAt, stopAt } = bounds;
  return (startAfter === undefined || compareUtf8(key, startAfter) > 0)
    && (startAt === undefined || compareUtf8(key, startAt) >= 0)
    && (stopAt === undefined || compareUtf8(key, stopAt) < 0);
}

/** Whether some key under `prefix` may lie at or after `lo` (or after it: the same test, as a longer key always follows). */
function reachesPast(prefix: string, lo: string): boolean {
  // Keys under the prefix run up to (not including) prefixEnd(prefix): some lie after `lo`
  // when `lo` sorts before the prefix, or falls among its keys (starts with it).
  return lo.startsWith(prefix) || compareUtf8(lo, prefix) < 0;
}

/** Whether any key under the common prefix `prefix` can lie inside the bounds. */
export function prefixIntersects(bounds: ScanBounds, prefix: string): boolean {
  const { startAfter, startAt, stopAt } = bounds;
  if (stopAt !== undefined && compareUtf8(prefix, stopAt) >= 0) return false; // every key under it is >= prefix >= stopAt
  if (startAt !== undefined && !reachesPast(prefix, startAt)) return false;
  if (startAfter !== undefined && !reachesPast(prefix, startAfter)) return false;
  return true;
}

/**
 * The bounds of the recursive scan of `prefix` (which intersects `bounds`): each bound kept
 * only where it falls among the prefix's keys — elsewhere the prefix alone already says it.
 */
export function clipToPrefix(bounds: ScanBounds, prefix: string): ScanBounds {
  const inside = (x: string | undefined) => x !== undefined && x.startsWith(prefix) && x !== prefix;
  const { startAfter, startAt, stopAt } = bounds;
  return {
    ...(startAfter !== undefined && startAfter.startsWith(prefix) ? { startAfter } : {}),
    ...(inside(startAt) ? { startAt } : {}),
    ...(inside(stopAt) ? { stopAt } : {}),
  };
}
