/**
 * Multipart part-size arithmetic (the seed's `get_part_info`), shared by the planner and by
 * the executor (which learns a file's size only when it runs). Pure.
 */
import { InvalidArgumentError } from "../errors.js";

const MiB = 1024 ** 2;
/** Smallest part other than the last: 5 MiB. */
export const MIN_PART_SIZE = 5 * MiB;
/** Largest part: 5 GiB. */
export const MAX_PART_SIZE = 5 * 1024 ** 3;
/** Most parts one upload may have. */
export const MAX_PART_COUNT = 10_000;
/** Largest object a multipart upload may build: 5 TiB. */
export const MAX_OBJECT_SIZE = 5 * 1024 ** 4;
/**
 * Quarry's default part size, and the floor of a computed one: 16 MiB. The seed computes
 * `ceil(size / 10 000)` rounded up to 5 MiB (so 5 MiB below 48.8 GiB); Quarry keeps that rule
 * above 156 GiB but uses 16 MiB parts below it (three times fewer requests, measurably faster),
 * and uses 16 MiB for streams of unknown size, where the seed demands a part size. An explicit
 * `partSize` is always used as given.
 */
export const DEFAULT_PART_SIZE = 16 * MiB;

/** Part size and count of an upload; `partCount` is null when the size is unknown. */
export interface PartInfo {
  readonly partSize: number;
  readonly partCount: number | null;
}

/**
 * Part size and count for an object of `size` bytes (null: unknown), with an optional
 * explicit part size.
 * @throws InvalidArgumentError for a part size outside 5 MiB..5 GiB, an object over 5 TiB,
 * or a part size that would need more than 10 000 parts
 */
export function partInfo(size: number | null, partSize?: number): PartInfo {
  if (partSize !== undefined) checkPartSize(partSize);
  if (size !== null && size > MAX_OBJECT_SIZE) {
    throw new InvalidArgumentError(`an object may have at most 5 TiB (${MAX_OBJECT_SIZE} bytes); this one has ${size}`);
  }
  if (size === null) return { partSize: partSize ?? DEFAULT_PART_SIZE, partCount: null };
  const chosen = partSize ?? Math.max(DEFAULT_PART_SIZE, Math.ceil(size / MAX_PART_COUNT / MIN_PART_SIZE) * MIN_PART_SIZE);
  const partCount = Math.max(1, Math.ceil(size / chosen));
  if (partCount > MAX_PART_COUNT) {
    throw new InvalidArgumentError(`partSize ${chosen} would split ${size} bytes into ${partCount} parts; at most ${MAX_PART_COUNT} are allowed`);
  }
  return { partSize: chosen, partCount };
}

/** Checks an explicit part size: an integer within 5 MiB..5 GiB. */
export function checkPartSize(partSize: unknown): asserts partSize is number {
  if (typeof partSize !== "number" || !Number.isSafeInteger(partSize) || partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
    throw new InvalidArgumentError(`partSize must be an integer from 5 MiB (${MIN_PART_SIZE}) to 5 GiB (${MAX_PART_SIZE}), got ${String(partSize)}`);
  }
}
