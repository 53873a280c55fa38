/**
 * The synthetic server's key space: `keys` keys spread evenly over `prefixes` prefixes, all
 * generated in memory and deterministic, held sorted (in UTF-8 byte order, which for these
 * ASCII names is JavaScript's string order). Key i of prefix p is
 * `<top>p<PPPP>/key-<NNNNNNN>.bin`; with `rootKeys` > 0, that many `<top>root-<NNNN>.bin`
 * keys sit directly at the top level too.
 */
import { createHash } from "node:crypto";

/** What the key space holds. */
export interface KeySpaceSpec {
  /** Keys under the prefixes. */
  readonly keys: number;
  /** How many prefixes ("directories") the keys are spread over. */
  readonly prefixes: number;
  /** A prefix every key sits under (e.g. "data/"), or "". */
  readonly top: string;
  /** Extra keys directly at the top level. */
  readonly rootKeys: number;
  /** Size in bytes of every object. */
  readonly objectSize: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The generated keys, sorted, with lookups by position. */
export class KeySpace {
  readonly keys: readonly string[];
  readonly spec: KeySpaceSpec;
  readonly #index = new Map<string, number>();

  constructor(spec: KeySpaceSpec) {
    this.spec = spec;
    const keys: string[] = [];
    const per = Math.floor(spec.keys / spec.prefixes);
    const extra = spec.keys % spec.prefixes;
    for (let p = 0; p < spec.prefixes; p++) {
      const dir = `${spec.top}p${pad(p, 4)}/`;
      for (let i = 0, n = per + (p < extra ? 1 : 0); i < n; i++) keys.push(`${dir}key-${pad(i, 7)}.bin`);
    }
    for (let r = 0; r < spec.rootKeys; r++) keys.push(`${spec.top}root-${pad(r, 4)}.bin`);
    keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.keys = keys;
    keys.forEach((k, i) => this.#index.set(k, i));
  }

  /** Position of `key`, or undefined when it is not in the space. */
  indexOf(key: string): number | undefined {
    return this.#index.get(key);
  }

  /** Position of the first key greater than `marker` (or ≥ when `inclusive`). */
  lowerBound(marker: string, inclusive = false): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.keys[mid]!;
      if (k < marker || (!inclusive && k === marker)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Entity tag of the key at `i` (hex, unquoted): deterministic, derived from the key. */
  etag(i: number): string {
    return createHash("md5").update(this.keys[i]!).digest("hex");
  }

  /** Where in the shared byte pattern the key at `i` starts its content. */
  contentSeed(i: number): number {
    return (i * 7919) % PATTERN_SIZE;
  }
}

/** Object bodies are windows of one deterministic byte pattern of this size. */
export const PATTERN_SIZE = 1 << 20;

let pattern: Buffer | undefined;
/** The shared pseudo-random byte pattern (xorshift32, fixed seed). */
export function bytePattern(): Buffer {
  if (pattern === undefined) {
    pattern = Buffer.alloc(PATTERN_SIZE * 2); // doubled so any window of ≤ PATTERN_SIZE is contiguous
    let x = 0x9e3779b9;
    for (let i = 0; i < PATTERN_SIZE; i++) {
      x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      pattern[i] = x & 0xff;
    }
    pattern.copy(pattern, PATTERN_SIZE, 0, PATTERN_SIZE);
  }
  return pattern;
}

/** The bytes [start, end) of an object whose content starts at `seed` in the pattern. */
export function* objectBytes(seed: number, start: number, end: number, chunk = 64 * 1024): Generator<Buffer> {
  const p = bytePattern();
  for (let at = start; at < end; at += chunk) {
    const len = Math.min(chunk, end - at);
    const from = (seed + at) % PATTERN_SIZE;
    yield p.subarray(from, from + len);
  }
}
