/**
 * The aggregations of a query as pure reducers over its matches, in bounded memory:
 * counters, one entry per group, a heap of n for newest/oldest.
 */
import type { ObjectInfo } from "../model/object-info.js";
import { compareUtf8 } from "../xml/listing-values.js";

/** A fold over matches: `step` mutates or replaces the accumulator and says whether the result changed. */
export interface Reducer<A, R> {
  seed(): A;
  step(acc: A, o: ObjectInfo): boolean;
  result(acc: A): R;
}

/** One group of {@link groupByPrefix}. */
export interface PrefixGroup {
  /** The query's prefix plus up to `depth` path levels, ending with "/" (or the query's prefix itself). */
  readonly prefix: string;
  /** Objects in the group, at any depth below it. */
  readonly count: number;
  /** Their total size in bytes. */
  readonly size: number;
}

/** Number of matches. */
export const countReducer: Reducer<{ n: number }, number> = {
  seed: () => ({ n: 0 }),
  step: (acc) => (acc.n++, true),
  result: (acc) => acc.n,
};

/** Total size of the matches in bytes (entries without a size count 0). */
export const totalSizeReducer: Reducer<{ n: number }, number> = {
  seed: () => ({ n: 0 }),
  step: (acc, o) => {
    if (o.size === undefined || o.size === 0) return false;
    acc.n += o.size;
    return true;
  },
  result: (acc) => acc.n,
};

/** The group of a key: the prefix plus its first `depth` "directory" levels below the prefix. */
export function groupOf(key: string, prefix: string, depth: number): string {
  let end = prefix.length;
  for (let level = 0; level < depth; level++) {
    const slash = key.indexOf("/", end);
    if (slash < 0) break;
    end = slash + 1;
  }
  return key.slice(0, end);
}

/** Count and size per prefix `depth` levels below `prefix`, sorted by prefix (mc du --depth). */
export function groupByPrefixReducer(prefix: string, depth: number): Reducer<Map<string, { count: number; size: number }>, PrefixGroup[]> {
  return {
    seed: () => new Map(),
    step: (acc, o) => {
      if (o.isDir) return false;
      const g = groupOf(o.objectName, prefix, depth);
      const entry = acc.get(g);
      if (entry === undefined) acc.set(g, { count: 1, size: o.size ?? 0 });
      else {
        entry.count++;
        entry.size += o.size ?? 0;
      }
      return true;
    },
    result: (acc) => [...acc].sort((a, b) => compareUtf8(a[0], b[0])).map(([p, v]) => ({ prefix: p, count: v.count, size: v.size })),
  };
}

/** Order of newest(n): latest lastModified first, then key, then version id. */
export function newerFirst(a: ObjectInfo, b: ObjectInfo): number {
  return b.lastModified!.getTime() - a.lastModified!.getTime() || compareUtf8(a.objectName, b.objectName) || compareUtf8(a.versionId ?? "", b.versionId ?? "");
}

/** Order of oldest(n): earliest lastModified first, then key, then version id. */
export function olderFirst(a: ObjectInfo, b: ObjectInfo): number {
  return a.lastModified!.getTime() - b.lastModified!.getTime() || compareUtf8(a.objectName, b.objectName) || compareUtf8(a.versionId ?? "", b.versionId ?? "");
}

/**
 * The first `n` matches in `order` (objects with a modification time; not common prefixes or
 * delete markers), kept in a heap of n whose root is the worst kept.
 */
export function topReducer(n: number, order: (a: ObjectInfo, b: ObjectInfo) => number): Reducer<ObjectInfo[], ObjectInfo[]> {
  const worse = (heap: ObjectInfo[], i: number, j: number) => order(heap[i], heap[j]) > 0;
  const swap = (heap: ObjectInfo[], i: number, j: number) => ([heap[i], heap[j]] = [heap[j], heap[i]]);
  const up = (heap: ObjectInfo[], i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap, i, parent)) return;
      swap(heap, i, parent);
      i = parent;
    }
  };
  const down = (heap: ObjectInfo[], i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && worse(heap, l, w)) w = l;
      if (r < heap.length && worse(heap, r, w)) w = r;
      if (w === i) return;
      swap(heap, i, w);
      i = w;
    }
  };
  return {
    seed: () => [],
    step: (heap, o) => {
      if (n === 0 || o.isDir || o.isDeleteMarker || o.lastModified === undefined) return false;
      if (heap.length < n) {
        heap.push(o);
        up(heap, heap.length - 1);
        return true;
      }
      if (order(o, heap[0]) >= 0) return false;
      heap[0] = o;
      down(heap, 0);
      return true;
    },
    result: (heap) => [...heap].sort(order),
  };
}
