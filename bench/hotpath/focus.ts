/**
 * A focused loop for profiling one hot path against the synthetic endpoint (launched in its own
 * process, so a `node --cpu-prof` of this script profiles the client only):
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/hotpath/focus.ts get-small [count]
 *   node --import tsx bench/hotpath/focus.ts get-small-raw [count]   (the suite's raw node:http client)
 *   node --import tsx bench/hotpath/focus.ts get-large [MiB]
 *   node --import tsx bench/hotpath/focus.ts get-large-minio [MiB]   (Quarry and raw alternating on MinIO)
 *   node --import tsx bench/hotpath/focus.ts list [keys]
 *   node --import tsx bench/hotpath/focus.ts put-large [MiB]        (a stream of declared size, as the suite puts)
 *
 * Prints wall time, the rate and this process's CPU per unit; read a profile with
 * `npx tsx bench/hotpath/top-self.ts <file.cpuprofile>`.
 */
import { S3 } from "../../lib/index.js";
import { startSynthetic } from "../synthetic/launch.js";
import { EMPTY_SHA256, keepAliveAgent, objectPath, rawRequest, rawTarget } from "../support/raw-sign.js";
import { getServer } from "../support/server.js";
import { rawGet } from "../transfer/raw-transfer.js";
import { drainCount, drained, sourceStream } from "../transfer/source.js";

const [what = "get-small", countArg] = process.argv.slice(2);

async function timed(label: string, units: number, unit: string, run: () => Promise<void>): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuUs = cpu.user + cpu.system;
  console.log(`${label}: ${(units / (ms / 1000)).toFixed(0)} ${unit}/s, ${(cpuUs / units).toFixed(2)} CPU µs/${unit}, ${ms.toFixed(0)} ms`);
}

async function main(): Promise<void> {
  if (what === "get-small" || what === "get-small-raw") {
    const count = Number(countArg ?? 20_000);
    const server = await startSynthetic({ keys: 1000, prefixes: 16, objectSize: 4096 });
    const s3 = new S3({ endpoint: server.endpoint, accessKey: "x", secretKey: "y", region: "us-east-1" });
    const b = s3.bucket("bench");
    const agent = keepAliveAgent(64);
    const target = rawTarget({ endpoint: server.endpoint, accessKey: "x", secretKey: "y", region: "us-east-1" });
    // The baseline the suite calls raw node:http: Quarry's signer, no parsing, no retries.
    const get = what === "get-small-raw"
      ? async (k: string) => void (await rawRequest(agent, target, { method: "GET", path: objectPath("bench", k), payloadHash: EMPTY_SHA256 }))
      : async (k: string) => void (await drainCount(await b.object(k).get()));
    const keys = Array.from({ length: 1000 }, (_, i) => `p${String(i % 16).padStart(4, "0")}/key-${String(Math.floor(i / 16)).padStart(7, "0")}.bin`);
    const round = async (n: number) => {
      let next = 0;
      await Promise.all(Array.from({ length: 32 }, async () => {
        while (next < n) {
          const k = keys[next++ % keys.length]!;
          await get(k);
        }
      }));
    };
    await round(2000);
    await timed(`${what} 4 KiB c=32`, count, "op", () => round(count));
    agent.destroy();
    s3.close();
    await server.stop();
  } else if (what === "get-large") {
    const mib = Number(countArg ?? 1024);
    const server = await startSynthetic({ keys: 1, prefixes: 1, objectSize: mib * 2 ** 20 });
    const s3 = new S3({ endpoint: server.endpoint, accessKey: "x", secretKey: "y", region: "us-east-1" });
    const o = s3.bucket("bench").object("p0000/key-0000000.bin");
    await drainCount(await o.get());
    for (let i = 0; i < 3; i++) {
      const chunks = drained.chunks;
      await timed(`get ${mib} MiB`, mib, "MiB", async () => void (await drainCount(await o.get())));
      console.log(`  mean chunk ${((mib * 1024) / (drained.chunks - chunks)).toFixed(1)} KiB`);
    }
    s3.close();
    await server.stop();
  } else if (what === "get-large-minio") {
    // Quarry and the raw client alternating on one object of the harness's MinIO (or S3_BENCH_*).
    const mib = Number(countArg ?? 256);
    const server = await getServer(() => undefined);
    const s3 = new S3({ endpoint: server.endpoint, accessKey: server.accessKey, secretKey: server.secretKey, region: server.region });
    const b = s3.bucket("qb-hotpath");
    if (!(await b.exists())) await b.create();
    const o = b.object("large.bin");
    await o.put(Buffer.alloc(mib * 2 ** 20, 0x5a));
    const agent = keepAliveAgent(4);
    const target = rawTarget(server);
    const clients: Array<[string, () => Promise<number>]> = [
      ["quarry", async () => drainCount(await o.get())],
      ["raw", () => rawGet(agent, target, "qb-hotpath", "large.bin")],
    ];
    for (let i = 0; i < 4; i++) {
      for (const [name, get] of clients) {
        const chunks = drained.chunks;
        await timed(`${name} get ${mib} MiB`, mib, "MiB", async () => void (await get()));
        console.log(`  mean chunk ${((mib * 1024) / (drained.chunks - chunks)).toFixed(1)} KiB`);
      }
    }
    await o.remove();
    await b.remove();
    agent.destroy();
    s3.close();
    await server.stop();
  } else if (what === "put-large") {
    // The suite's put: a stream of declared size (a repeated 8 MiB chunk), three times.
    const mib = Number(countArg ?? 1024);
    const server = await startSynthetic({ keys: 1, prefixes: 1, objectSize: 16 });
    const s3 = new S3({ endpoint: server.endpoint, accessKey: "x", secretKey: "y", region: "us-east-1" });
    const o = s3.bucket("bench").object("put/large");
    for (let i = 0; i < 3; i++) await timed(`put ${mib} MiB`, mib, "MiB", async () => void (await o.put(sourceStream(mib * 2 ** 20), { size: mib * 2 ** 20 })));
    s3.close();
    await server.stop();
  } else if (what === "list") {
    const keys = Number(countArg ?? 100_000);
    const server = await startSynthetic({ keys, prefixes: 16 });
    const s3 = new S3({ endpoint: server.endpoint, accessKey: "x", secretKey: "y", region: "us-east-1" });
    const b = s3.bucket("bench");
    const run = async () => {
      let n = 0;
      for await (const _o of b.objects().recursive()) n++;
      if (n !== keys) throw new Error(`listed ${n} of ${keys}`);
    };
    await run();
    for (let i = 0; i < 3; i++) await timed(`list ${keys}`, keys, "key", run);
    s3.close();
    await server.stop();
  } else throw new Error(`unknown workload ${what}`);
}

await main();
