/**
 * Transfer benchmark: put and get of one BENCH_MIB-MiB object (default 1024) on one MinIO,
 * by Quarry, minio-js 8, the AWS SDK v3 (lib-storage Upload, queueSize 4; GetObject) and a
 * raw node:http GET, in BENCH_ROUNDS interleaved rounds (default 3; the order rotates each
 * round; gets repeat BENCH_GET_REPS times a round, default 3, as one takes about a second).
 * Prints median MiB/s and client CPU (process.cpuUsage: seconds and µs per MiB),
 * Quarry's ratios against its targets, and writes bench/transfer/results/latest.json.
 *
 *   npx tsx bench/transfer/run.ts                      # or: npm run bench:transfer
 *   BENCH_ONLY=quarry BENCH_OPS=get node --cpu-prof --import tsx bench/transfer/run.ts
 *
 * Env: BENCH_MIB, BENCH_ROUNDS, BENCH_GET_REPS, BENCH_ONLY (quarry, raw, minio-js, aws), BENCH_OPS (put,get),
 * BENCH_JSON (output path; filtered runs write none unless set), S3_BENCH_ENDPOINT /
 * S3_BENCH_ACCESS_KEY / S3_BENCH_SECRET_KEY (use that server instead of starting one).
 * Every source is the same kind: a Readable repeating one 8 MiB chunk (see source.ts).
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { readCpu } from "../support/cpu-ticks.js";
import { expectStatus, keepAliveAgent, objectPath, rawRequest, rawTarget } from "../support/raw-sign.js";
import { getServer, type BenchServer } from "../support/server.js";
import { CLIENTS, type BenchContext, type ReadyClient } from "./clients.js";
import { rawPut } from "./raw-transfer.js";
import { drained, sourceStream } from "./source.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, "..", "..");
const MiB = 1024 * 1024;
/** Targets: put ≥ 1.2× the faster peer; get ≥ 95 % of raw and ≥ 1.1× the faster peer. */
const TARGET_PUT_VS_PEER = 1.2;
const TARGET_GET_VS_RAW = 0.95;
const TARGET_GET_VS_PEER = 1.1;

type Op = "put" | "get";

interface Sample {
  readonly round: number;
  readonly mibPerSec: number;
  readonly cpuSec: number;
  readonly cpuUsPerMiB: number;
  /** Mean size of the chunks a get delivered (KiB); small chunks mean more CPU per byte. */
  readonly chunkKiB?: number;
  readonly serverCpuSec?: number;
  /** Busy cores of everything but this process and the server during the run. */
  readonly otherCores?: number;
}

interface Row {
  readonly op: Op;
  readonly client: string;
  readonly group: string;
  readonly samples: Sample[];
  readonly errors: string[];
}

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function short(err: unknown): string {
  const e = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return e.split("\n")[0]!.slice(0, 160);
}

const log = (line: string) => console.error(`[bench] ${line}`);

/** Times one transfer: wall time, this process's CPU, the server's CPU and the machine's. */
async function measure(bytes: number, round: number, server: BenchServer, fn: () => Promise<void>): Promise<Sample> {
  const m0 = readCpu(server.pid);
  const chunks0 = drained.chunks;
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await fn();
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  const m1 = readCpu(server.pid);
  const cpuSec = (c.user + c.system) / 1e6;
  const mib = bytes / MiB;
  const chunks = drained.chunks - chunks0;
  const sample: Sample = { round, mibPerSec: mib / sec, cpuSec, cpuUsPerMiB: (cpuSec * 1e6) / mib, ...(chunks > 0 ? { chunkKiB: bytes / 1024 / chunks } : {}) };
  if (m0 && m1) {
    const serverCpu = m0.process !== undefined && m1.process !== undefined ? m1.process - m0.process : undefined;
    const busy = m1.machineBusy - m0.machineBusy;
    return { ...sample, ...(serverCpu !== undefined ? { serverCpuSec: serverCpu, otherCores: Math.max(0, (busy - cpuSec - serverCpu) / sec) } : {}) };
  }
  return sample;
}

async function main(): Promise<void> {
  const size = envInt("BENCH_MIB", 1024) * MiB;
  const rounds = envInt("BENCH_ROUNDS", 3);
  const getReps = envInt("BENCH_GET_REPS", 3);
  const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim()).filter(Boolean);
  const ops = (process.env.BENCH_OPS?.split(",").map((s) => s.trim()) ?? ["put", "get"]) as Op[];
  const loadBefore = os.loadavg();
  const server = await getServer(log);
  const bucket = "quarry-bench-transfer";
  const ctx: BenchContext = { endpoint: server.endpoint, accessKey: server.accessKey, secretKey: server.secretKey, region: server.region, bucket };
  const target = rawTarget(ctx);
  const agent = keepAliveAgent();
  const clients = new Map<string, ReadyClient>();
  const rows: Row[] = [];
  try {
    const made = await rawRequest(agent, target, { method: "PUT", path: objectPath(bucket) });
    expectStatus(made, "create bucket", 200, 409);
    log(`seeding a ${size / MiB} MiB source object`);
    await rawPut(agent, target, bucket, "src", sourceStream(size), size);
    for (const spec of CLIENTS) {
      if (only && !only.includes(spec.group)) continue;
      try {
        clients.set(spec.name, await spec.setup(ctx));
      } catch (err) {
        log(`${spec.name}: setup failed: ${short(err)}`);
        continue;
      }
      for (const op of ops) if (clients.get(spec.name)![op]) rows.push({ op, client: spec.name, group: spec.group, samples: [], errors: [] });
    }
    rows.sort((a, b) => ops.indexOf(a.op) - ops.indexOf(b.op)); // stable: client order within an op
    const runRow = async (row: Row, round: number) => {
      const c = clients.get(row.client)!;
      try {
        const s = await measure(size, round, server, async () => {
          if (row.op === "put") await c.put!(`put-${row.group}`, size);
          else {
            const n = await c.get!("src");
            if (n !== size) throw new Error(`read ${n} bytes, expected ${size}`);
          }
        });
        row.samples.push(s);
        log(`round ${round + 1} ${row.op} ${row.client}: ${s.mibPerSec.toFixed(0)} MiB/s, ${s.cpuUsPerMiB.toFixed(0)} µs/MiB${s.chunkKiB ? `, ${s.chunkKiB.toFixed(1)} KiB chunks` : ""}`);
      } catch (err) {
        row.errors.push(short(err));
        log(`round ${round + 1} ${row.op} ${row.client}: n/a: ${short(err)}`);
      }
    };
    for (let round = 0; round < rounds; round++) {
      for (const op of ops) {
        const these = rows.filter((r) => r.op === op);
        // A get takes about a second, so it is noisy: each round repeats the gets (interleaved).
        const reps = op === "get" ? getReps : 1;
        for (let rep = 0; rep < reps; rep++) {
          for (let i = 0; i < these.length; i++) await runRow(these[(i + round + rep) % these.length]!, round);
        }
      }
    }
    // A row that failed every time (e.g. an engine still being written) gets one more try at the end.
    for (const row of rows) if (row.samples.length === 0) await runRow(row, rounds);
  } finally {
    for (const c of clients.values()) c.close();
    agent.destroy();
    await server.stop();
  }
  report(rows, { size, rounds, getReps, loadBefore, loadAfter: os.loadavg(), filtered: only !== undefined || process.env.BENCH_OPS !== undefined });
}

interface RunInfo {
  readonly size: number;
  readonly rounds: number;
  /** Gets per client per round. */
  readonly getReps: number;
  readonly loadBefore: number[];
  readonly loadAfter: number[];
  readonly filtered: boolean;
}

function report(rows: Row[], info: RunInfo): void {
  const med = (row: Row | undefined) => (row ? median(row.samples.map((s) => s.mibPerSec)) : NaN);
  const bestPeer = (op: Op) => Math.max(...rows.filter((r) => r.op === op && (r.group === "minio-js" || r.group === "aws")).map(med).filter((v) => !Number.isNaN(v)));
  const verdicts: Array<{ check: string; ratio: number; target: number; pass: boolean }> = [];
  const check = (name: string, ratio: number, target: number) => {
    if (Number.isFinite(ratio)) verdicts.push({ check: name, ratio, target, pass: ratio >= target });
  };
  const qPut = rows.find((r) => r.op === "put" && r.group === "quarry");
  const qGet = rows.find((r) => r.op === "get" && r.group === "quarry");
  check("quarry put / faster peer put", med(qPut) / bestPeer("put"), TARGET_PUT_VS_PEER);
  check("quarry get / raw get", med(qGet) / med(rows.find((r) => r.op === "get" && r.group === "raw")), TARGET_GET_VS_RAW);
  check("quarry get / faster peer get", med(qGet) / bestPeer("get"), TARGET_GET_VS_PEER);

  const lines = [
    `transfer: ${info.size / MiB} MiB object, ${info.rounds} interleaved rounds (gets ×${info.getReps} a round), medians; ${os.cpus().length} CPUs; load average before ${info.loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${info.loadAfter.map((l) => l.toFixed(2)).join(" ")}`,
    "",
    `${"op".padEnd(4)}${"client".padEnd(16)}${"MiB/s".padStart(8)}${"min–max".padStart(12)}${"CPU s".padStart(8)}${"µs/MiB".padStart(9)}${"srv CPU s".padStart(11)}${"noise".padStart(7)}  samples`,
  ];
  for (const r of rows) {
    const v = r.samples.map((s) => s.mibPerSec);
    if (v.length === 0) {
      lines.push(`${r.op.padEnd(4)}${r.client.padEnd(16)}  n/a: ${r.errors[0] ?? "not run"}`);
      continue;
    }
    const srv = median(r.samples.flatMap((s) => (s.serverCpuSec !== undefined ? [s.serverCpuSec] : [])));
    const noise = median(r.samples.flatMap((s) => (s.otherCores !== undefined ? [s.otherCores] : [])));
    lines.push(
      `${r.op.padEnd(4)}${r.client.padEnd(16)}${median(v).toFixed(0).padStart(8)}${`${Math.min(...v).toFixed(0)}–${Math.max(...v).toFixed(0)}`.padStart(12)}` +
        `${median(r.samples.map((s) => s.cpuSec)).toFixed(2).padStart(8)}${median(r.samples.map((s) => s.cpuUsPerMiB)).toFixed(0).padStart(9)}` +
        `${(Number.isNaN(srv) ? "-" : srv.toFixed(2)).padStart(11)}${(Number.isNaN(noise) ? "-" : noise.toFixed(2)).padStart(7)}  ${v.length}${r.errors.length ? ` (${r.errors.length} failed: ${r.errors[0]})` : ""}`,
    );
  }
  lines.push("");
  for (const v of verdicts) lines.push(`${v.pass ? "PASS" : "MISS"}  ${v.check} = ${v.ratio.toFixed(2)} (target ≥ ${v.target})`);
  console.log(lines.join("\n"));
  const json = process.env.BENCH_JSON ?? (info.filtered ? undefined : join(HERE, "results", "latest.json"));
  if (json) {
    void mkdir(dirname(json), { recursive: true })
      .then(() => writeFile(json, JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, ...info, rows, verdicts }, null, 2) + "\n"))
      .then(() => console.error(`[bench] wrote ${relative(REPO, json)}`));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
