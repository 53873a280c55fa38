/**
 * Removal benchmark: BENCH_KEYS objects (default 3 000) removed from one MinIO by Quarry
 * (`removeObjects(keys)`, and `objects().remove()` which lists as it removes), minio-js 8
 * `removeObjects` and the AWS SDK v3 `DeleteObjects`, in BENCH_ROUNDS interleaved rounds
 * (default 3; the order rotates by one each round). Before each timed removal the bucket is
 * filled again with raw PUTs (not timed); after it, a raw listing checks that it is empty.
 * Prints keys/s and client CPU µs per key (medians over rounds) and writes
 * bench/remove/results/latest.json.
 *
 *   npx tsx bench/remove/run.ts
 *   BENCH_KEYS=2000 BENCH_ROUNDS=1 BENCH_ONLY=quarry npx tsx bench/remove/run.ts
 *
 * Env: BENCH_KEYS, BENCH_ROUNDS, BENCH_CONCURRENCY (DeleteObjects in flight for Quarry and
 * the AWS SDK, default 4), BENCH_ONLY (comma list: quarry, minio-js, aws or a row name),
 * BENCH_BUCKET (default quarry-bench-remove), BENCH_JSON (output path; filtered runs write
 * no JSON unless it is set), S3_BENCH_ENDPOINT / S3_BENCH_ACCESS_KEY / S3_BENCH_SECRET_KEY.
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchKey, populate } from "../list/populate.js";
import { rawListCount } from "../list/raw-list.js";
import { envInt, errorText, median, selectRows } from "../support/bench-util.js";
import { readCpu } from "../support/cpu-ticks.js";
import { keepAliveAgent, rawTarget } from "../support/raw-sign.js";
import { getServer } from "../support/server.js";
import { CLIENTS, type BenchContext, type ClientSpec, type ReadyClient } from "./clients.js";

const HERE = dirname(fileURLToPath(import.meta.url));

interface Sample {
  readonly round: number;
  readonly slot: number;
  readonly ms: number;
  readonly keysPerSec: number;
  readonly cpuUsPerKey: number;
  readonly serverCpuUsPerKey?: number;
  /** Cores busy with everything but this process and the server during the run. */
  readonly otherCores?: number;
}

interface Row {
  readonly spec: ClientSpec;
  client?: ReadyClient;
  readonly samples: Sample[];
  error?: string;
}

const fmtInt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "—");
const fmtUs = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "—");
const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");

async function main(): Promise<void> {
  const keyCount = envInt("BENCH_KEYS", 3_000);
  const rounds = envInt("BENCH_ROUNDS", 3);
  const concurrency = envInt("BENCH_CONCURRENCY", 4);
  const bucket = process.env.BENCH_BUCKET || "quarry-bench-remove";
  const only = process.env.BENCH_ONLY?.trim() || undefined;
  const specs = selectRows(CLIENTS, only);
  const log = (line: string) => console.log(`[bench:remove] ${line}`);
  const loadBefore = os.loadavg();
  const startedAt = new Date();
  log(`${keyCount} keys, ${rounds} rounds, ${concurrency} in flight, clients: ${specs.map((s) => s.name).join(", ")}`);
  log(`node ${process.version} ${process.platform}/${process.arch}, ${os.availableParallelism()} CPUs, load average ${fmtLoad(loadBefore)}`);

  const keys = Array.from({ length: keyCount }, (_, i) => benchKey(i));
  const server = await getServer(log);
  const target = rawTarget(server);
  const agent = keepAliveAgent();
  const rows: Row[] = specs.map((spec) => ({ spec, samples: [] }));
  const quietLog = () => undefined;
  const refill = async (n: number) => void (await populate(target, bucket, n, quietLog));
  try {
    const ctx: BenchContext = { endpoint: server.endpoint, accessKey: server.accessKey, secretKey: server.secretKey, region: server.region, bucket, concurrency };
    const timed = async (row: Row, round: number, slot: number, n = keyCount): Promise<Sample> => {
      await refill(n);
      (globalThis as { gc?: () => void }).gc?.();
      const m0 = readCpu(server.pid);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const removed = await row.client!.remove(n === keyCount ? keys : keys.slice(0, n));
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const m1 = readCpu(server.pid);
      const left = await rawListCount(agent, target, bucket);
      if (removed !== n || left !== 0) throw new Error(`${row.spec.name} reported ${removed} removed of ${n}; ${left} keys left`);
      const clientUs = cpu.user + cpu.system;
      const extra: { serverCpuUsPerKey?: number; otherCores?: number } = {};
      if (m0?.process !== undefined && m1?.process !== undefined && m1.machineTotal > m0.machineTotal) {
        const serverS = m1.process - m0.process;
        extra.serverCpuUsPerKey = (serverS * 1e6) / n;
        extra.otherCores = Math.max(0, (m1.machineBusy - m0.machineBusy - serverS - clientUs / 1e6) / (ms / 1000));
      }
      return { round, slot, ms, keysPerSec: n / (ms / 1000), cpuUsPerKey: clientUs / n, ...extra };
    };

    for (const row of rows) {
      try {
        row.client = await row.spec.setup(ctx);
        const warm = await timed(row, 0, 0, Math.min(1000, keyCount)); // warm-up: loads the library, opens sockets
        log(`warm-up ${row.spec.name}: ${fmtInt(warm.keysPerSec)} keys/s`);
      } catch (error) {
        row.error = errorText(error);
        log(`${row.spec.name} FAILED in set-up/warm-up; dropped:\n${row.error}`);
      }
    }
    const live = rows.filter((r) => !r.error);
    for (let round = 0; round < rounds; round++) {
      const order = live.map((_, i) => live[(i + round) % live.length]!);
      const parts: string[] = [];
      for (const [slot, row] of order.entries()) {
        if (row.error) continue;
        try {
          const s = await timed(row, round + 1, slot);
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
    for (const row of rows) row.client?.close();
    agent.destroy();
    await server.stop();
  }
  const loadAfter = os.loadavg();

  const summary = rows.map((row) => ({
    row,
    keysPerSec: median(row.samples.map((s) => s.keysPerSec)),
    cpuUsPerKey: median(row.samples.map((s) => s.cpuUsPerKey)),
    serverCpuUsPerKey: median(row.samples.flatMap((s) => (s.serverCpuUsPerKey !== undefined ? [s.serverCpuUsPerKey] : []))),
    otherCores: median(row.samples.flatMap((s) => (s.otherCores !== undefined ? [s.otherCores] : []))),
  }));
  const header = ["client", "keys/s (median)", "client CPU µs/key", "server CPU µs/key", "other procs (cores)"];
  const body = summary.map((s) => s.row.samples.length === 0
    ? [s.row.spec.name, "FAILED", "", "", ""]
    : [s.row.spec.name + (s.row.error ? " (failed later)" : ""), fmtInt(s.keysPerSec), fmtUs(s.cpuUsPerKey), fmtUs(s.serverCpuUsPerKey), Number.isFinite(s.otherCores) ? s.otherCores.toFixed(2) : "—"]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log("");
  console.log(`Removal of ${fmtInt(keyCount)} existing objects, ${rounds} interleaved rounds, ${server.source === "env" ? "server from S3_BENCH_ENDPOINT" : "local MinIO (harness)"}`);
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const cells of body) console.log(line(cells));
  console.log("(medians over rounds; CPU = process.cpuUsage() user+system / keys; server CPU and other procs from /proc)");
  for (const s of summary.filter((x) => x.row.error)) console.log(`\n${s.row.spec.name} error:\n${s.row.error}`);
  console.log(`\nload average before ${fmtLoad(loadBefore)}, after ${fmtLoad(loadAfter)} (1/5/15 min; ${os.availableParallelism()} CPUs)`);

  const jsonPath = process.env.BENCH_JSON || (only ? undefined : join(HERE, "results", "latest.json"));
  if (jsonPath) {
    const round2 = (n: number) => (Number.isFinite(n) ? +n.toFixed(2) : null);
    const result = {
      benchmark: "bench/remove",
      date: startedAt.toISOString(),
      node: process.version,
      platform: `${process.platform}/${process.arch}`,
      cpus: os.availableParallelism(),
      server: server.source,
      keys: keyCount,
      rounds,
      concurrency,
      loadAverage: { before: loadBefore, after: loadAfter },
      clients: summary.map((s) => ({
        name: s.row.spec.name,
        group: s.row.spec.group,
        keysPerSec: Number.isFinite(s.keysPerSec) ? Math.round(s.keysPerSec) : null,
        cpuUsPerKey: round2(s.cpuUsPerKey),
        serverCpuUsPerKey: round2(s.serverCpuUsPerKey),
        otherCores: round2(s.otherCores),
        samples: s.row.samples.map((x) => ({ round: x.round, slot: x.slot, ms: Math.round(x.ms), keysPerSec: Math.round(x.keysPerSec), cpuUsPerKey: +x.cpuUsPerKey.toFixed(2), ...(x.otherCores !== undefined ? { otherCores: +x.otherCores.toFixed(2) } : {}) })),
        ...(s.row.error ? { error: s.row.error.split("\n")[0] } : {}),
      })),
    };
    await mkdir(dirname(jsonPath), { recursive: true });
    await writeFile(jsonPath, `${JSON.stringify(result, null, 2)}\n`);
    log(`wrote ${jsonPath}`);
  }
}

main().catch((error: unknown) => {
  console.error(errorText(error));
  process.exitCode = 1;
});
