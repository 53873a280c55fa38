/** The suite's result model (what bench/results/*.json holds) and how samples become summaries. */
import { median } from "./metrics.js";
import type { Measurement, MetricDef, Scale } from "./types.js";

/** One timed run of one client. */
export interface SampleRecord {
  readonly round: number;
  /** Position in the round's order (0 = first). */
  readonly slot: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly units: number;
  readonly metrics: Record<string, number>;
  /** The RSS curve (MiB), when the workload samples it. */
  readonly rssMiB?: readonly number[];
}

/** Median with min–max of one metric. */
export interface Stat {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** One client's row in one workload on one target. */
export interface ClientResult {
  readonly name: string;
  readonly runs: "node" | "subprocess";
  readonly note?: string;
  error?: string;
  readonly samples: SampleRecord[];
  summary: Record<string, Stat>;
}

/** One workload on one target. */
export interface WorkloadResult {
  readonly workload: string;
  readonly title: string;
  readonly target: string;
  readonly headline: string;
  readonly metrics: ReadonlyArray<Pick<MetricDef, "id" | "label" | "higherIsBetter" | "digits">>;
  readonly clients: ClientResult[];
  /** Why it did not run, when it did not. */
  skipped?: string;
}

/** A whole run. */
export interface SuiteResult {
  readonly suite: "bench/suite";
  readonly date: string;
  readonly command: string;
  readonly quick: boolean;
  readonly node: string;
  readonly platform: string;
  readonly cpuModel: string;
  readonly cpus: number;
  readonly loadAverage: { before: number[]; after: number[] };
  readonly scale: Scale;
  readonly notes: string[];
  readonly results: WorkloadResult[];
}

/** Turns a measurement into a sample record with every metric of the workload. */
export function toSample(m: Measurement, defs: readonly MetricDef[], round: number, slot: number, keepRss: boolean): SampleRecord {
  const metrics: Record<string, number> = {};
  for (const d of defs) {
    const v = d.from(m);
    if (v !== undefined && Number.isFinite(v)) metrics[d.id] = v;
  }
  return { round, slot, seconds: m.seconds, cpuSeconds: m.cpuSeconds, units: m.units, metrics, ...(keepRss && m.rssMiB ? { rssMiB: m.rssMiB.map((x) => Math.round(x * 10) / 10) } : {}) };
}

/** Median and min–max per metric over the samples. */
export function summarize(samples: readonly SampleRecord[], defs: readonly MetricDef[]): Record<string, Stat> {
  const out: Record<string, Stat> = {};
  for (const d of defs) {
    const values = samples.flatMap((s) => (s.metrics[d.id] !== undefined ? [s.metrics[d.id]!] : []));
    if (values.length > 0) out[d.id] = { median: median(values), min: Math.min(...values), max: Math.max(...values) };
  }
  return out;
}
