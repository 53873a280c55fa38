/**
 * Presigning benchmark: presigned GET URLs per second from Quarry (fluent `ObjectRef.presign`
 * and the facade's `presignedGetObject`), minio-js 8 `presignedGetObject` and the AWS SDK v3
 * presigner (`getSignedUrl` of a `GetObjectCommand`). No server: every client is given the same
 * fixed region, so none of them sends a request — the loop is pure client CPU. Each call presigns
 * a different key (1000 keys, cycled) and awaits the URL, as an application would.
 *
 *   npx tsx bench/presign/run.ts
 *   BENCH_OPS=20000 BENCH_ROUNDS=7 npx tsx bench/presign/run.ts
 *   BENCH_ONLY=quarry node --cpu-prof --import tsx bench/presign/run.ts
 *
 * Env: BENCH_OPS (calls per client per round, default 10 000), BENCH_ROUNDS (default 5),
 * BENCH_ONLY (comma list of groups: quarry, minio-js, aws), BENCH_JSON (output path; default
 * bench/presign/results/latest.json for unfiltered runs).
 *
 * Rounds are interleaved: each runs every client once, the order rotating by one per round;
 * the table shows medians over rounds. Before timing, the URLs of all clients are checked for
 * the same host and path, and Quarry's signature against minio-js's for a fixed date.
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ENDPOINT = { host: "127.0.0.1", port: 9000 };
const REGION = "us-east-1";
const ACCESS = "BENCHACCESSKEY000000";
const SECRET = "benchSecretKey/0000000000000000000000000";
const BUCKET = "bench-bucket";
const EXPIRES = 3600;
const KEYS = Array.from({ length: 1000 }, (_, i) => `photos/2026/03/${String(i).padStart(4, "0")}-img.jpg`);
/** Targets from the issue: presigned URLs per second relative to each peer. */
const TARGETS = { vsAws: 5, vsMinioJs: 1.5 };

type Presign = (key: string, date?: Date) => Promise<string>;
interface ClientSpec {
  readonly name: string;
  readonly group: "quarry" | "minio-js" | "aws";
  setup(): Promise<Presign>;
}

const CLIENTS: ClientSpec[] = [
  {
    name: "quarry (ObjectRef.presign)",
    group: "quarry",
    async setup() {
      const { S3 } = await import("../../lib/index.js");
      const s3 = new S3({ endpoint: `http://${ENDPOINT.host}:${ENDPOINT.port}`, accessKey: ACCESS, secretKey: SECRET, region: REGION });
      const bucket = s3.bucket(BUCKET);
      return (key, date) => bucket.object(key).presign(date ? { expires: EXPIRES, requestDate: date } : { expires: EXPIRES });
    },
  },
  {
    name: "quarry (Minio.presignedGetObject)",
    group: "quarry",
    async setup() {
      const { Minio } = await import("../../lib/index.js");
      const m = new Minio(`http://${ENDPOINT.host}:${ENDPOINT.port}`, { accessKey: ACCESS, secretKey: SECRET, region: REGION });
      return (key, date) => m.presignedGetObject(BUCKET, key, date ? { expires: EXPIRES, requestDate: date } : { expires: EXPIRES });
    },
  },
  {
    name: "minio-js 8 presignedGetObject",
    group: "minio-js",
    async setup() {
      const Minio = await import("minio");
      const c = new Minio.Client({ endPoint: ENDPOINT.host, port: ENDPOINT.port, useSSL: false, accessKey: ACCESS, secretKey: SECRET, region: REGION });
      return (key, date) => (date ? c.presignedGetObject(BUCKET, key, EXPIRES, {}, date) : c.presignedGetObject(BUCKET, key, EXPIRES));
    },
  },
  {
    name: "AWS SDK v3 getSignedUrl",
    group: "aws",
    async setup() {
      const { S3Client, GetObjectCommand } = await import("@aws-sdk/client-s3");
      const { getSignedUrl } = await import("@aws-sdk/s3-request-presigner");
      const c = new S3Client({
        region: REGION, endpoint: `http://${ENDPOINT.host}:${ENDPOINT.port}`, forcePathStyle: true,
        credentials: { accessKeyId: ACCESS, secretAccessKey: SECRET },
      });
      return (key, date) => getSignedUrl(c, new GetObjectCommand({ Bucket: BUCKET, Key: key }), date ? { expiresIn: EXPIRES, signingDate: date } : { expiresIn: EXPIRES });
    },
  },
];

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(v)}`);
  return n;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface Sample { readonly round: number; readonly slot: number; readonly opsPerSec: number; readonly cpuUsPerOp: number }

async function timed(presign: Presign, ops: number): Promise<{ opsPerSec: number; cpuUsPerOp: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  let chars = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < ops; i++) chars += (await presign(KEYS[i % KEYS.length]!)).length;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (chars < ops * 100) throw new Error("URLs too short");
  return { opsPerSec: ops / (ms / 1000), cpuUsPerOp: (cpu.user + cpu.system) / ops };
}

/** Same host and path from every client; Quarry's signature equal to minio-js's for one fixed date. */
async function crossCheck(ready: Array<{ spec: ClientSpec; presign: Presign }>): Promise<string[]> {
  const date = new Date("2026-03-14T15:09:26Z");
  const notes: string[] = [];
  const urls = await Promise.all(ready.map(async (r) => ({ spec: r.spec, url: new URL(await r.presign("a/b c.jpg", date)) })));
  const ref = urls[0]!;
  for (const u of urls) {
    if (u.url.host !== ref.url.host || u.url.pathname !== ref.url.pathname) notes.push(`${u.spec.name}: ${u.url.host}${u.url.pathname} differs from ${ref.url.host}${ref.url.pathname}`);
  }
  const sig = (name: string) => urls.find((u) => u.spec.group === name)?.url.searchParams.get("X-Amz-Signature");
  if (sig("quarry") && sig("minio-js")) {
    notes.push(sig("quarry") === sig("minio-js") ? "signature check: Quarry = minio-js for a fixed date ✓" : "signature check: Quarry ≠ minio-js for a fixed date ✗");
  }
  return notes;
}

async function main(): Promise<void> {
  const ops = envInt("BENCH_OPS", 10_000);
  const rounds = envInt("BENCH_ROUNDS", 5);
  const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim()).filter(Boolean);
  const specs = only ? CLIENTS.filter((c) => only.includes(c.group) || only.includes(c.name)) : CLIENTS;
  const log = (line: string) => console.log(`[bench:presign] ${line}`);
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  log(`${ops} presigned GET URLs per client per round, ${rounds} rounds; node ${process.version}, ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? "?"}), load ${loadBefore.map((l) => l.toFixed(2)).join(" ")}`);

  const ready: Array<{ spec: ClientSpec; presign: Presign; samples: Sample[] }> = [];
  for (const spec of specs) ready.push({ spec, presign: await spec.setup(), samples: [] });
  for (const note of await crossCheck(ready)) log(note);
  for (const r of ready) await timed(r.presign, Math.min(ops, 5000)); // warm-up (JIT)

  for (let round = 0; round < rounds; round++) {
    const order = ready.map((_, i) => ready[(i + round) % ready.length]!);
    const parts: string[] = [];
    for (const [slot, r] of order.entries()) {
      const s = await timed(r.presign, ops);
      r.samples.push({ round: round + 1, slot, ...s });
      parts.push(`${r.spec.name} ${Math.round(s.opsPerSec)}/s`);
    }
    log(`round ${round + 1}/${rounds}: ${parts.join(" | ")}`);
  }
  const loadAfter = os.loadavg();

  const summary = ready.map((r) => ({
    name: r.spec.name,
    group: r.spec.group,
    opsPerSec: median(r.samples.map((s) => s.opsPerSec)),
    cpuUsPerOp: median(r.samples.map((s) => s.cpuUsPerOp)),
    min: Math.min(...r.samples.map((s) => s.opsPerSec)),
    max: Math.max(...r.samples.map((s) => s.opsPerSec)),
    samples: r.samples,
  }));
  const peer = (g: string) => summary.find((s) => s.group === g)?.opsPerSec ?? NaN;
  const awsOps = peer("aws");
  const minioOps = peer("minio-js");

  const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "—");
  const header = ["client", "URLs/s (median)", "min", "max", "CPU µs/URL", "× AWS SDK", "× minio-js"];
  const body = summary.map((s) => [s.name, fmt(s.opsPerSec), fmt(s.min), fmt(s.max), s.cpuUsPerOp.toFixed(2), (s.opsPerSec / awsOps).toFixed(2), (s.opsPerSec / minioOps).toFixed(2)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log("");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of body) console.log(line(row));
  const quarry = summary.filter((s) => s.group === "quarry").map((s) => ({
    name: s.name,
    vsAws: +(s.opsPerSec / awsOps).toFixed(2),
    vsMinioJs: +(s.opsPerSec / minioOps).toFixed(2),
    awsTarget: s.opsPerSec / awsOps >= TARGETS.vsAws ? "PASS" : "MISS",
    minioJsTarget: s.opsPerSec / minioOps >= TARGETS.vsMinioJs ? "PASS" : "MISS",
  }));
  console.log("");
  console.log(`Targets: ≥ ${TARGETS.vsAws}× the AWS SDK, ≥ ${TARGETS.vsMinioJs}× minio-js (URLs/s, medians)`);
  for (const q of quarry) console.log(`  ${q.name}: ${q.vsAws}× AWS → ${q.awsTarget};  ${q.vsMinioJs}× minio-js → ${q.minioJsTarget}`);
  console.log(`load average before ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${loadAfter.map((l) => l.toFixed(2)).join(" ")}`);

  const jsonPath = process.env.BENCH_JSON || (only ? undefined : join(HERE, "results", "latest.json"));
  if (jsonPath) {
    const result = {
      benchmark: "bench/presign",
      date: startedAt.toISOString(),
      node: process.version,
      platform: `${process.platform}/${process.arch}`,
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? null,
      opsPerRound: ops,
      rounds,
      region: REGION,
      loadAverage: { before: loadBefore, after: loadAfter },
      targets: TARGETS,
      clients: summary.map((s) => ({
        name: s.name, group: s.group, opsPerSec: Math.round(s.opsPerSec), min: Math.round(s.min), max: Math.round(s.max), cpuUsPerOp: +s.cpuUsPerOp.toFixed(2),
        samples: s.samples.map((x) => ({ round: x.round, slot: x.slot, opsPerSec: Math.round(x.opsPerSec), cpuUsPerOp: +x.cpuUsPerOp.toFixed(2) })),
      })),
      quarry,
    };
    await mkdir(dirname(jsonPath), { recursive: true });
    await writeFile(jsonPath, `${JSON.stringify(result, null, 2)}\n`);
    log(`wrote ${jsonPath}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
