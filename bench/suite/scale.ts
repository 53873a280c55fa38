/** The suite's sizes: full, and --quick (about two to four minutes on a quiet 2-core machine). */
import type { Scale } from "./types.js";

/** Full and --quick sizes. */
export function scaleFor(quick: boolean, rounds: number): Scale {
  return quick
    ? { quick, rounds, listKeys: 5_000, bigListKeys: 200_000, largeBytes: 256 * 2 ** 20, smallCount: 500, smallSize: 4096, smallConcurrency: 32, removeKeys: 1_000, signCount: 5_000 }
    : { quick, rounds, listKeys: 20_000, bigListKeys: 1_000_000, largeBytes: 2 ** 30, smallCount: 3_000, smallSize: 4096, smallConcurrency: 32, removeKeys: 10_000, signCount: 20_000 };
}
