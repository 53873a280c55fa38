/**
 * Parsers of the human units queries take: sizes ("64MiB", "1KB") and durations ("30d",
 * "1h30m"). Pure; bad input is an InvalidArgumentError, raised when the query is built.
 */
import { InvalidArgumentError } from "../errors.js";

const SIZE_UNITS: Readonly<Record<string, number>> = {
  "": 1, b: 1,
  kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12,
  kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4,
};

/**
 * Bytes from a size: a non-negative number of bytes, or a string such as `"64MiB"`, `"1.5GB"`,
 * `"100"` (KiB/MiB/GiB/TiB are powers of 1024, KB/MB/GB/TB of 1000; units are case-insensitive).
 */
export function parseSize(size: number | string, what = "size"): number {
  if (typeof size === "number") {
    if (!Number.isFinite(size) || size < 0) throw new InvalidArgumentError(`${what} must be a non-negative number of bytes, got ${size}`);
    return size;
  }
  if (typeof size !== "string") throw new InvalidArgumentError(`${what} must be a number of bytes or a string like "64MiB"`);
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(size);
  const unit = m ? SIZE_UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined) {
    throw new InvalidArgumentError(`${what} ${JSON.stringify(size)} is not a size: use bytes or a number with B, KB, MB, GB, TB, KiB, MiB, GiB or TiB`);
  }
  return Math.round(Number(m[1]) * unit);
}

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Milliseconds from a duration: a non-negative number of milliseconds, or a string of one or
 * more `<number><unit>` parts with units ms, s, m, h, d, w — `"30d"`, `"12h"`, `"1h30m"`.
 */
export function parseDuration(duration: number | string, what = "duration"): number {
  if (typeof duration === "number") {
    if (!Number.isFinite(duration) || duration < 0) throw new InvalidArgumentError(`${what} must be a non-negative number of milliseconds, got ${duration}`);
    return duration;
  }
  if (typeof duration !== "string") throw new InvalidArgumentError(`${what} must be a Date, milliseconds, or a string like "30d"`);
  const text = duration.trim();
  if (!/^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/.test(text)) {
    throw new InvalidArgumentError(`${what} ${JSON.stringify(duration)} is not a duration: use parts like "30d", "12h", "1h30m" (units ms, s, m, h, d, w)`);
  }
  let total = 0;
  for (const part of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) total += Number(part[1]) * DURATION_UNITS[part[2]];
  return Math.round(total);
}
