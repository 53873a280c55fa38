/**
 * Range-splitting of a parallel GET, shared by the builders (defaults, limits) and the
 * executor (the part ranges). Pure.
 */

const MiB = 1024 ** 2;
/** Default size of one ranged GET of a parallel read: 8 MiB (as the AWS CRT client and s5cmd use). */
export const DEFAULT_GET_PART_SIZE = 8 * MiB;
/** Smallest part of a parallel read: 1 MiB (below that the per-request cost dominates). */
export const MIN_GET_PART_SIZE = MiB;
/** Largest part of a parallel read: 5 GiB. */
export const MAX_GET_PART_SIZE = 5 * 1024 ** 3;
/** Most ranged GETs of one read in flight at once. */
export const MAX_GET_PARALLEL = 64;

/** How a read is split into ranged GETs; absent from a node means one plain GET. */
export interface ParallelGetOptions {
  /** Ranged GETs in flight at once, 1..64 (1: one plain GET). */
  readonly parallel: number;
  /** Bytes per ranged GET (the last one may be shorter). */
  readonly partSize: number;
}

/** One part of a split read: object offsets of its first and last byte. */
export interface PartRange {
  readonly start: number;
  readonly end: number;
}

/** The parts covering bytes `start..end` (inclusive), each `partSize` long but the last. */
export function partRanges(start: number, end: number, partSize: number): PartRange[] {
  const parts: PartRange[] = [];
  for (let s = start; s <= end; s += partSize) parts.push({ start: s, end: Math.min(end, s + partSize - 1) });
  return parts;
}
