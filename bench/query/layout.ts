/**
 * The key space of the key-range bench: `logs/<region>/<NNNNN>.json`, five regions of
 * KEYS / 5 keys each, empty bodies, written with Quarry's snowball `putMany` (a few tar
 * archives that MinIO extracts, so 100 000 keys take seconds, not minutes). The range the
 * bench queries holds 1% of the keys, all in one region, and `mc find` can select exactly
 * the same set with a path glob.
 */
import type { S3 } from "../../lib/index.js";

/** Regions of the layout, in key order. */
export const REGIONS = ["ap", "eu", "sa", "us-east", "us-west"] as const;

/** The i-th key of `region`. */
export function layoutKey(region: string, i: number): string {
  return `logs/${region}/${String(i).padStart(5, "0")}.json`;
}

/** Every key of a layout of `total` keys (a multiple of 500), in key order. */
export function layoutKeys(total: number): string[] {
  const perRegion = total / REGIONS.length;
  return REGIONS.flatMap((r) => Array.from({ length: perRegion }, (_, i) => layoutKey(r, i)));
}

/** The queried range: 1% of `total` keys, starting at the middle of region "eu". */
export interface KeyRange {
  /** Inclusive. */
  readonly lo: string;
  /** Exclusive. */
  readonly hi: string;
  /** The keys in it, in key order. */
  readonly keys: readonly string[];
  /** An `mc find --path` glob selecting exactly those keys (mc matches it against the key). */
  readonly mcPath: string;
  /** The "folder" holding the range (`logs/eu/`), for an `mc find` narrowed by hand … */
  readonly mcFolder: string;
  /** … with this `--name` glob on the last path segment. */
  readonly mcName: string;
}

/** The 1% range of a layout of `total` keys (10 000 or 100 000: the range is then a digit-block glob). */
export function onePercentRange(total: number): KeyRange {
  const perRegion = total / REGIONS.length;
  const size = total / 100;
  const start = perRegion / 2;
  // A range that is a whole block of `size` keys aligned on `size` is a digit-prefix glob.
  const digits = String(size).length - 1;
  if (String(size) !== `1${"0".repeat(digits)}` || start % size !== 0 || perRegion > 100_000) {
    throw new Error(`BENCH_KEYS=${total} gives a 1% range of ${size} keys from ${start} of ${perRegion}: use 10000 or 100000 (a power-of-ten range on its own digits, at most 5 digits a region)`);
  }
  const lo = layoutKey("eu", start).slice(0, -".json".length);
  const hi = layoutKey("eu", start + size).slice(0, -".json".length);
  const keys = Array.from({ length: size }, (_, i) => layoutKey("eu", start + i));
  const head = lo.slice(0, lo.length - digits);
  const glob = `${head}${"?".repeat(digits)}.json`;
  const folder = glob.slice(0, glob.lastIndexOf("/") + 1);
  return { lo, hi, keys, mcPath: glob, mcFolder: folder, mcName: glob.slice(folder.length) };
}

/** What {@link ensureLayout} did. */
export interface LayoutResult {
  readonly keys: number;
  readonly skipped: boolean;
  readonly ms: number;
}

/**
 * Creates `bucket` and writes the layout unless it already holds exactly those keys (a
 * reused S3_BENCH_ENDPOINT server): checked by counting the listing under "logs/".
 */
export async function ensureLayout(s3: S3, bucket: string, total: number, log: (line: string) => void): Promise<LayoutResult> {
  const t0 = performance.now();
  const b = s3.bucket(bucket);
  if (await b.exists()) {
    const have = await b.objects().prefix("logs/").recursive().count();
    if (have === total) {
      log(`bucket ${bucket} already holds the ${total} keys; layout skipped`);
      return { keys: have, skipped: true, ms: performance.now() - t0 };
    }
    if (have > 0) throw new Error(`bucket ${bucket} holds ${have} keys under logs/, not ${total}: empty it or pick another BENCH_BUCKET`);
  } else {
    await b.create();
  }
  const summary = await b.putMany(layoutKeys(total).map((name) => ({ name, data: Buffer.alloc(0) })), { parallel: 4 });
  const have = await b.objects().prefix("logs/").recursive().count();
  if (have !== total) throw new Error(`layout wrote ${summary.objects} objects but the bucket lists ${have}, expected ${total}`);
  const ms = performance.now() - t0;
  log(`laid out ${total} keys in ${summary.batches} snowball archives in ${(ms / 1000).toFixed(1)} s`);
  return { keys: total, skipped: false, ms };
}
