import { checkInteger } from "../validate/index.js";
import {
  DEFAULT_GET_PART_SIZE, MAX_GET_PARALLEL, MAX_GET_PART_SIZE, MIN_GET_PART_SIZE, type ParallelGetOptions,
} from "../plan/parallel-get.js";

/** Options of a read split into ranged GETs fetched at once (`get()`, `download()`, their facade forms). */
export interface ParallelReadOptions {
  /**
   * Ranged GETs in flight at once, 1..64 (default 1: one plain GET). Above 1 the object is
   * read in `partSize` ranges, each pinned to the first response's ETag (a concurrent
   * overwrite fails with ObjectChangedError, never mixes bytes) and resumed from the byte it
   * reached when its connection is cut. Passes one connection's bandwidth limit; objects of
   * at most one part take a single request.
   */
  readonly parallel?: number;
  /** Bytes per ranged GET when `parallel` > 1: 1 MiB..5 GiB, default 8 MiB. */
  readonly partSize?: number;
}

/**
 * Checks `parallel`/`partSize` and returns the node fields they give (none when neither is set).
 * @throws InvalidArgumentError for parallel outside 1..64 or partSize outside 1 MiB..5 GiB
 */
export function parallelFields(options: ParallelReadOptions): { parallel?: number; partSize?: number } {
  const { parallel, partSize } = options;
  if (parallel === undefined && partSize === undefined) return {};
  if (parallel !== undefined) checkInteger(parallel, "parallel", 1, MAX_GET_PARALLEL);
  if (partSize !== undefined) checkInteger(partSize, "partSize", MIN_GET_PART_SIZE, MAX_GET_PART_SIZE);
  return { parallel: parallel ?? 1, partSize: partSize ?? DEFAULT_GET_PART_SIZE } satisfies ParallelGetOptions;
}
