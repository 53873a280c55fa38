/**
 * Fault benchmark (issue 11): each client runs three scenarios through a proxy that resets a
 * seeded share of its connections after 16 KiB – 4 MiB of the request or the response
 * (spec/support/chaos-proxy.ts), in front of one local MinIO:
 *
 * - download: GET of a 48 MiB object, drained and hashed (bytes verified against the original);
 * - upload:   multipart upload of 48 MiB from a stream, 16 MiB parts (read back unproxied and
 *             hashed; incomplete uploads left behind are counted, then aborted);
 * - list:     recursive listing of 3,000 keys (the key set compared with the one written).
 *
 * The bytes counted before a reset are the response's for download and list, the request's for
 * upload (the direction each scenario's body travels; a GET request or a part's answer is far
 * below 16 KiB, so resets on the other side would never fire). Every client uses its own
 * default retry settings. Each (scenario, client) runs BENCH_ROUNDS times (default 10), round r
 * with seed BENCH_SEED + r on a fresh proxy, so every client meets the same fault draws (a
 * download that is never cut uses one connection: with 30 % of connections faulted, about a
 * third of its runs meet a fault; the table counts survivals among the runs that did). Prints survived/failed with the error, faults injected and bytes
 * verified, and writes bench/faults/results/latest.json.
 *
 *   npx tsx bench/faults/run.ts
 *   BENCH_FRACTION=0.3 BENCH_ROUNDS=5 BENCH_ONLY=quarry npx tsx bench/faults/run.ts
 *
 * Env: BENCH_FRACTION (share of connections faulted, default 0.3), BENCH_SEED (default 11),
 * BENCH_ROUNDS, BENCH_ONLY (quarry, minio-js, aws), BENCH_SCENARIOS (download,upload,list),
 * BENCH_JSON (output path; filtered runs write none unless set), S3_BENCH_* (use that server).
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { S3 } from "../../lib/index.js";
import { startChaosProxy } from "../../spec/support/chaos-proxy.js";
import { endpointParts, getServer } from "../support/server.js";
import { digest, FAULT_CLIENTS, type FaultClient } from "./clients.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, "..", "..");
const MiB = 1024 * 1024;
const SIZE = 48 * MiB;
const KEYS = 3_000;

type Scenario = "download" | "upload" | "list";

interface Outcome {
  readonly scenario: Scenario;
  readonly client: string;
  readonly round: number;
  readonly seed: number;
  readonly survived: boolean;
  /** Error name and message of a failed run (first line). */
  readonly error?: string;
  /** Resets the proxy sent (request side, response side). */
  readonly faults: number;
  readonly requestFaults: number;
  readonly responseFaults: number;
  readonly connections: number;
  /** Bytes (download, upload) or keys (list) checked equal to the original. */
  readonly verified: number;
  /** Incomplete multipart uploads left behind (upload only). */
  readonly leftUploads?: number;
  readonly seconds: number;
}

const log = (line: string) => process.stderr.write(`[faults] ${line}\n`);
const list = (name: string, all: readonly string[]) => (process.env[name] ? process.env[name]!.split(",").map((s) => s.trim()) : [...all]);
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

function describeError(err: unknown): string {
  const e = err as { name?: string; code?: string; message?: string };
  const text = `${e?.name ?? "Error"}${e?.code ? ` ${e.code}` : ""}: ${String(e?.message ?? err)}`.split("\n")[0]!;
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

async function main(): Promise<void> {
  const fraction = Number(process.env.BENCH_FRACTION ?? 0.3);
  const seed0 = Number(process.env.BENCH_SEED ?? 11);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
  const only = list("BENCH_ONLY", FAULT_CLIENTS.map((c) => c.group));
  const scenarios = list("BENCH_SCENARIOS", ["download", "upload", "list"]) as Scenario[];
  const clients = FAULT_CLIENTS.filter((c) => only.includes(c.group) || only.includes(c.name));
  const server = await getServer(log);
  const direct = new S3({ endpoint: server.endpoint, accessKey: server.accessKey, secretKey: server.secretKey, region: server.region });
  const bucket = `faults-${randomBytes(4).toString("hex")}`;
  const outcomes: Outcome[] = [];
  try {
    await direct.bucket(bucket).create();
    const b = direct.bucket(bucket);
    const data = randomBytes(SIZE);
    const dataSha = sha(data);
    if (scenarios.includes("download")) await b.object("download.bin").put(data);
    const written: string[] = [];
    if (scenarios.includes("list")) {
      for (let i = 0; i < KEYS; i++) written.push(`list/${String(i).padStart(5, "0")}`);
      for (let i = 0; i < written.length; i += 64) await Promise.all(written.slice(i, i + 64).map((k) => b.object(k).put("")));
      log(`wrote ${KEYS} keys`);
    }
    const { hostname, port } = endpointParts(server.endpoint);
    for (const scenario of scenarios) {
      for (const spec of clients) {
        for (let round = 0; round < rounds; round++) {
          const seed = seed0 + round;
          const direction = scenario === "upload" ? "request" : "response";
          const proxy = await startChaosProxy({ host: hostname, port }, { fraction, seed, direction });
          let client: FaultClient | undefined;
          const started = performance.now();
          let survived = false;
          let error: string | undefined;
          let verified = 0;
          let leftUploads: number | undefined;
          const key = `upload-${spec.group}-${round}.bin`;
          try {
            client = await spec.setup({ endpoint: proxy.endpoint, accessKey: server.accessKey, secretKey: server.secretKey, region: server.region, bucket });
            if (scenario === "download") {
              const got = await client.download("download.bin");
              if (got.bytes !== SIZE || got.sha256 !== dataSha) throw new Error(`got ${got.bytes} bytes, sha256 ${got.sha256 === dataSha ? "equal" : "different"}`);
              verified = got.bytes;
            } else if (scenario === "upload") {
              await client.upload(key, data);
              const back = await digest(await b.object(key).get());
              if (back.bytes !== SIZE || back.sha256 !== dataSha) throw new Error(`stored ${back.bytes} bytes, sha256 ${back.sha256 === dataSha ? "equal" : "different"}`);
              verified = back.bytes;
            } else {
              const keys = await client.list("list/");
              const same = keys.length === written.length && keys.every((k, i) => k === written[i]);
              if (!same) throw new Error(`listed ${keys.length} keys (${new Set(keys).size} distinct), ${written.length} written`);
              verified = keys.length;
            }
            survived = true;
          } catch (err) {
            error = describeError(err);
          } finally {
            client?.close();
            await proxy.close();
          }
          if (scenario === "upload") {
            const left = (await b.uploads().list()).filter((u) => u.objectName === key);
            leftUploads = left.length;
            await b.uploads().abortAll({ prefix: key }).catch(() => undefined);
            await b.object(key).remove().catch(() => undefined);
          }
          const s = proxy.stats;
          const o: Outcome = {
            scenario, client: spec.name, round, seed, survived, ...(error ? { error } : {}),
            faults: s.faults, requestFaults: s.requestFaults, responseFaults: s.responseFaults, connections: s.connections,
            verified, ...(leftUploads !== undefined ? { leftUploads } : {}),
            seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
          };
          outcomes.push(o);
          log(`${scenario} ${spec.name} seed ${seed}: ${survived ? "survived" : `FAILED (${error})`}, ${o.faults} faults (${o.requestFaults} req / ${o.responseFaults} resp) on ${o.connections} connections, verified ${verified}${leftUploads !== undefined ? `, ${leftUploads} incomplete uploads left` : ""}, ${o.seconds} s`);
        }
      }
    }
  } finally {
    await emptyBucket(direct, bucket).catch(() => undefined);
    await direct.bucket(bucket).uploads().abortAll().catch(() => undefined);
    await direct.bucket(bucket).remove().catch(() => undefined);
    direct.close();
    await server.stop();
  }
  printTable(outcomes, fraction);
  const filtered = process.env.BENCH_ONLY !== undefined || process.env.BENCH_SCENARIOS !== undefined;
  const out = process.env.BENCH_JSON ?? (filtered ? undefined : join(HERE, "results", "latest.json"));
  if (out) {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify({
      date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadavg: os.loadavg(),
      proxy: { fraction, seed: seed0, rounds, bytesBeforeReset: "16 KiB - 4 MiB", direction: "response (download, list), request (upload)" },
      sizeMiB: SIZE / MiB, listKeys: KEYS, outcomes,
    }, null, 2)}\n`);
    log(`wrote ${relative(REPO, out)}`);
  }
}

/** Removes every object (64 at once), so the bucket can go. */
async function emptyBucket(s3: S3, bucket: string): Promise<void> {
  const keys: string[] = [];
  for await (const o of s3.bucket(bucket).objects().recursive()) keys.push(o.objectName);
  for (let i = 0; i < keys.length; i += 64) await Promise.all(keys.slice(i, i + 64).map((k) => s3.bucket(bucket).object(k).remove()));
}

function printTable(outcomes: Outcome[], fraction: number): void {
  console.log(`\nfaults: ${Math.round(fraction * 100)}% of connections reset after 16 KiB-4 MiB of the response (download, list) or request (upload)\n`);
  console.log("| scenario | client | survived (all runs) | survived (runs with faults) | faults injected | verified (per run) | incomplete uploads left | failures |");
  console.log("|---|---|---|---|---|---|---|---|");
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) groups.set(`${o.scenario}\u0000${o.client}`, [...(groups.get(`${o.scenario}\u0000${o.client}`) ?? []), o]);
  for (const rows of groups.values()) {
    const ok = rows.filter((r) => r.survived).length;
    const hit = rows.filter((r) => r.faults > 0);
    const faults = rows.reduce((n, r) => n + r.faults, 0);
    const unit = rows[0]!.scenario === "list" ? "keys" : "MiB";
    const verified = rows.map((r) => (unit === "keys" ? r.verified : r.verified / MiB)).join(", ");
    const left = rows[0]!.scenario === "upload" ? String(rows.reduce((n, r) => n + (r.leftUploads ?? 0), 0)) : "-";
    const errors = [...new Set(rows.filter((r) => !r.survived).map((r) => r.error))].join("; ") || "-";
    console.log(`| ${rows[0]!.scenario} | ${rows[0]!.client} | ${ok}/${rows.length} | ${hit.filter((r) => r.survived).length}/${hit.length} | ${faults} | ${verified} ${unit} | ${left} | ${errors} |`);
  }
}

await main();
