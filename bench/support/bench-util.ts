/**
 * Small helpers shared by the benchmarks: integer env settings, medians, error text for
 * failed rows, and BENCH_ONLY row selection.
 */

/** A positive integer from the environment, or `fallback`. */
export function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(v)}`);
  return n;
}

/** The median (NaN for no values). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** An error with a short stack and its causes, for a failed row. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = [`${error.name}: ${error.message}`, ...(error.stack?.split("\n").slice(1, 6).map((l) => `    ${l.trim()}`) ?? [])];
  for (let cause = (error as { cause?: unknown }).cause; cause instanceof Error; cause = (cause as { cause?: unknown }).cause) {
    lines.push(`  caused by ${cause.name}: ${cause.message}`);
  }
  return lines.join("\n");
}

/** The rows `only` (a comma list of groups or exact row names) selects; all when empty. */
export function selectRows<R extends { readonly name: string; readonly group: string }>(rows: readonly R[], only: string | undefined): R[] {
  const wanted = (only ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (wanted.length === 0) return [...rows];
  const known = new Set(rows.flatMap((c) => [c.group, c.name.toLowerCase()]));
  const unknown = wanted.filter((w) => !known.has(w));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown client(s) ${unknown.join(", ")}; use ${[...new Set(rows.map((r) => r.group))].join(", ")} or a row name`);
  return rows.filter((c) => wanted.includes(c.group) || wanted.includes(c.name.toLowerCase()));
}
