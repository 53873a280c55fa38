/**
 * Client CPU per GiB of each integrity mode of an upload (issue 12, "Integrity at low CPU").
 *
 * 1. Pure hashing: SHA-256 (the signed payload over plain HTTP), MD5 (Content-MD5), CRC32
 *    (`zlib.crc32`, the flexible checksum) and none, over 16 MiB buffers — CPU seconds per GiB.
 * 2. End to end: a 1 GiB put (multipart, 16 MiB parts, 3 in flight, from a stream repeating
 *    one 8 MiB random chunk) against the synthetic endpoint (bench/synthetic, its own process;
 *    it ignores checksums and signatures), client CPU seconds per GiB, in the four modes a
 *    client can end up in:
 *    - http  sha256        plain HTTP, payload signed with its SHA-256, checksum "off"
 *    - http  sha256+crc32  plain HTTP, signed payload plus x-amz-checksum-crc32 (the default)
 *    - https md5           TLS, UNSIGNED-PAYLOAD + Content-MD5, checksum "off"
 *    - https crc32         TLS, UNSIGNED-PAYLOAD + x-amz-checksum-crc32 (the default)
 *    TLS is a terminator in a child process (openssl self-signed cert) in front of the same
 *    synthetic endpoint, so the https rows include the client's TLS encryption.
 *
 * 3. The read-back a download with `checksum: true` does before its rename (verify-file.ts),
 *    of a 1 GiB file just written (page cache warm).
 *
 * Rounds interleave the modes; medians of BENCH_ROUNDS (default 3) with min–max.
 *
 *   npx tsx bench/transfer/checksum-cpu.ts            # BENCH_ROUNDS=3 BENCH_GIB=1
 */
import { spawn, execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { crc32 } from "node:zlib";
import { S3, type ChecksumSetting } from "../../lib/index.js";
import { crc32Base64 } from "../../lib/exec/checksum/crc32.js";
import { digestFile } from "../../lib/exec/checksum/verify-file.js";
import { open } from "node:fs/promises";
import { envInt, median } from "../support/bench-util.js";
import { startSynthetic } from "../synthetic/launch.js";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const ROUNDS = envInt("BENCH_ROUNDS", 3);
const GIBS = envInt("BENCH_GIB", 1);

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** CPU seconds to run `fn` over `total` bytes of 16 MiB buffers, per GiB. */
function hashCost(fn: (b: Buffer) => unknown, buf: Buffer, total: number): number {
  const start = cpuSeconds();
  for (let done = 0; done < total; done += buf.length) fn(buf);
  return ((cpuSeconds() - start) * GiB) / total;
}

const HASHES: Record<string, (b: Buffer) => unknown> = {
  "sha256": (b) => createHash("sha256").update(b).digest(),
  "md5": (b) => createHash("md5").update(b).digest(),
  "crc32": (b) => crc32(b),
  "none": (b) => b.length,
};

function fmt(xs: number[]): string {
  return `${median(xs).toFixed(3)} (${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)})`;
}

/** A TLS terminator in a child process in front of `port`; resolves with its port and CA. */
async function startTlsFront(port: number): Promise<{ port: number; ca: string; stop: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "quarry-crc-tls-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", join(dir, "key.pem"), "-out", join(dir, "crt.pem")], { stdio: "ignore" });
  const script = `
    const tls = require("node:tls"), net = require("node:net"), fs = require("node:fs");
    const s = tls.createServer({ key: fs.readFileSync(${JSON.stringify(join(dir, "key.pem"))}), cert: fs.readFileSync(${JSON.stringify(join(dir, "crt.pem"))}) }, (c) => {
      const u = net.connect(${port}, "127.0.0.1"); c.pipe(u); u.pipe(c);
      c.on("error", () => u.destroy()); u.on("error", () => c.destroy());
    });
    s.listen(0, "127.0.0.1", () => console.log("PORT " + s.address().port));
    process.stdin.on("end", () => process.exit(0)); process.stdin.resume();`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["pipe", "pipe", "inherit"] });
  const front = await new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => { const m = /PORT (\d+)/.exec(d.toString()); if (m) resolve(Number(m[1])); });
    child.once("exit", (code) => reject(new Error(`TLS front exited with ${code}`)));
  });
  const ca = readFileSync(join(dir, "crt.pem"), "utf8");
  rmSync(dir, { recursive: true, force: true });
  return { port: front, ca, stop: () => child.kill("SIGTERM") };
}

/** A stream of `total` bytes repeating one 8 MiB chunk. */
function source(chunk: Buffer, total: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const n = Math.min(chunk.length, total - sent);
      sent += n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${ROUNDS} rounds, ${GIBS} GiB per put; ${new Date().toISOString()}`);
  // 1. Pure hashing.
  const buf = randomBytes(16 * MiB);
  const pure: Record<string, number[]> = {};
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, fn] of Object.entries(HASHES)) (pure[name] ??= []).push(hashCost(fn, buf, GIBS * GiB));
  }
  console.log("\n| hash | CPU s/GiB median (min–max) | GiB/s |\n|---|---|---|");
  for (const [name, xs] of Object.entries(pure)) console.log(`| ${name} | ${fmt(xs)} | ${(1 / Math.max(median(xs), 1e-6)).toFixed(1)} |`);

  // 2. End to end.
  const synthetic = await startSynthetic({ keys: 1, prefixes: 1 });
  const port = Number(new URL(synthetic.endpoint).port);
  const tlsFront = await startTlsFront(port);
  const chunk = randomBytes(8 * MiB);
  const modes: Array<{ name: string; endpoint: string; checksum: ChecksumSetting; ca?: string }> = [
    { name: "http  sha256 (checksum off)", endpoint: synthetic.endpoint, checksum: "off" },
    { name: "http  sha256 + crc32 (default)", endpoint: synthetic.endpoint, checksum: "auto" },
    { name: "https unsigned + md5 (checksum off)", endpoint: `https://127.0.0.1:${tlsFront.port}`, checksum: "off", ca: tlsFront.ca },
    { name: "https unsigned + crc32 (default)", endpoint: `https://127.0.0.1:${tlsFront.port}`, checksum: "auto", ca: tlsFront.ca },
  ];
  const e2e: Record<string, { cpu: number[]; mibs: number[] }> = {};
  try {
    for (let r = 0; r < ROUNDS; r++) {
      for (const m of (r % 2 === 0 ? modes : [...modes].reverse())) {
        const s3 = new S3({ endpoint: m.endpoint, accessKey: "bench", secretKey: "bench-secret", region: "us-east-1", checksum: m.checksum, ...(m.ca ? { transport: { ca: m.ca } } : {}) });
        const total = GIBS * GiB;
        const cpu0 = cpuSeconds();
        const t0 = performance.now();
        await s3.bucket("bench").object("one-gib.bin").put(source(chunk, total), { size: total });
        const wall = (performance.now() - t0) / 1000;
        const row = (e2e[m.name] ??= { cpu: [], mibs: [] });
        row.cpu.push(((cpuSeconds() - cpu0) * GiB) / total);
        row.mibs.push(total / MiB / wall);
        s3.close();
      }
    }
  } finally {
    tlsFront.stop();
    await synthetic.stop();
  }
  console.log(`\n| ${GIBS} GiB put, synthetic endpoint | client CPU s/GiB median (min–max) | MiB/s median |\n|---|---|---|`);
  for (const [name, row] of Object.entries(e2e)) console.log(`| ${name} | ${fmt(row.cpu)} | ${median(row.mibs).toFixed(0)} |`);
  // 3. The read-back of a finished download with checksum: true (verify-file.ts), page cache warm.
  const dir = mkdtempSync(join(tmpdir(), "quarry-crc-file-"));
  try {
    const file = join(dir, "one-gib.bin");
    const fh = openSync(file, "w");
    let crc = 0;
    for (let done = 0; done < GIBS * GiB; done += chunk.length) {
      writeSync(fh, chunk);
      crc = crc32(chunk, crc);
    }
    closeSync(fh);
    const expected = { algorithm: "CRC32", value: crc32Base64(crc) } as const;
    const back: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const cpu0 = cpuSeconds();
      const fh = await open(file, "r");
      const actual = await digestFile(fh, expected);
      await fh.close();
      if (actual !== expected.value) throw new Error("read-back CRC32 differs");
      back.push((cpuSeconds() - cpu0) / GIBS);
    }
    console.log(`
| download read-back (checksum: true) | CPU s/GiB median (min–max) |\n|---|---|\n| crc32 of the temp file | ${fmt(back)} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  console.log(`\nload average at the end: ${load}`);
}

await main();
