/**
 * Snowball benchmark: N small objects written to one MinIO as snowball archives (Quarry's
 * `bucket.putMany`) against one PutObject an object at BENCH_CONCURRENCY in flight (Quarry,
 * minio-js 8, AWS SDK v3), for each size in BENCH_SIZES_KIB, in BENCH_ROUNDS interleaved rounds
 * (the order rotates each round; every client rewrites the same keys each round). Prints median
 * objects/s, client CPU (process.cpuUsage: seconds and µs an object) and server CPU, and writes
 * bench/snowball/results/latest.json.
 *
 *   npx tsx bench/snowball/run.ts                     # or: npm run bench:snowball
 *   BENCH_COUNT=500 BENCH_SIZES_KIB=4 BENCH_ONLY=quarry-snowball npx tsx bench/snowball/run.ts
 *
 * Env: BENCH_COUNT (objects, default 2000), BENCH_SIZES_KIB (default 1,16,64), BENCH_ROUNDS
 * (default 3), BENCH_CONCURRENCY (default 32), BENCH_ONLY (quarry-snowball, quarry, minio-js,
 * aws), BENCH_JSON (output path; filtered runs write none unless set), S3_BENCH_ENDPOINT /
 * S3_BENCH_ACCESS_KEY / S3_BENCH_SECRET_KEY (use that server instead of starting one).
 */
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { readCpu } from "../support/cpu-ticks.js";
import { envInt, median, short } from "../support/numbers.js";
import { expectStatus, keepAliveAgent, objectPath, rawRequest, rawTarget } from "../support/raw-sign.js";
import { getServer, type BenchServer } from "../support/server.js";
import { CLIENTS, type BenchContext, type ReadyClient } from "./clients.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, "..", "..");
const KiB = 1024;

interface Sample {
  readonly round: number;
  readonly objectsPerSec: number;
  readonly cpuSec: number;
  readonly cpuUsPerObject: number;
  readonly serverCpuSec?: number;
  /** Busy cores of everything but this process and the server during the run. */
  readonly otherCores?: number;
}

interface Row {
  readonly sizeKiB: number;
  readonly client: string;
  readonly group: string;
  readonly samples: Sample[];
  readonly errors: string[];
}

const log = (line: string) => console.error(`[bench] ${line}`);

/** Times one write of `count` objects: wall time, this process's CPU, the server's and the machine's. */
async function measure(count: number, round: number, server: BenchServer, fn: () => Promise<void>): Promise<Sample> {
  const m0 = readCpu(server.pid);
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await fn();
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  const m1 = readCpu(server.pid);
  const cpuSec = (c.user + c.system) / 1e6;
  const sample: Sample = { round, objectsPerSec: count / sec, cpuSec, cpuUsPerObject: (cpuSec * 1e6) / count };
  if (m0 && m1 && m0.process !== undefined && m1.process !== undefined) {
    const serverCpu = m1.process - m0.process;
    const busy = m1.machineBusy - m0.machineBusy;
    return { ...sample, serverCpuSec: serverCpu, otherCores: Math.max(0, (busy - cpuSec - serverCpu) / sec) };
  }
  return sample;
}

async function main(): Promise<void> {
  const count = envInt("BENCH_COUNT", 2000);
  const rounds = envInt("BENCH_ROUNDS", 3);
  const concurrency = envInt("BENCH_CONCURRENCY", 32);
  const sizes = (process.env.BENCH_SIZES_KIB ?? "1,16,64").split(",").map((s) => Number(s.trim()));
  if (sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new Error("BENCH_SIZES_KIB must be a comma list of positive integers");
  const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim()).filter(Boolean);
  const loadBefore = os.loadavg();
  const server = await getServer(log);
  const bucket = "quarry-bench-snowball";
  const ctx: BenchContext = { endpoint: server.endpoint, accessKey: server.accessKey, secretKey: server.secretKey, region: server.region, bucket, concurrency };
  const agent = keepAliveAgent();
  const clients = new Map<string, ReadyClient>();
  const rows: Row[] = [];
  try {
    const made = await rawRequest(agent, rawTarget(ctx), { method: "PUT", path: objectPath(bucket) });
    expectStatus(made, "create bucket", 200, 409);
    for (const spec of CLIENTS) {
      if (only && !only.includes(spec.group)) continue;
      try {
        clients.set(spec.name, await spec.setup(ctx));
      } catch (err) {
        log(`${spec.name}: setup failed: ${short(err)}`);
        continue;
      }
      for (const sizeKiB of sizes) rows.push({ sizeKiB, client: spec.name, group: spec.group, samples: [], errors: [] });
    }
    rows.sort((a, b) => sizes.indexOf(a.sizeKiB) - sizes.indexOf(b.sizeKiB)); // stable: client order within a size
    for (const sizeKiB of sizes) {
      // The same bodies for every client (random: nothing compresses or dedups).
      const bodies = Array.from({ length: count }, () => randomBytes(sizeKiB * KiB));
      const these = rows.filter((r) => r.sizeKiB === sizeKiB);
      for (let round = 0; round < rounds; round++) {
        for (let i = 0; i < these.length; i++) {
          const row = these[(i + round) % these.length]!;
          try {
            const s = await measure(count, round, server, () => clients.get(row.client)!.write(`${row.group}/${sizeKiB}k/`, bodies));
            row.samples.push(s);
            log(`${sizeKiB} KiB round ${round + 1} ${row.client}: ${s.objectsPerSec.toFixed(0)} objects/s, ${s.cpuUsPerObject.toFixed(0)} µs CPU an object`);
          } catch (err) {
            row.errors.push(short(err));
            log(`${sizeKiB} KiB round ${round + 1} ${row.client}: n/a: ${short(err)}`);
          }
        }
      }
    }
  } finally {
    for (const c of clients.values()) c.close();
    agent.destroy();
    await server.stop();
  }
  report(rows, { count, sizes, rounds, concurrency, loadBefore, loadAfter: os.loadavg(), filtered: only !== undefined });
}

interface RunInfo {
  readonly count: number;
  readonly sizes: number[];
  readonly rounds: number;
  readonly concurrency: number;
  readonly loadBefore: number[];
  readonly loadAfter: number[];
  readonly filtered: boolean;
}

function report(rows: Row[], info: RunInfo): void {
  const med = (row: Row | undefined) => (row ? median(row.samples.map((s) => s.objectsPerSec)) : NaN);
  const lines = [
    `snowball: ${info.count} objects a size, ${info.rounds} interleaved rounds, per-object puts at ${info.concurrency} in flight, medians; ${os.cpus().length} CPUs; ` +
      `load average before ${info.loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${info.loadAfter.map((l) => l.toFixed(2)).join(" ")}`,
    "",
    `${"size".padEnd(7)}${"client".padEnd(18)}${"obj/s".padStart(8)}${"min–max".padStart(12)}${"CPU s".padStart(8)}${"µs/obj".padStart(8)}${"srv CPU s".padStart(11)}${"noise".padStart(7)}${"× best put".padStart(12)}  samples`,
  ];
  const ratios: Array<{ sizeKiB: number; snowballVsBestPut: number }> = [];
  for (const sizeKiB of info.sizes) {
    const these = rows.filter((r) => r.sizeKiB === sizeKiB);
    const bestPut = Math.max(...these.filter((r) => r.group !== "quarry-snowball").map(med).filter((v) => !Number.isNaN(v)));
    const snow = med(these.find((r) => r.group === "quarry-snowball"));
    if (Number.isFinite(snow / bestPut)) ratios.push({ sizeKiB, snowballVsBestPut: snow / bestPut });
    for (const r of these) {
      const v = r.samples.map((s) => s.objectsPerSec);
      const label = `${r.sizeKiB} KiB`.padEnd(7) + r.client.padEnd(18);
      if (v.length === 0) {
        lines.push(`${label}  n/a: ${r.errors[0] ?? "not run"}`);
        continue;
      }
      const srv = median(r.samples.flatMap((s) => (s.serverCpuSec !== undefined ? [s.serverCpuSec] : [])));
      const noise = median(r.samples.flatMap((s) => (s.otherCores !== undefined ? [s.otherCores] : [])));
      lines.push(
        `${label}${median(v).toFixed(0).padStart(8)}${`${Math.min(...v).toFixed(0)}–${Math.max(...v).toFixed(0)}`.padStart(12)}` +
          `${median(r.samples.map((s) => s.cpuSec)).toFixed(2).padStart(8)}${median(r.samples.map((s) => s.cpuUsPerObject)).toFixed(0).padStart(8)}` +
          `${(Number.isNaN(srv) ? "-" : srv.toFixed(2)).padStart(11)}${(Number.isNaN(noise) ? "-" : noise.toFixed(2)).padStart(7)}` +
          `${(Number.isFinite(med(r) / bestPut) ? `${(med(r) / bestPut).toFixed(2)}×` : "-").padStart(12)}  ${v.length}${r.errors.length ? ` (${r.errors.length} failed: ${r.errors[0]})` : ""}`,
      );
    }
  }
  console.log(lines.join("\n"));
  const json = process.env.BENCH_JSON ?? (info.filtered ? undefined : join(HERE, "results", "latest.json"));
  if (json) {
    void mkdir(dirname(json), { recursive: true })
      .then(() => writeFile(json, JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, ...info, rows, ratios }, null, 2) + "\n"))
      .then(() => console.error(`[bench] wrote ${relative(REPO, json)}`));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
