/** Number formatting shared by the report writers. */
import type { Stat } from "../results.js";

/** A number with `digits` decimals and thousands separators. */
export function fmt(n: number | undefined, digits = 0): string {
  if (n === undefined || !Number.isFinite(n)) return "—";
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** `median (min–max)`, or just the median when there is one sample. */
export function fmtStat(s: Stat | undefined, digits: number): string {
  if (!s) return "—";
  return s.min === s.max ? fmt(s.median, digits) : `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}

/** A ratio like `1.23×`. */
export function fmtRatio(r: number | undefined): string {
  return r === undefined || !Number.isFinite(r) ? "—" : `${r.toFixed(2)}×`;
}
