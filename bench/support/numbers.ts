/** Small helpers every benchmark runner needs: integer env settings, medians, one-line errors. */

/** A positive integer from the environment, or `fallback` when unset. */
export function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

/** Median of the values (NaN for none). */
export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** An error as one short line. */
export function short(err: unknown): string {
  const e = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return e.split("\n")[0]!.slice(0, 160);
}
