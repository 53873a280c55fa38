/**
 * Fan-out listing benchmark. Two servers:
 *
 * 1. The synthetic S3 endpoint (bench/synthetic, its own process) with BENCH_LATENCY_MS
 *    (default 20 ms) per request, like a remote region: BENCH_SYN_KEYS keys (default 40 000)
 *    in 16 prefixes. Rows: raw 1 stream, raw 8 streams (one per prefix, 8 at a time),
 *    Quarry 1 stream, Quarry parallel(8) unordered and ordered.
 * 2. A real local MinIO (bench/support/server.ts): the bench/list bucket layout (BENCH_KEYS
 *    keys, default 20 000, 100 per `bench/dir-NNNN/`, all under one top prefix, so Quarry's
 *    discovery has to descend a level). Rows: raw 8 streams over the known directories,
 *    Quarry parallel(8) unordered and ordered, and raw / Quarry 1 stream for reference.
 *
 * BENCH_ROUNDS (default 5) interleaved rounds per server, the order rotating by one row each
 * round; medians with min–max of keys/s and client CPU µs per key (`process.cpuUsage()`,
 * this process only: the servers run in other processes). Writes bench/fanout/results/latest.json.
 *
 *   npx tsx bench/fanout/run.ts
 *   BENCH_ONLY=synthetic npx tsx bench/fanout/run.ts     # or: minio
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { S3 } from "../../lib/index.js";
import { rawListCount } from "../list/raw-list.js";
import { benchKey, populate } from "../list/populate.js";
import { keepAliveAgent, rawTarget, type RawTarget } from "../support/raw-sign.js";
import { getServer } from "../support/server.js";
import { startSynthetic } from "../synthetic/launch.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const PARALLEL = 8;

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(v)}`);
  return n;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const log = (line: string) => console.log(`[bench:fanout] ${line}`);

interface Row {
  readonly name: string;
  readonly list: () => Promise<number>;
  readonly kps: number[];
  readonly cpu: number[];
}

/** Runs `fn` on every item, at most `limit` at once; sums the results. */
async function pooled<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<number>): Promise<number> {
  let next = 0;
  let total = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const n = await fn(items[next++]!); // not `total += await …`: that reads total before awaiting
      total += n;
    }
  }));
  return total;
}

async function countQuarry(iterable: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of iterable) n++;
  return n;
}

/** The rows for one server: raw 1/8 streams and Quarry 1 stream / parallel(8). */
function rowsFor(target: RawTarget, s3: S3, bucket: string, prefixes: readonly string[], which: readonly string[]): Row[] {
  const agent = keepAliveAgent(64);
  const all: Record<string, () => Promise<number>> = {
    "raw 1 stream": () => rawListCount(agent, target, bucket, ""),
    "raw 8 streams": () => pooled(prefixes, PARALLEL, (p) => rawListCount(agent, target, bucket, p)),
    "quarry 1 stream": () => countQuarry(s3.bucket(bucket).objects().recursive()),
    "quarry parallel(8)": () => countQuarry(s3.bucket(bucket).objects().recursive().parallel(PARALLEL)),
    "quarry parallel(8).ordered()": () => countQuarry(s3.bucket(bucket).objects().recursive().parallel(PARALLEL).ordered()),
  };
  return which.map((name) => ({ name, list: all[name]!, kps: [], cpu: [] }));
}

async function runRounds(label: string, rows: Row[], expected: number, rounds: number): Promise<void> {
  for (const row of rows) {
    const n = await row.list(); // warm-up
    if (n !== expected) throw new Error(`${label} ${row.name}: warm-up listed ${n} keys, expected ${expected}`);
  }
  for (let round = 0; round < rounds; round++) {
    const order = rows.map((_, i) => rows[(i + round) % rows.length]!);
    const parts: string[] = [];
    for (const row of order) {
      (globalThis as { gc?: () => void }).gc?.();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const n = await row.list();
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      if (n !== expected) throw new Error(`${label} ${row.name}: listed ${n} keys, expected ${expected}`);
      row.kps.push(n / (ms / 1000));
      row.cpu.push((cpu.user + cpu.system) / n);
      parts.push(`${row.name} ${fmt(n / (ms / 1000))}/s`);
    }
    log(`${label} round ${round + 1}/${rounds}: ${parts.join(" | ")}`);
  }
}

function summarize(rows: Row[], base: string) {
  const baseKps = median(rows.find((r) => r.name === base)?.kps ?? [NaN]);
  return rows.map((r) => ({
    name: r.name,
    keysPerSec: { median: median(r.kps), min: Math.min(...r.kps), max: Math.max(...r.kps) },
    cpuUsPerKey: { median: median(r.cpu), min: Math.min(...r.cpu), max: Math.max(...r.cpu) },
    [`ratioVs${base.replace(/\W+/g, "_")}`]: median(r.kps) / baseKps,
  }));
}

function table(title: string, summary: ReturnType<typeof summarize>, base: string): void {
  console.log(`\n${title}`);
  console.log(`| row | keys/s median (min–max) | × ${base} | client CPU µs/key median (min–max) |`);
  console.log("|---|---|---|---|");
  for (const s of summary) {
    const ratio = Object.entries(s).find(([k]) => k.startsWith("ratioVs"))?.[1] as number;
    console.log(`| ${s.name} | ${fmt(s.keysPerSec.median)} (${fmt(s.keysPerSec.min)}–${fmt(s.keysPerSec.max)}) | ${ratio.toFixed(2)} | ${s.cpuUsPerKey.median.toFixed(1)} (${s.cpuUsPerKey.min.toFixed(1)}–${s.cpuUsPerKey.max.toFixed(1)}) |`);
  }
}

async function benchSynthetic(rounds: number) {
  const keys = envInt("BENCH_SYN_KEYS", 40_000);
  const latencyMs = envInt("BENCH_LATENCY_MS", 20);
  const prefixCount = 16;
  const server = await startSynthetic({ keys, prefixes: prefixCount, latencyMs });
  log(`synthetic endpoint ${server.endpoint}: ${server.keys} keys in ${prefixCount} prefixes, ${latencyMs} ms a request`);
  const creds = { accessKey: "synthetic", secretKey: "synthetic-not-checked", region: "us-east-1" };
  const s3 = new S3({ endpoint: server.endpoint, ...creds });
  try {
    const prefixes = Array.from({ length: prefixCount }, (_, p) => `p${String(p).padStart(4, "0")}/`);
    const rows = rowsFor(rawTarget({ endpoint: server.endpoint, ...creds }), s3, "synthetic", prefixes,
      ["raw 1 stream", "raw 8 streams", "quarry 1 stream", "quarry parallel(8)", "quarry parallel(8).ordered()"]);
    await runRounds("synthetic", rows, server.keys, rounds);
    const summary = summarize(rows, "raw 1 stream");
    table(`Synthetic S3, ${latencyMs} ms latency, ${server.keys} keys in ${prefixCount} prefixes`, summary, "raw 1 stream");
    const q1 = median(rows[2]!.kps);
    const q8 = median(rows[3]!.kps);
    log(`quarry parallel(8) / quarry 1 stream = ${(q8 / q1).toFixed(2)} (target ≥ 5)`);
    return { server: "synthetic", keys: server.keys, prefixes: prefixCount, latencyMs, rows: summary, parallelVsOneStream: q8 / q1 };
  } finally {
    s3.close();
    await server.stop();
  }
}

async function benchMinio(rounds: number) {
  const keys = envInt("BENCH_KEYS", 20_000);
  const bucket = process.env.BENCH_BUCKET || "quarry-bench-fanout";
  const server = await getServer(log);
  const s3 = new S3({ endpoint: server.endpoint, accessKey: server.accessKey, secretKey: server.secretKey, region: server.region });
  try {
    const target = rawTarget(server);
    const populated = await populate(target, bucket, keys, log);
    const dirs = [...new Set(Array.from({ length: populated.keys }, (_, i) => benchKey(i).replace(/[^/]*$/, "")))];
    const rows = rowsFor(target, s3, bucket, dirs,
      ["raw 8 streams", "quarry parallel(8)", "quarry parallel(8).ordered()", "raw 1 stream", "quarry 1 stream"]);
    await runRounds("minio", rows, populated.keys, rounds);
    const summary = summarize(rows, "raw 8 streams");
    table(`Local MinIO, ${populated.keys} keys in ${dirs.length} directories under one top prefix`, summary, "raw 8 streams");
    const ratio = median(rows[1]!.kps) / median(rows[0]!.kps);
    log(`quarry parallel(8) / raw 8 streams = ${ratio.toFixed(2)} (target ≥ 0.90)`);
    return { server: "minio", keys: populated.keys, directories: dirs.length, rows: summary, parallelVsRaw8: ratio };
  } finally {
    s3.close();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const rounds = envInt("BENCH_ROUNDS", 5);
  const only = process.env.BENCH_ONLY?.trim();
  const startedAt = new Date().toISOString();
  const loadBefore = os.loadavg();
  log(`node ${process.version}, ${os.availableParallelism()} CPUs, load average ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, ${rounds} rounds`);
  const results: unknown[] = [];
  if (!only || only === "synthetic") results.push(await benchSynthetic(rounds));
  if (!only || only === "minio") results.push(await benchMinio(rounds));
  const out = {
    startedAt, node: process.version, cpus: os.availableParallelism(), loadBefore, loadAfter: os.loadavg(), rounds, results,
    command: `${only ? `BENCH_ONLY=${only} ` : ""}npx tsx bench/fanout/run.ts`,
  };
  const path = process.env.BENCH_JSON || join(HERE, "results", only ? `latest-${only}.json` : "latest.json");
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(out, null, 2)}\n`);
  log(`wrote ${path}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
