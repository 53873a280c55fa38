/**
 * Transport benchmark: node:http with a keep-alive Agent (what lib/exec/transport.ts uses)
 * against undici as Node's global `fetch` (default keep-alive dispatcher), on Quarry's
 * request path: every request is signed with Quarry's SigV4 signer (with a SigningKeyCache,
 * as the executor does), sent, its status checked and its body read in full.
 *
 * If the `undici` package happens to be importable (it is a transitive dev dependency, not a
 * Quarry dependency), a third row runs undici's own `request()` API on an undici `Agent`:
 * the undici engine without the WHATWG fetch layer. BENCH_UNDICI=0 skips it.
 *
 * Cases (each run with every transport, BENCH_ROUNDS interleaved rounds — default 5 — the
 * transport order alternating each round; medians over rounds are reported):
 *   a  2000 sequential GETs of a 1 KiB object
 *   b  2000 GETs of the 1 KiB object, 16 in flight
 *   c  300 sequential ListObjectsV2 requests for a 1000-key page, body read as one Buffer
 *   d  200 sequential GETs of a 1 MiB object, body drained chunk by chunk
 *
 * Reported per case and transport: requests/s (MiB/s for d), client CPU µs per request
 * (process.cpuUsage delta / requests), server CPU µs per request and the cores used by
 * other processes during the run (Linux /proc), and new TCP connections opened during the
 * timed run (should be 0: keep-alive). Writes bench/transport/results/latest.json.
 *
 *   npx tsx bench/transport/run.ts
 *
 * Env: BENCH_ROUNDS (default 5), BENCH_UNDICI=0 (skip the undici.request row),
 * BENCH_JSON (output path). Secrets are never printed.
 */
import diagnosticsChannel from "node:diagnostics_channel";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureMinioBinary } from "../../spec/support/server/minio-binary.js";
import { startMinio } from "../../spec/support/server/minio-process.js";
import { SigningKeyCache } from "../../lib/sign/signing-key-cache.js";
import { EMPTY_PAYLOAD_SHA256, sha256Hex, signRequest } from "../../lib/sign/sigv4.js";
import { canonicalQueryString, uriEncode } from "../../lib/sign/uri-encode.js";
import type { Credentials } from "../../lib/sign/types.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, "..", "..");

const ROUNDS = envInt("BENCH_ROUNDS", 5);
const BUCKET = "quarry-bench-transport";
const SMALL_KEY = "obj-1KiB";
const LARGE_KEY = "obj-1MiB";
const LIST_PREFIX = "list/";
const LIST_KEYS = 1000;
const SMALL_SIZE = 1024;
const LARGE_SIZE = 1024 * 1024;
/** Within this relative difference a comparison is called a tie. */
const TIE = 0.05;

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

// ── Server and signing ──────────────────────────────────────────────────────────────

interface Target {
  readonly endpoint: string;
  readonly hostname: string;
  readonly port: number;
  /** Host header value, `127.0.0.1:PORT`. */
  readonly host: string;
  readonly region: string;
  readonly creds: Credentials;
}

const keyCache = new SigningKeyCache();

/** Signs a request the way Quarry's executor does and returns the full header set to send. */
function signedHeaders(t: Target, method: string, path: string, query: ReadonlyArray<readonly [string, string]>, payloadHash: string, extra: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = { ...extra, "x-amz-content-sha256": payloadHash };
  const added = signRequest({ method, host: t.host, path, query, headers }, t.creds, { region: t.region, service: "s3", date: new Date(), payloadHash, keyCache });
  return { ...headers, ...added };
}

function wirePath(path: string, query: ReadonlyArray<readonly [string, string]>): string {
  const q = canonicalQueryString(query);
  return q === "" ? path : `${path}?${q}`;
}

/** The MinIO child of this process (for its CPU time), found through /proc. */
function findChildPid(dataDir: string): number | undefined {
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const cmdline = readFileSync(`/proc/${entry}/cmdline`, "latin1");
        if (cmdline.includes(dataDir) && cmdline.includes("server")) return Number(entry);
      } catch {
        /* gone */
      }
    }
  } catch {
    /* not Linux */
  }
  return undefined;
}

// ── /proc CPU readings ──────────────────────────────────────────────────────────────

let clkTck = 100;
try {
  clkTck = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
} catch {
  /* default */
}

interface MachineReading {
  /** Busy CPU seconds of all CPUs since boot. */
  readonly busy: number;
  /** Server CPU seconds. */
  readonly server?: number;
}

function readMachine(serverPid: number | undefined): MachineReading | undefined {
  try {
    const f = readFileSync("/proc/stat", "latin1").split("\n", 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const busy = (f.reduce((a, b) => a + b, 0) - f[3]! - f[4]!) / clkTck;
    let server: number | undefined;
    if (serverPid !== undefined) {
      const stat = readFileSync(`/proc/${serverPid}/stat`, "latin1");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      server = (Number(fields[11]) + Number(fields[12])) / clkTck;
    }
    return server === undefined ? { busy } : { busy, server };
  } catch {
    return undefined;
  }
}

// ── New-connection counter ──────────────────────────────────────────────────────────

/** TCP client sockets created (node:http and undici both go through net.connect). */
let socketsCreated = 0;
diagnosticsChannel.subscribe("net.client.socket", () => {
  socketsCreated++;
});

// ── Transports ──────────────────────────────────────────────────────────────────────

type BodyMode = "buffer" | "drain";

/** One GET: sign, send, check 200, read the whole body; resolves with the body size. */
interface BenchTransport {
  readonly name: string;
  get(path: string, query: ReadonlyArray<readonly [string, string]>, mode: BodyMode): Promise<number>;
  close(): Promise<void>;
}

function nodeHttpTransport(t: Target): BenchTransport {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  return {
    name: "node:http",
    get(path, query, mode) {
      const headers = signedHeaders(t, "GET", path, query, EMPTY_PAYLOAD_SHA256);
      return new Promise<number>((resolve, reject) => {
        const req = http.request({ agent, host: t.hostname, port: t.port, method: "GET", path: wirePath(path, query), headers }, (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            reject(new Error(`node:http GET ${path}: HTTP ${res.statusCode}`));
            return;
          }
          res.on("error", reject);
          if (mode === "buffer") {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve(Buffer.concat(chunks).length));
          } else {
            (async () => {
              let n = 0;
              for await (const c of res) n += (c as Buffer).length;
              return n;
            })().then(resolve, reject);
          }
        });
        req.on("error", reject);
        req.end();
      });
    },
    async close() {
      agent.destroy();
    },
  };
}

function fetchTransport(t: Target): BenchTransport {
  return {
    name: "fetch",
    async get(path, query, mode) {
      const headers = signedHeaders(t, "GET", path, query, EMPTY_PAYLOAD_SHA256);
      const res = await fetch(`${t.endpoint}${wirePath(path, query)}`, { headers });
      if (res.status !== 200) {
        await res.arrayBuffer().catch(() => undefined);
        throw new Error(`fetch GET ${path}: HTTP ${res.status}`);
      }
      if (mode === "buffer") return Buffer.from(await res.arrayBuffer()).length;
      let n = 0;
      for await (const c of res.body!) n += c.byteLength;
      return n;
    },
    async close() {
      /* the global dispatcher is shared; its idle sockets time out on their own */
    },
  };
}

/** Minimal shape of the parts of the `undici` package used here (it is not a declared dependency). */
interface UndiciModule {
  Agent: new (opts?: Record<string, unknown>) => { close(): Promise<void> };
  request(
    url: string,
    opts: { method: string; headers: Record<string, string>; dispatcher: unknown },
  ): Promise<{ statusCode: number; body: AsyncIterable<Uint8Array> & { arrayBuffer(): Promise<ArrayBuffer>; dump(): Promise<void> } }>;
}

async function undiciRequestTransport(t: Target): Promise<{ transport: BenchTransport; version: string } | { skipped: string }> {
  if (process.env.BENCH_UNDICI === "0") return { skipped: "BENCH_UNDICI=0" };
  let mod: UndiciModule;
  let version = "?";
  try {
    mod = (await import("undici" as string)) as UndiciModule;
    try {
      version = JSON.parse(readFileSync(join(REPO, "node_modules", "undici", "package.json"), "utf8")).version;
    } catch {
      /* unknown */
    }
  } catch (error) {
    return { skipped: `undici not importable: ${(error as Error).message.split("\n")[0]}` };
  }
  const agent = new mod.Agent();
  return {
    version,
    transport: {
      name: `undici.request`,
      async get(path, query, mode) {
        const headers = signedHeaders(t, "GET", path, query, EMPTY_PAYLOAD_SHA256);
        const { statusCode, body } = await mod.request(`${t.endpoint}${wirePath(path, query)}`, { method: "GET", headers, dispatcher: agent });
        if (statusCode !== 200) {
          await body.dump();
          throw new Error(`undici GET ${path}: HTTP ${statusCode}`);
        }
        if (mode === "buffer") return Buffer.from(await body.arrayBuffer()).length;
        let n = 0;
        for await (const c of body) n += c.byteLength;
        return n;
      },
      close: () => agent.close(),
    },
  };
}

// ── Setup ───────────────────────────────────────────────────────────────────────────

/** A raw signed request over node:http (setup only). */
function rawRequest(t: Target, agent: http.Agent, method: string, path: string, body: Buffer | undefined): Promise<{ status: number; body: string }> {
  const payloadHash = body ? sha256Hex(body) : EMPTY_PAYLOAD_SHA256;
  const headers = signedHeaders(t, method, path, [], payloadHash, { "content-length": String(body?.length ?? 0) });
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: t.hostname, port: t.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function setup(t: Target): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const mk = await rawRequest(t, agent, "PUT", `/${BUCKET}`, undefined);
  if (mk.status !== 200) throw new Error(`create bucket: HTTP ${mk.status} ${mk.body.slice(0, 200)}`);
  const put = async (key: string, body: Buffer) => {
    const r = await rawRequest(t, agent, "PUT", `/${BUCKET}/${uriEncode(key, false)}`, body);
    if (r.status !== 200) throw new Error(`PUT ${key}: HTTP ${r.status} ${r.body.slice(0, 200)}`);
  };
  await put(SMALL_KEY, randomBytes(SMALL_SIZE));
  await put(LARGE_KEY, randomBytes(LARGE_SIZE));
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < LIST_KEYS) {
        const i = next++;
        await put(`${LIST_PREFIX}key-${String(i).padStart(4, "0")}`, Buffer.from(`value ${i}\n`));
      }
    }),
  );
  agent.destroy();
}

const LIST_QUERY: ReadonlyArray<readonly [string, string]> = [
  ["list-type", "2"],
  ["prefix", LIST_PREFIX],
  ["max-keys", "1000"],
];

// ── Cases ───────────────────────────────────────────────────────────────────────────

interface Case {
  readonly id: string;
  readonly label: string;
  readonly requests: number;
  readonly concurrency: number;
  readonly path: string;
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly mode: BodyMode;
  /** Expected body size, or undefined (the listing: checked once during warm-up). */
  readonly size?: number;
  /** Report MiB/s instead of requests/s. */
  readonly throughput: boolean;
}

const CASES: readonly Case[] = [
  { id: "a", label: "a: 2000 sequential GETs, 1 KiB", requests: 2000, concurrency: 1, path: `/${BUCKET}/${SMALL_KEY}`, query: [], mode: "buffer", size: SMALL_SIZE, throughput: false },
  { id: "b", label: "b: 2000 GETs, 1 KiB, 16 in flight", requests: 2000, concurrency: 16, path: `/${BUCKET}/${SMALL_KEY}`, query: [], mode: "buffer", size: SMALL_SIZE, throughput: false },
  { id: "c", label: "c: 300 sequential ListObjectsV2, 1000 keys", requests: 300, concurrency: 1, path: `/${BUCKET}`, query: LIST_QUERY, mode: "buffer", throughput: false },
  { id: "d", label: "d: 200 sequential GETs, 1 MiB, drained", requests: 200, concurrency: 1, path: `/${BUCKET}/${LARGE_KEY}`, query: [], mode: "drain", size: LARGE_SIZE, throughput: true },
];

interface Sample {
  readonly round: number;
  readonly slot: number;
  readonly ms: number;
  readonly reqPerSec: number;
  readonly mibPerSec: number;
  readonly cpuUsPerReq: number;
  readonly serverCpuUsPerReq?: number;
  /** Cores used by processes other than this one and the server during the run. */
  readonly otherCores?: number;
  readonly newSockets: number;
  /** TCP connects during the untimed priming burst just before the run (idle-socket expiry). */
  readonly primeSockets: number;
  readonly bytes: number;
}

async function runCase(tr: BenchTransport, c: Case, requests: number, expectSize: number | undefined): Promise<number> {
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < requests) {
      next++;
      const n = await tr.get(c.path, c.query, c.mode);
      if (expectSize !== undefined && n !== expectSize) throw new Error(`${tr.name} ${c.id}: body of ${n} bytes, expected ${expectSize}`);
      bytes += n;
    }
  };
  await Promise.all(Array.from({ length: c.concurrency }, worker));
  return bytes;
}

async function timed(tr: BenchTransport, c: Case, round: number, slot: number, serverPid: number | undefined, listSize: number): Promise<Sample> {
  const expect = c.size ?? listSize;
  // Prime untimed: undici's default dispatcher closes sockets idle for 4 s (node:http's
  // Agent keeps them), so sockets may have lapsed while the other transports ran. This
  // measures steady state; the reconnect after idle is reported separately (newSockets
  // of the priming burst).
  const primeSockets0 = socketsCreated;
  await runCase(tr, c, c.concurrency * (c.throughput ? 1 : 2), expect);
  const primeSockets = socketsCreated - primeSockets0;
  const sockets0 = socketsCreated;
  const m0 = readMachine(serverPid);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const bytes = await runCase(tr, c, c.requests, expect);
  const ns = Number(process.hrtime.bigint() - t0);
  const cpu = process.cpuUsage(cpu0);
  const m1 = readMachine(serverPid);
  const wallS = ns / 1e9;
  const clientUs = cpu.user + cpu.system;
  const sample: Sample = {
    round,
    slot,
    ms: ns / 1e6,
    reqPerSec: c.requests / wallS,
    mibPerSec: bytes / 1048576 / wallS,
    cpuUsPerReq: clientUs / c.requests,
    newSockets: socketsCreated - sockets0,
    primeSockets,
    bytes,
  };
  if (m0 && m1) {
    const busy = m1.busy - m0.busy;
    const server = m0.server !== undefined && m1.server !== undefined ? m1.server - m0.server : undefined;
    return {
      ...sample,
      ...(server !== undefined ? { serverCpuUsPerReq: (server * 1e6) / c.requests } : {}),
      otherCores: Math.max(0, (busy - (server ?? 0) - clientUs / 1e6) / wallS),
    };
  }
  return sample;
}

// ── Stats and output ────────────────────────────────────────────────────────────────

function median(xs: readonly number[]): number {
  const v = xs.filter(Number.isFinite).slice().sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "—");

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((w, i) => (i < 2 ? `-${"-".repeat(w)}-` : `-${"-".repeat(w)}:`)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

function loadavg(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(", ");
}

// ── Main ────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const log = (line: string) => console.error(`[bench] ${line}`);
  const loadBefore = loadavg();
  log(`node ${process.version}, bundled undici (global fetch) ${process.versions.undici}, ${os.cpus().length} CPUs, load ${loadBefore}`);
  const binary = await ensureMinioBinary(log);
  const server = await startMinio({ binary, log });
  const serverPid = findChildPid(server.dataDir);
  try {
    const url = new URL(server.endpoint);
    const t: Target = {
      endpoint: server.endpoint,
      hostname: url.hostname,
      port: Number(url.port),
      host: url.host,
      region: server.region,
      creds: { accessKey: server.accessKey, secretKey: server.secretKey },
    };
    log(`MinIO at ${server.endpoint}${serverPid ? ` (pid ${serverPid})` : ""}; populating ${BUCKET}…`);
    await setup(t);

    const transports: BenchTransport[] = [nodeHttpTransport(t), fetchTransport(t)];
    const undici = await undiciRequestTransport(t);
    let undiciNote: string;
    if ("transport" in undici) {
      transports.push(undici.transport);
      undiciNote = `undici.request = the undici package ${undici.version} from node_modules (transitive dev dependency via testcontainers, not a Quarry dependency), request() on its own Agent`;
    } else {
      undiciNote = `undici.request row skipped (${undici.skipped})`;
    }
    log(undiciNote);

    // Check the listing page once and learn its size (every later response must match it).
    const listBody = await new Promise<string>((resolve, reject) => {
      const agent = new http.Agent({ keepAlive: false });
      const headers = signedHeaders(t, "GET", `/${BUCKET}`, LIST_QUERY, EMPTY_PAYLOAD_SHA256);
      http
        .get({ agent, host: t.hostname, port: t.port, path: wirePath(`/${BUCKET}`, LIST_QUERY), headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString("utf8")) : reject(new Error(`list: HTTP ${res.statusCode}`))));
        })
        .on("error", reject);
    });
    const keyCount = (listBody.match(/<Key>/g) ?? []).length;
    if (keyCount !== LIST_KEYS || !listBody.includes("<IsTruncated>false</IsTruncated>")) throw new Error(`list page has ${keyCount} keys, expected ${LIST_KEYS} (not truncated)`);
    const listSize = Buffer.byteLength(listBody);
    log(`list page: ${keyCount} keys, ${fmt(listSize)} bytes`);

    // What signing alone costs per request (part of every transport's client CPU).
    for (let i = 0; i < 2000; i++) signedHeaders(t, "GET", `/${BUCKET}/${SMALL_KEY}`, [], EMPTY_PAYLOAD_SHA256);
    const signCpu0 = process.cpuUsage();
    for (let i = 0; i < 20000; i++) signedHeaders(t, "GET", `/${BUCKET}`, LIST_QUERY, EMPTY_PAYLOAD_SHA256);
    const signCpu = process.cpuUsage(signCpu0);
    const signUs = (signCpu.user + signCpu.system) / 20000;

    // Warm-up: open the 16 connections case b needs and run every path a little (JIT).
    for (const tr of transports) {
      for (const c of CASES) await runCase(tr, c, Math.min(c.requests, c.concurrency > 1 ? 400 : c.throughput ? 20 : 100), c.size ?? listSize);
    }
    log(`warm-up done; ${ROUNDS} rounds × ${CASES.length} cases × ${transports.length} transports`);

    const samples = new Map<string, Sample[]>(); // `${case}|${transport}`
    for (let round = 1; round <= ROUNDS; round++) {
      for (const c of CASES) {
        const order = round % 2 === 1 ? transports : transports.slice().reverse();
        for (let slot = 0; slot < order.length; slot++) {
          const tr = order[slot]!;
          const s = await timed(tr, c, round, slot, serverPid, listSize);
          const k = `${c.id}|${tr.name}`;
          if (!samples.has(k)) samples.set(k, []);
          samples.get(k)!.push(s);
          // A short pause so one run's GC/socket churn does not land in the next run.
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      log(`round ${round}/${ROUNDS} done (load ${loadavg()})`);
    }
    const loadAfter = loadavg();

    // Summaries.
    interface Summary {
      readonly caseId: string;
      readonly transport: string;
      readonly rate: number;
      readonly rateMin: number;
      readonly rateMax: number;
      readonly unit: "req/s" | "MiB/s";
      readonly cpuUsPerReq: number;
      readonly serverCpuUsPerReq: number;
      readonly otherCores: number;
      readonly newSockets: number;
      readonly primeSockets: number;
    }
    const summaries: Summary[] = [];
    for (const c of CASES) {
      for (const tr of transports) {
        const ss = samples.get(`${c.id}|${tr.name}`)!;
        const rates = ss.map((s) => (c.throughput ? s.mibPerSec : s.reqPerSec));
        summaries.push({
          caseId: c.id,
          transport: tr.name,
          rate: median(rates),
          rateMin: Math.min(...rates),
          rateMax: Math.max(...rates),
          unit: c.throughput ? "MiB/s" : "req/s",
          cpuUsPerReq: median(ss.map((s) => s.cpuUsPerReq)),
          serverCpuUsPerReq: median(ss.map((s) => s.serverCpuUsPerReq ?? NaN)),
          otherCores: median(ss.map((s) => s.otherCores ?? NaN)),
          newSockets: ss.reduce((a, s) => a + s.newSockets, 0),
          primeSockets: ss.reduce((a, s) => a + s.primeSockets, 0),
        });
      }
    }
    const get = (caseId: string, transport: string) => summaries.find((s) => s.caseId === caseId && s.transport === transport)!;

    const rows: string[][] = [["case", "transport", "rate (median)", "min–max", "vs node:http", "client CPU µs/req", "CPU vs node:http", "server CPU µs/req", "other cores", "new conns (timed/priming)"]];
    for (const c of CASES) {
      const base = get(c.id, "node:http");
      for (const tr of transports) {
        const s = get(c.id, tr.name);
        const d = c.throughput ? 1 : 0;
        rows.push([
          c.label,
          tr.name,
          `${fmt(s.rate, d)} ${s.unit}`,
          `${fmt(s.rateMin, d)}–${fmt(s.rateMax, d)}`,
          tr.name === "node:http" ? "1.00×" : `${(s.rate / base.rate).toFixed(2)}×`,
          fmt(s.cpuUsPerReq, c.throughput ? 0 : 1),
          tr.name === "node:http" ? "1.00×" : `${(s.cpuUsPerReq / base.cpuUsPerReq).toFixed(2)}×`,
          fmt(s.serverCpuUsPerReq, 0),
          fmt(s.otherCores, 2),
          `${s.newSockets}/${s.primeSockets}`,
        ]);
      }
    }

    // Verdict: fetch vs node:http per case (throughput and client CPU), ties within ±TIE.
    const judge = (ratio: number, higherIsBetter: boolean) => {
      if (Math.abs(ratio - 1) <= TIE) return "tie";
      return ratio > 1 === higherIsBetter ? "fetch" : "node:http";
    };
    const perCase = CASES.map((c) => {
      const h = get(c.id, "node:http");
      const f = get(c.id, "fetch");
      const rateRatio = f.rate / h.rate;
      const cpuRatio = f.cpuUsPerReq / h.cpuUsPerReq;
      return { caseId: c.id, rateRatio, cpuRatio, rateWinner: judge(rateRatio, true), cpuWinner: judge(cpuRatio, false) };
    });
    const httpWins = perCase.filter((p) => p.rateWinner === "node:http").length + perCase.filter((p) => p.cpuWinner === "node:http").length;
    const fetchWins = perCase.filter((p) => p.rateWinner === "fetch").length + perCase.filter((p) => p.cpuWinner === "fetch").length;
    const overall = httpWins > fetchWins ? "node:http" : fetchWins > httpWins ? "fetch" : "neither (tie)";
    const describe = perCase
      .map((p) => `${p.caseId}: fetch ${p.rateRatio.toFixed(2)}× the rate at ${p.cpuRatio.toFixed(2)}× the client CPU`)
      .join("; ");
    const noisy = summaries.some((s) => s.otherCores >= 0.25);
    const verdict =
      `Over ${ROUNDS} interleaved rounds (medians), global fetch (undici ${process.versions.undici}) against node:http with a keep-alive Agent — ${describe}. ` +
      `Counting throughput and client CPU per case as wins outside ±${TIE * 100}%, node:http wins ${httpWins} and fetch wins ${fetchWins} of ${perCase.length * 2}, ` +
      `so on this machine the better transport for Quarry's request path is ${overall}.` +
      (transports.length > 2
        ? ` For reference, undici's request() API without the fetch layer: ${CASES.map((c) => `${c.id} ${(get(c.id, "undici.request").rate / get(c.id, "node:http").rate).toFixed(2)}×/${(get(c.id, "undici.request").cpuUsPerReq / get(c.id, "node:http").cpuUsPerReq).toFixed(2)}× CPU`).join(", ")} vs node:http.`
        : "") +
      (noisy ? " Some runs shared the machine with other work (other cores ≥ 0.25); rates are less trustworthy than the CPU-per-request figures." : "");

    console.log("");
    console.log(`Transport benchmark — ${ROUNDS} interleaved rounds, medians; node ${process.version}, global fetch = undici ${process.versions.undici}; ${os.cpus().length} CPUs`);
    console.log(`load average before: ${loadBefore}; after: ${loadAfter}`);
    console.log(undiciNote);
    console.log("");
    console.log(table(rows));
    console.log("");
    console.log("rate: req/s (a–c) or MiB/s (d). client CPU = process.cpuUsage() user+system / requests (includes SigV4 signing, same for every transport).");
    console.log("server CPU = MinIO process (/proc); other cores = machine busy − this process − MinIO; new conns = TCP connects during the timed runs / during the untimed priming burst before each run, summed over rounds.");
    console.log(`SigV4 signing alone (in every request's client CPU, same for all transports): ${signUs.toFixed(1)} µs/request.`);
    console.log("");
    console.log(`Verdict: ${verdict}`);

    const out = process.env.BENCH_JSON ?? join(HERE, "results", "latest.json");
    await mkdir(dirname(out), { recursive: true });
    await writeFile(
      out,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          command: "npx tsx bench/transport/run.ts",
          node: process.version,
          fetchUndici: process.versions.undici,
          undiciPackage: "transport" in undici ? undici.version : null,
          cpus: os.cpus().length,
          cpuModel: os.cpus()[0]?.model,
          loadBefore,
          loadAfter,
          rounds: ROUNDS,
          listPageBytes: listSize,
          signCpuUsPerRequest: +signUs.toFixed(2),
          cases: CASES.map(({ id, label, requests, concurrency, mode, throughput }) => ({ id, label, requests, concurrency, bodyRead: mode, unit: throughput ? "MiB/s" : "req/s" })),
          summary: summaries.map((s) => ({
            ...s,
            rate: +s.rate.toFixed(2),
            rateMin: +s.rateMin.toFixed(2),
            rateMax: +s.rateMax.toFixed(2),
            cpuUsPerReq: +s.cpuUsPerReq.toFixed(2),
            serverCpuUsPerReq: Number.isFinite(s.serverCpuUsPerReq) ? +s.serverCpuUsPerReq.toFixed(1) : null,
            otherCores: Number.isFinite(s.otherCores) ? +s.otherCores.toFixed(2) : null,
          })),
          fetchVsNodeHttp: perCase.map((p) => ({ ...p, rateRatio: +p.rateRatio.toFixed(3), cpuRatio: +p.cpuRatio.toFixed(3) })),
          verdict,
          samples: Object.fromEntries([...samples].map(([k, v]) => [k, v.map((s) => ({ ...s, ms: +s.ms.toFixed(1), reqPerSec: +s.reqPerSec.toFixed(1), mibPerSec: +s.mibPerSec.toFixed(2), cpuUsPerReq: +s.cpuUsPerReq.toFixed(2), ...(s.serverCpuUsPerReq !== undefined ? { serverCpuUsPerReq: +s.serverCpuUsPerReq.toFixed(1) } : {}), ...(s.otherCores !== undefined ? { otherCores: +s.otherCores.toFixed(2) } : {}) }))])),
        },
        null,
        2,
      )}\n`,
    );
    log(`wrote ${relative(REPO, out)}`);
    for (const tr of transports) await tr.close();
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
