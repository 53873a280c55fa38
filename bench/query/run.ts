/**
 * Key-range query bench (issue 10's closing note): on one MinIO holding BENCH_KEYS keys
 * (default 100 000, laid out with snowball putMany; skipped when the bucket already holds
 * them), a key range holding 1% of them is listed by Quarry with the range pushed down, by
 * Quarry and minio-js listing everything and filtering in user code, by `mc find` with a path
 * glob selecting the same keys, and by Quarry's keyBetween().parallel(8). Every client talks
 * to the server through a counting HTTP proxy, which counts the list requests and the keys
 * their pages carried. Each row must return exactly the range's keys (the bench fails
 * otherwise). Rows are interleaved over BENCH_ROUNDS rounds (default 5, the order rotating
 * by one each round) after one untimed warm-up; medians with min–max go to
 * bench/results/query-range.{md,json}. mc's start-up (mc find on an empty bucket) is
 * measured in the same rounds and reported on its own.
 *
 *   npx tsx bench/query/run.ts
 *
 * Env: BENCH_KEYS, BENCH_ROUNDS, BENCH_BUCKET (default quarry-bench-range), S3_BENCH_ENDPOINT /
 * S3_BENCH_ACCESS_KEY / S3_BENCH_SECRET_KEY (use that server instead of starting one).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { S3 } from "../../lib/index.js";
import { startCountingProxy } from "../../spec/support/counting-proxy.js";
import { ensureMcBinary } from "../../spec/support/server/minio-binary.js";
import { envInt } from "../support/bench-util.js";
import { getServer } from "../support/server.js";
import { ensureLayout, onePercentRange } from "./layout.js";
import { writeReport, type RowResult, type Sample } from "./report.js";
import { makeRows, mcFind, type Row, type RowContext } from "./rows.js";

const COMMAND = "npx tsx bench/query/run.ts";

/** Throws unless `got` is exactly `want` (same keys; order ignored for rows that do not promise it). */
function assertSameKeys(row: string, got: readonly string[], want: readonly string[]): void {
  const sorted = [...got].sort();
  const same = sorted.length === want.length && sorted.every((k, i) => k === want[i]);
  if (!same) {
    const missing = want.filter((k) => !got.includes(k)).slice(0, 3);
    const extra = got.filter((k) => !want.includes(k)).slice(0, 3);
    throw new Error(`${row} returned ${got.length} keys, expected the range's ${want.length} (missing e.g. ${JSON.stringify(missing)}, extra e.g. ${JSON.stringify(extra)})`);
  }
  if (new Set(got).size !== got.length) throw new Error(`${row} returned a key twice`);
}

async function main(): Promise<void> {
  const total = envInt("BENCH_KEYS", 100_000);
  const rounds = envInt("BENCH_ROUNDS", 5);
  const bucket = process.env.BENCH_BUCKET || "quarry-bench-range";
  const log = (line: string) => console.log(`[bench:query] ${line}`);
  const range = onePercentRange(total);
  const loadBefore = os.loadavg();
  const startedAt = new Date();
  log(`${total} keys, range [${range.lo}, ${range.hi}) = ${range.keys.length} keys, ${rounds} rounds; load average ${loadBefore.map((l) => l.toFixed(2)).join(" ")}`);

  const server = await getServer(log);
  const [mc, proxy] = await Promise.all([ensureMcBinary(log), startCountingProxy(server.endpoint)]);
  const direct = new S3({ endpoint: server.endpoint, accessKey: server.accessKey, secretKey: server.secretKey, region: server.region });
  const emptyBucket = `${bucket}-empty`;
  const mcDir = await mkdtemp(join(os.tmpdir(), "quarry-bench-mc-"));
  let rows: Row[] = [];
  try {
    const layout = await ensureLayout(direct, bucket, total, log);
    if (!(await direct.bucket(emptyBucket).exists())) await direct.bucket(emptyBucket).create();
    const ctx: RowContext = { endpoint: proxy.endpoint, accessKey: server.accessKey, secretKey: server.secretKey, region: server.region, bucket, range, mc };
    rows = await makeRows(ctx);
    const results: RowResult[] = rows.map((r) => ({ name: r.name, how: r.how, samples: [] }));
    const mcStartup: number[] = [];

    const measure = async (row: Row): Promise<Sample> => {
      proxy.reset();
      const t0 = performance.now();
      const keys = await row.run();
      const ms = performance.now() - t0;
      assertSameKeys(row.name, keys, range.keys);
      const lists = proxy.listRequests(bucket);
      return {
        ms, keys: keys.length, listRequests: lists.length, otherRequests: proxy.log.length - lists.length,
        keysTransferred: lists.reduce((n, r) => n + r.keys, 0), listBytes: lists.reduce((n, r) => n + r.bytes, 0),
        requests: proxy.log.map((r) => `${r.method} ${r.url}`),
      };
    };

    for (const row of rows) {
      const s = await measure(row);
      log(`warm-up ${row.name}: ${s.keys} keys, ${s.listRequests} list requests, ${s.ms.toFixed(0)} ms`);
    }
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < rows.length; i++) {
        const at = (i + round) % rows.length;
        const s = await measure(rows[at]!);
        results[at]!.samples.push(s);
      }
      const t0 = performance.now();
      const none = await mcFind(ctx, emptyBucket, [], mcDir);
      mcStartup.push(performance.now() - t0);
      if (none.length !== 0) throw new Error(`mc find on the empty bucket printed ${none.length} keys`);
      log(`round ${round + 1}: ${results.map((r) => `${r.name} ${r.samples.at(-1)!.ms.toFixed(0)} ms`).join(", ")}; mc start-up ${mcStartup.at(-1)!.toFixed(0)} ms`);
    }
    const files = await writeReport({
      command: COMMAND, startedAt, total, rounds, bucket, server: server.source, range: { lo: range.lo, hi: range.hi, keys: range.keys.length },
      layout, loadBefore, loadAfter: os.loadavg(), results, mcStartup,
    });
    log(`wrote ${files.join(", ")}`);
  } finally {
    await Promise.all(rows.map((r) => r.close()));
    await rm(mcDir, { recursive: true, force: true });
    direct.close();
    await proxy.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
