/**
 * Listing benchmark: recursive listing of BENCH_KEYS keys (default 20 000) on one MinIO,
 * by Quarry (for await and Observable), minio-js 8, the AWS SDK v3 and a raw baseline, in
 * BENCH_ROUNDS interleaved rounds (default 5; each round runs every client once, the order
 * rotating by one each round). Prints keys/s and client CPU µs per key (medians over
 * rounds) and Quarry's ratios against the raw baseline and minio-js, and writes
 * bench/list/results/latest.json.
 *
 *   npx tsx bench/list/run.ts                        # or: npm run bench:list
 *   BENCH_ONLY=raw,minio-js,aws npx tsx bench/list/run.ts
 *   BENCH_ONLY=quarry node --cpu-prof --import tsx bench/list/run.ts
 *
 * Env: BENCH_KEYS, BENCH_ROUNDS, BENCH_ONLY (comma list: quarry, raw, minio-js, aws or a
 * row name), BENCH_BUCKET (default quarry-bench-list), BENCH_JSON (output path; filtered
 * runs write no JSON unless it is set), S3_BENCH_ENDPOINT / S3_BENCH_ACCESS_KEY /
 * S3_BENCH_SECRET_KEY (use that server instead of starting one), BENCH_BASELINE_LIB (absolute
 * path of another checkout's lib/: adds a "quarry baseline" row, for before/after in one run).
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { readCpu } from "../support/cpu-ticks.js";
import { rawTarget } from "../support/raw-sign.js";
import { getServer } from "../support/server.js";
import { selectClients, type BenchContext, type ClientSpec, type ReadyClient } from "./clients.js";
import { populate } from "./populate.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, "..", "..");

/** Targets from the issue. */
const TARGET_RATIO_VS_RAW = 0.95;
const TARGET_CPU_US_PER_KEY = 10;
/** A timed run is "quiet" when other processes used less than this many cores during it. */
const QUIET_MAX_OTHER_CORES = 0.25;

interface Sample {
  readonly round: number;
  /** Position in the round's order (0 = first). */
  readonly slot: number;
  readonly keys: number;
  readonly ms: number;
  readonly keysPerSec: number;
  readonly cpuUsPerKey: number;
  /** Server process CPU per key (harness server on Linux only). */
  readonly serverCpuUsPerKey?: number;
  /** Busy cores of the whole machine during the listing (Linux only). */
  readonly machineBusyCores?: number;
  /** Busy cores of everything except this process and the server: the noise from other work. */
  readonly otherCores?: number;
}

interface Row {
  readonly spec: ClientSpec;
  client?: ReadyClient;
  readonly samples: Sample[];
  error?: string;
}

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(v)}`);
  return n;
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = [`${error.name}: ${error.message}`];
  const stack = error.stack?.split("\n").slice(1, 8).map((l) => l.trim()) ?? [];
  lines.push(...stack.map((l) => `    ${l}`));
  let cause = (error as { cause?: unknown }).cause;
  while (cause instanceof Error) {
    lines.push(`  caused by ${cause.name}: ${cause.message}`);
    cause = (cause as { cause?: unknown }).cause;
  }
  return lines.join("\n");
}

const fmtInt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "—");
const fmtPct = (r: number) => (Number.isFinite(r) ? `${(r * 100).toFixed(1)}%` : "—");
const fmtUs = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "—");
const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");

async function timedList(row: Row, round: number, slot: number, expected: number, serverPid: number | undefined): Promise<Sample> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const m0 = readCpu(serverPid);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const keys = await row.client!.list();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const m1 = readCpu(serverPid);
  if (keys !== expected) throw new Error(`${row.spec.name} listed ${keys} keys, expected ${expected}`);
  const clientUs = cpu.user + cpu.system;
  const extra: { -readonly [K in keyof Sample]?: Sample[K] } = {};
  if (m0 && m1 && m1.machineTotal > m0.machineTotal) {
    const wall = ms / 1000;
    const busy = m1.machineBusy - m0.machineBusy;
    extra.machineBusyCores = busy / wall;
    const serverS = m0.process !== undefined && m1.process !== undefined ? m1.process - m0.process : undefined;
    if (serverS !== undefined) {
      extra.serverCpuUsPerKey = (serverS * 1e6) / keys;
      extra.otherCores = Math.max(0, (busy - serverS - clientUs / 1e6) / wall);
    }
  }
  return { round, slot, keys, ms, keysPerSec: keys / (ms / 1000), cpuUsPerKey: clientUs / keys, ...extra };
}

async function main(): Promise<void> {
  const keys = envInt("BENCH_KEYS", 20_000);
  const rounds = envInt("BENCH_ROUNDS", 5);
  const bucket = process.env.BENCH_BUCKET || "quarry-bench-list";
  const only = process.env.BENCH_ONLY?.trim() || undefined;
  const specs = selectClients(only);
  const log = (line: string) => console.log(`[bench:list] ${line}`);
  const loadBefore = os.loadavg();
  const startedAt = new Date();
  log(`${keys} keys, ${rounds} rounds, clients: ${specs.map((s) => s.name).join(", ")}`);
  log(`node ${process.version} ${process.platform}/${process.arch}, ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? "?"}), load average ${fmtLoad(loadBefore)}`);

  const server = await getServer(log);
  const rows: Row[] = specs.map((spec) => ({ spec, samples: [] }));
  const roundLoads: number[][] = [];
  let populateResult: Awaited<ReturnType<typeof populate>>;
  try {
    populateResult = await populate(rawTarget(server), bucket, keys, log);
    const expected = populateResult.keys;
    const ctx: BenchContext = { endpoint: server.endpoint, accessKey: server.accessKey, secretKey: server.secretKey, region: server.region, bucket };

    for (const row of rows) {
      try {
        row.client = await row.spec.setup(ctx);
        const t0 = performance.now();
        const n = await row.client.list(); // warm-up
        if (n !== expected) throw new Error(`warm-up listed ${n} keys, expected ${expected}`);
        log(`warm-up ${row.spec.name}: ${n} keys in ${Math.round(performance.now() - t0)} ms`);
      } catch (error) {
        row.error = errorText(error);
        log(`${row.spec.name} FAILED in set-up/warm-up; dropped from the rounds:\n${row.error}`);
      }
    }

    const live = rows.filter((r) => !r.error);
    for (let round = 0; round < rounds; round++) {
      roundLoads.push(os.loadavg());
      const order = live.map((_, i) => live[(i + round) % live.length]!);
      const parts: string[] = [];
      for (const [slot, row] of order.entries()) {
        if (row.error) continue;
        try {
          const s = await timedList(row, round + 1, slot, expected, server.pid);
          row.samples.push(s);
          parts.push(`${row.spec.name} ${fmtInt(s.keysPerSec)}/s ${fmtUs(s.cpuUsPerKey)}µs`);
        } catch (error) {
          row.error = errorText(error);
          log(`${row.spec.name} FAILED in round ${round + 1}; dropped:\n${row.error}`);
        }
      }
      log(`round ${round + 1}/${rounds}: ${parts.join(" | ")}`);
    }
  } finally {
    for (const row of rows) {
      try {
        row.client?.close();
      } catch {
        // closing is best effort
      }
    }
    await server.stop();
  }
  const loadAfter = os.loadavg();

  // ---- summary ----
  const summary = rows.map((row) => {
    const kps = row.samples.map((s) => s.keysPerSec);
    const cpus = row.samples.map((s) => s.cpuUsPerKey);
    const pick = (f: (s: Sample) => number | undefined) => row.samples.flatMap((s) => (f(s) !== undefined ? [f(s)!] : []));
    const quiet = row.samples.filter((s) => s.otherCores !== undefined && s.otherCores < QUIET_MAX_OTHER_CORES).map((s) => s.keysPerSec);
    return {
      row,
      keysPerSec: median(kps),
      keysPerSecQuiet: median(quiet),
      quietSamples: quiet.length,
      min: kps.length ? Math.min(...kps) : NaN,
      max: kps.length ? Math.max(...kps) : NaN,
      cpuUsPerKey: median(cpus),
      serverCpuUsPerKey: median(pick((s) => s.serverCpuUsPerKey)),
      machineBusyCores: median(pick((s) => s.machineBusyCores)),
      otherCores: median(pick((s) => s.otherCores)),
    };
  });
  const rawKps = summary.find((s) => s.row.spec.group === "raw" && !s.row.error)?.keysPerSec ?? NaN;
  const minioKps = summary.find((s) => s.row.spec.group === "minio-js" && !s.row.error)?.keysPerSec ?? NaN;
  const rawKpsBest = summary.find((s) => s.row.spec.group === "raw" && !s.row.error)?.max ?? NaN;
  const rawKpsQuiet = summary.find((s) => s.row.spec.group === "raw" && !s.row.error)?.keysPerSecQuiet ?? NaN;
  const allSamples = rows.flatMap((r) => r.samples);
  const noisy = allSamples.filter((s) => s.otherCores !== undefined && s.otherCores >= QUIET_MAX_OTHER_CORES).length;

  const header = ["client", "keys/s (median)", "% of raw", "best keys/s", "best % of raw", "client CPU µs/key", "server CPU µs/key", "other procs (cores)", "quiet runs: keys/s (n)", "quiet % of raw"];
  const body = summary.map((s) =>
    s.row.error && s.row.samples.length === 0
      ? [s.row.spec.name, "FAILED", "", "", "", "", "", "", "", ""]
      : [
          s.row.spec.name + (s.row.error ? " (failed later)" : ""),
          fmtInt(s.keysPerSec),
          fmtPct(s.keysPerSec / rawKps),
          fmtInt(s.max),
          fmtPct(s.max / rawKpsBest),
          fmtUs(s.cpuUsPerKey),
          fmtUs(s.serverCpuUsPerKey),
          Number.isFinite(s.otherCores) ? s.otherCores.toFixed(2) : "—",
          `${fmtInt(s.keysPerSecQuiet)} (${s.quietSamples})`,
          fmtPct(s.keysPerSecQuiet / rawKpsQuiet),
        ],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log("");
  console.log(`Recursive listing of ${fmtInt(populateResult!.keys)} keys, ${rounds} interleaved rounds, ${server.source === "env" ? "server from S3_BENCH_ENDPOINT" : "local MinIO (harness)"}`);
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const cells of body) console.log(line(cells));
  console.log("(medians over rounds; CPU = process.cpuUsage() user+system / keys; server CPU and other procs from /proc:");
  console.log(` other = machine busy − this process − server; quiet runs = timed runs with other < ${QUIET_MAX_OTHER_CORES} cores;`);
  console.log(" best = fastest round: MinIO's metacache makes some listings wait 250 ms more for a 5000-entry block, see bench/list/README.md)");
  if (noisy > 0) console.log(`NOTE: ${noisy} of ${allSamples.length} timed runs shared the machine with other work (≥ ${QUIET_MAX_OTHER_CORES} cores); compare the quiet columns too.`);

  const quarry = summary
    .filter((s) => s.row.spec.group === "quarry" && s.row.samples.length > 0)
    .map((s) => {
      const vsRaw = s.keysPerSec / rawKps;
      const vsMinio = s.keysPerSec / minioKps;
      const vsRawQuiet = s.keysPerSecQuiet / rawKpsQuiet;
      const vsRawBest = s.max / rawKpsBest;
      return {
        name: s.row.spec.name,
        keysPerSec: s.keysPerSec,
        cpuUsPerKey: s.cpuUsPerKey,
        vsRaw: Number.isFinite(vsRaw) ? vsRaw : null,
        vsRawQuiet: Number.isFinite(vsRawQuiet) ? vsRawQuiet : null,
        vsRawBest: Number.isFinite(vsRawBest) ? vsRawBest : null,
        vsMinioJs: Number.isFinite(vsMinio) ? vsMinio : null,
        throughputTarget: Number.isFinite(vsRaw) ? (vsRaw >= TARGET_RATIO_VS_RAW ? "PASS" : "MISS") : "n/a (no raw row)",
        cpuTarget: s.cpuUsPerKey <= TARGET_CPU_US_PER_KEY ? "PASS" : "MISS",
      };
    });
  if (quarry.length > 0) {
    console.log("");
    console.log(`Targets: ≥ ${TARGET_RATIO_VS_RAW * 100}% of raw keys/s, ≤ ${TARGET_CPU_US_PER_KEY} µs client CPU per key`);
    for (const q of quarry) {
      console.log(
        `  ${q.name.padEnd(20)} ${fmtPct(q.vsRaw ?? NaN)} of raw → ${q.throughputTarget};  ` +
          `${fmtUs(q.cpuUsPerKey)} µs/key → ${q.cpuTarget};  ` +
          `${q.vsMinioJs === null ? "—" : `${q.vsMinioJs.toFixed(2)}×`} minio-js keys/s` +
          (q.vsRawBest !== null ? `  (best vs best: ${fmtPct(q.vsRawBest)}` : "") +
          (noisy > 0 && q.vsRawQuiet !== null ? `; quiet runs only: ${fmtPct(q.vsRawQuiet)} of raw` : "") +
          (q.vsRawBest !== null ? ")" : ""),
      );
    }
  }
  for (const s of summary.filter((x) => x.row.error)) {
    console.log("");
    console.log(`${s.row.spec.name} error:\n${s.row.error}`);
  }
  console.log("");
  console.log(`load average before ${fmtLoad(loadBefore)}, after ${fmtLoad(loadAfter)} (1/5/15 min; ${os.availableParallelism()} CPUs)`);

  // ---- JSON ----
  const jsonPath = process.env.BENCH_JSON || (only ? undefined : join(HERE, "results", "latest.json"));
  if (jsonPath) {
    const result = {
      benchmark: "bench/list",
      date: startedAt.toISOString(),
      node: process.version,
      platform: `${process.platform}/${process.arch}`,
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? null,
      server: server.source,
      keys: populateResult!.keys,
      rounds,
      populate: { skipped: populateResult!.skipped, written: populateResult!.written, ms: Math.round(populateResult!.ms) },
      loadAverage: { before: loadBefore, roundStarts: roundLoads, after: loadAfter },
      quietMaxOtherCores: QUIET_MAX_OTHER_CORES,
      targets: { minRatioVsRaw: TARGET_RATIO_VS_RAW, maxCpuUsPerKey: TARGET_CPU_US_PER_KEY },
      clients: summary.map((s) => ({
        name: s.row.spec.name,
        group: s.row.spec.group,
        keysPerSec: Number.isFinite(s.keysPerSec) ? Math.round(s.keysPerSec) : null,
        keysPerSecBest: Number.isFinite(s.max) ? Math.round(s.max) : null,
        keysPerSecQuiet: Number.isFinite(s.keysPerSecQuiet) ? Math.round(s.keysPerSecQuiet) : null,
        quietSamples: s.quietSamples,
        cpuUsPerKey: Number.isFinite(s.cpuUsPerKey) ? +s.cpuUsPerKey.toFixed(2) : null,
        ratioVsRaw: Number.isFinite(s.keysPerSec / rawKps) ? +(s.keysPerSec / rawKps).toFixed(3) : null,
        serverCpuUsPerKey: Number.isFinite(s.serverCpuUsPerKey) ? +s.serverCpuUsPerKey.toFixed(2) : null,
        machineBusyCores: Number.isFinite(s.machineBusyCores) ? +s.machineBusyCores.toFixed(2) : null,
        otherCores: Number.isFinite(s.otherCores) ? +s.otherCores.toFixed(2) : null,
        samples: s.row.samples.map((x) => ({
          round: x.round,
          slot: x.slot,
          ms: Math.round(x.ms),
          keysPerSec: Math.round(x.keysPerSec),
          cpuUsPerKey: +x.cpuUsPerKey.toFixed(2),
          ...(x.serverCpuUsPerKey !== undefined ? { serverCpuUsPerKey: +x.serverCpuUsPerKey.toFixed(2) } : {}),
          ...(x.machineBusyCores !== undefined ? { machineBusyCores: +x.machineBusyCores.toFixed(2) } : {}),
          ...(x.otherCores !== undefined ? { otherCores: +x.otherCores.toFixed(2) } : {}),
        })),
        ...(s.row.error ? { error: s.row.error.split("\n")[0] } : {}),
      })),
      quarry: quarry.map((q) => ({
        ...q,
        keysPerSec: Math.round(q.keysPerSec),
        cpuUsPerKey: +q.cpuUsPerKey.toFixed(2),
        vsRaw: q.vsRaw === null ? null : +q.vsRaw.toFixed(3),
        vsRawQuiet: q.vsRawQuiet === null ? null : +q.vsRawQuiet.toFixed(3),
        vsRawBest: q.vsRawBest === null ? null : +q.vsRawBest.toFixed(3),
        vsMinioJs: q.vsMinioJs === null ? null : +q.vsMinioJs.toFixed(3),
      })),
    };
    await mkdir(dirname(jsonPath), { recursive: true });
    await writeFile(jsonPath, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`results written to ${relative(REPO, jsonPath) || jsonPath}`);
  } else {
    console.log("BENCH_ONLY run: no JSON written (set BENCH_JSON=path to write one)");
  }
  if (rows.some((r) => r.error)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`[bench:list] failed: ${errorText(error)}`);
  process.exitCode = 1;
});
