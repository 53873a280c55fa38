/** Metric definitions shared by workloads, and the statistics the report uses. */
import type { Measurement, MetricDef } from "./types.js";

/** Median of the values (NaN for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The p-th percentile (nearest rank) of the values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** units per second, scaled (e.g. 1/2^20 for MiB/s). */
export function rate(id: string, label: string, scale = 1, digits = 0): MetricDef {
  return { id, label, higherIsBetter: true, digits, from: (m) => (m.units * scale) / m.seconds };
}

/** Client CPU per unit, scaled (1e6 for µs per key). */
export function cpuPer(id: string, label: string, scale: number, digits = 1): MetricDef {
  return { id, label, higherIsBetter: false, digits, from: (m) => (m.cpuSeconds * scale) / m.units };
}

/** Latency percentile of the requests (absent for clients that do not report latencies). */
export function latency(p: number): MetricDef {
  return { id: `p${p}`, label: `p${p} ms`, higherIsBetter: false, digits: 1, from: (m: Measurement) => (m.latenciesMs?.length ? percentile(m.latenciesMs, p) : undefined) };
}

/** Client CPU seconds of the whole job. */
export const CPU_SECONDS: MetricDef = { id: "cpuS", label: "CPU s", higherIsBetter: false, digits: 2, from: (m) => m.cpuSeconds };

/** Peak RSS (MiB) of the client's process during the job. */
export const PEAK_RSS: MetricDef = { id: "rssPeak", label: "peak RSS MiB", higherIsBetter: false, digits: 0, from: (m) => (m.rssMiB?.length ? Math.max(...m.rssMiB) : undefined) };

/** RSS growth (MiB) from the job's start to its end (flat = no growth). */
export const RSS_GROWTH: MetricDef = {
  id: "rssGrowth", label: "RSS growth MiB", higherIsBetter: false, digits: 0,
  from: (m) => (m.rssMiB && m.rssMiB.length > 1 ? m.rssMiB[m.rssMiB.length - 1]! - m.rssMiB[0]! : undefined),
};
