/**
 * Parallel ranged GET benchmark (issue 12, "Large objects"): one large object read by Quarry
 * one stream, Quarry `get({ parallel: 2 | 4 | 8 })` and a raw node:http GET (one stream), on
 *
 * - the synthetic endpoint (bench/synthetic) with a per-connection bandwidth cap (default
 *   100 MiB/s, like one S3 connection): the case parallel ranges exist for. Target:
 *   parallel 8 ≥ 5× one stream.
 * - the harness's MinIO (local, uncapped), at several sizes: parallel must never be slower.
 *
 * Rounds interleave the rows (order rotating); the table shows median MiB/s (min–max) and
 * client CPU seconds per GiB (process.cpuUsage around each read). Every read is drained the
 * same way (drainCount) and its byte count checked.
 *
 *   npx tsx bench/transfer/parallel-get.ts
 *   PGET_MIB=256 PGET_ROUNDS=3 PGET_TARGETS=synthetic npx tsx bench/transfer/parallel-get.ts
 *
 * Env: PGET_MIB (synthetic object size, default 512), PGET_MINIO_MIB (comma list of MinIO
 * object sizes, default 16,64,256), PGET_ROUNDS (3), PGET_BANDWIDTH (bytes/s per connection on
 * the synthetic endpoint, default 104857600), PGET_PART_MIB (part size, default 8),
 * PGET_TARGETS (synthetic,minio), PGET_JSON (default bench/transfer/results/parallel-get.json).
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { S3 } from "../../lib/index.js";
import { startSynthetic } from "../synthetic/launch.js";
import { envInt, median } from "../support/numbers.js";
import http from "node:http";
import { keepAliveAgent, objectPath, rawTarget, signedHeaders } from "../support/raw-sign.js";
import { getServer } from "../support/server.js";
import { rawGet } from "./raw-transfer.js";
import { drainCount, sourceStream } from "./source.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const MiB = 1024 * 1024;
const log = (line: string) => console.error(`[pget] ${line}`);

interface Where {
  readonly endpoint: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly region: string;
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
}

interface Row {
  readonly name: string;
  readonly read: (w: Where) => Promise<number>;
}

interface Result {
  readonly target: string;
  readonly sizeMiB: number;
  readonly name: string;
  readonly mibps: number[];
  readonly cpuSecPerGiB: number[];
}

/** One raw signed ranged GET, drained; resolves with the byte count. */
function rawRange(agent: http.Agent, w: Where, start: number, end: number): Promise<number> {
  const target = rawTarget(w);
  const path = objectPath(w.bucket, w.key);
  const headers = signedHeaders(target, { method: "GET", path, headers: { range: `bytes=${start}-${end}` }, payloadHash: "UNSIGNED-PAYLOAD" });
  return new Promise((resolve, reject) => {
    const r = http.request({ agent, host: target.hostname, port: target.port, method: "GET", path, headers }, (res) => {
      if (res.statusCode !== 206) reject(new Error(`raw range: HTTP ${res.statusCode}`));
      resolve(drainCount(res));
    });
    r.once("error", reject);
    r.end();
  });
}

/** The machine's ceiling for parallel ranges: `parallel` raw ranged GETs at once, drained unordered (no buffering, no retries). */
async function rawRanges(agent: http.Agent, w: Where, parallel: number, partSize: number): Promise<number> {
  let next = 0;
  let total = 0;
  const worker = async () => {
    for (let at = next; at < w.size; at = next) {
      next += partSize;
      const n = await rawRange(agent, w, at, Math.min(w.size, at + partSize) - 1);
      total += n;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return total;
}

function rows(s3: S3, partSize: number, raw: (w: Where) => Promise<number>, agent: http.Agent): Row[] {
  const quarry = (parallel: number): Row => ({
    name: parallel === 1 ? "quarry get()" : `quarry get({ parallel: ${parallel} })`,
    read: async (w) => drainCount(await s3.bucket(w.bucket).object(w.key).get(parallel === 1 ? {} : { parallel, partSize })),
  });
  return [
    { name: "raw node:http", read: raw }, quarry(1), quarry(2), quarry(4), quarry(8),
    { name: "raw node:http 8 ranges (unordered)", read: (w) => rawRanges(agent, w, 8, partSize) },
  ];
}

async function measure(target: string, w: Where, list: Row[], rounds: number): Promise<Result[]> {
  const samples = list.map(() => ({ mibps: [] as number[], cpu: [] as number[] }));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < list.length; k++) {
      const i = (k + r) % list.length;
      const row = list[i]!;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const n = await row.read(w);
      const sec = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      if (n !== w.size) throw new Error(`${row.name}: read ${n} bytes, expected ${w.size}`);
      samples[i]!.mibps.push(n / MiB / sec);
      samples[i]!.cpu.push(((cpu.user + cpu.system) / 1e6) / (n / 1024 ** 3));
    }
    log(`${target} ${w.size / MiB} MiB round ${r + 1}/${rounds}: ${list.map((row, i) => `${row.name} ${samples[i]!.mibps.at(-1)!.toFixed(0)}`).join(", ")}`);
  }
  return list.map((row, i) => ({ target, sizeMiB: w.size / MiB, name: row.name, mibps: samples[i]!.mibps, cpuSecPerGiB: samples[i]!.cpu }));
}

function table(results: Result[]): string {
  const out = ["| endpoint | object | client | MiB/s median (min–max) | × one stream | CPU s/GiB |", "|---|---|---|---|---|---|"];
  for (const r of results) {
    const one = results.find((x) => x.target === r.target && x.sizeMiB === r.sizeMiB && x.name === "quarry get()")!;
    const m = median(r.mibps);
    out.push(`| ${r.target} | ${r.sizeMiB} MiB | ${r.name} | ${m.toFixed(0)} (${Math.min(...r.mibps).toFixed(0)}–${Math.max(...r.mibps).toFixed(0)}) | ${(m / median(one.mibps)).toFixed(2)}× | ${median(r.cpuSecPerGiB).toFixed(2)} |`);
  }
  return out.join("\n");
}

async function onSynthetic(sizeMiB: number, bandwidth: number, partSize: number, rounds: number): Promise<Result[]> {
  const server = await startSynthetic({ keys: 1, prefixes: 1, objectSize: sizeMiB * MiB, bandwidth });
  try {
    const creds = { accessKey: "synthetic", secretKey: "synthetic-secret", region: "us-east-1" };
    const s3 = new S3({ endpoint: server.endpoint, ...creds });
    let key = "";
    for await (const o of s3.bucket("synthetic").objects().recursive()) {
      key = o.objectName;
      break;
    }
    const w: Where = { endpoint: server.endpoint, ...creds, bucket: "synthetic", key, size: sizeMiB * MiB };
    const agent = keepAliveAgent();
    log(`synthetic endpoint ${server.endpoint}, ${sizeMiB} MiB object, ${(bandwidth / MiB).toFixed(0)} MiB/s per connection`);
    try {
      return await measure(`synthetic (${(bandwidth / MiB).toFixed(0)} MiB/s per connection)`, w, rows(s3, partSize, (x) => rawGet(agent, rawTarget(x), x.bucket, x.key), agent), rounds);
    } finally {
      agent.destroy();
      s3.close();
    }
  } finally {
    await server.stop();
  }
}

async function onMinio(sizesMiB: number[], partSize: number, rounds: number): Promise<Result[]> {
  const server = await getServer(log);
  const s3 = new S3({ endpoint: server.endpoint, accessKey: server.accessKey, secretKey: server.secretKey, region: server.region });
  const agent = keepAliveAgent();
  const bucket = `qb-pget-${process.pid}`;
  const b = s3.bucket(bucket);
  const out: Result[] = [];
  try {
    if (!(await b.exists())) await b.create();
    for (const sizeMiB of sizesMiB) {
      const key = `pget/${sizeMiB}`;
      await b.object(key).put(sourceStream(sizeMiB * MiB), { size: sizeMiB * MiB });
      const w: Where = { endpoint: server.endpoint, accessKey: server.accessKey, secretKey: server.secretKey, region: server.region, bucket, key, size: sizeMiB * MiB };
      out.push(...(await measure("minio (local)", w, rows(s3, partSize, (x) => rawGet(agent, rawTarget(x), x.bucket, x.key), agent), rounds)));
      await b.object(key).remove();
    }
    await b.remove();
  } finally {
    agent.destroy();
    s3.close();
    await server.stop();
  }
  return out;
}

async function main(): Promise<void> {
  const rounds = envInt("PGET_ROUNDS", 3);
  const partSize = envInt("PGET_PART_MIB", 8) * MiB;
  const targets = new Set((process.env.PGET_TARGETS ?? "synthetic,minio").split(","));
  const results: Result[] = [];
  if (targets.has("synthetic")) results.push(...(await onSynthetic(envInt("PGET_MIB", 512), envInt("PGET_BANDWIDTH", 100 * MiB), partSize, rounds)));
  if (targets.has("minio")) {
    const sizes = (process.env.PGET_MINIO_MIB ?? "16,64,256").split(",").map(Number);
    results.push(...(await onMinio(sizes, partSize, rounds)));
  }
  const load = os.loadavg().map((l) => l.toFixed(1)).join(" ");
  const md = `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, load ${load}, part size ${partSize / MiB} MiB, ${rounds} rounds\n\n${table(results)}\n`;
  console.log(md);
  const json = process.env.PGET_JSON ?? join(HERE, "results", "parallel-get.json");
  await mkdir(dirname(json), { recursive: true });
  await writeFile(json, JSON.stringify({ node: process.version, cpu: os.cpus()[0]?.model, loadavg: os.loadavg(), partSize, rounds, results }, null, 2) + "\n");
  log(`wrote ${json}`);
}

await main();
