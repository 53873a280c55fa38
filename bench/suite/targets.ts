/**
 * Endpoint providers. `minio`: the harness's MinIO (or S3_BENCH_ENDPOINT; bench/support/server.ts).
 * `synthetic`: the in-memory endpoint of bench/synthetic/ (branch feat/fanout), started per key
 * space; when bench/synthetic/launch.ts is absent the provider says so and is skipped.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { getServer } from "../support/server.js";
import { keepAliveAgent, rawTarget, rawRequest, objectPath, EMPTY_SHA256, expectStatus } from "../support/raw-sign.js";
import type { Endpoint, Target } from "./types.js";

const SYNTHETIC_LAUNCH = fileURLToPath(new URL("../synthetic/launch.ts", import.meta.url));

/** Starts the harness MinIO (or uses S3_BENCH_ENDPOINT). */
export async function minioTarget(log: (line: string) => void): Promise<Target> {
  const server = await getServer(log);
  return {
    name: "minio",
    base: { endpoint: server.endpoint, accessKey: server.accessKey, secretKey: server.secretKey, region: server.region },
    ...(server.pid !== undefined ? { pid: server.pid } : {}),
    stop: () => server.stop(),
  };
}

interface SyntheticLaunch {
  startSynthetic(options: { keys?: number; objectSize?: number; prefixes?: number; bandwidth?: number }): Promise<{ endpoint: string; pid: number; keys: number; stop(): Promise<void> }>;
}

/** Whether bench/synthetic/ is in this tree. */
export function syntheticAvailable(): boolean {
  return existsSync(SYNTHETIC_LAUNCH);
}

/** The synthetic endpoint provider, or undefined (with a clear line in the log) when absent. */
export async function syntheticTarget(log: (line: string) => void): Promise<Target | undefined> {
  if (!syntheticAvailable()) {
    log("SYNTHETIC ENDPOINT SKIPPED: bench/synthetic/launch.ts is not in this tree (it comes with branch feat/fanout); every workload runs on MinIO only");
    return undefined;
  }
  const launch = (await import(SYNTHETIC_LAUNCH)) as SyntheticLaunch;
  const running = new Map<string, Awaited<ReturnType<SyntheticLaunch["startSynthetic"]>>>();
  const creds = { accessKey: "synthetic", secretKey: "synthetic-secret", region: "us-east-1" };
  return {
    name: "synthetic",
    base: { endpoint: "(per key space)", ...creds },
    async keyspace(keys, objectSize, sampleKeys, bandwidth) {
      const id = `${keys}/${objectSize}/${bandwidth ?? 0}`;
      let server = running.get(id);
      if (!server) {
        server = await launch.startSynthetic({ keys, objectSize, prefixes: 16, ...(bandwidth ? { bandwidth } : {}) });
        running.set(id, server);
        log(`synthetic endpoint ${server.endpoint}: ${keys} keys of ${objectSize} B`);
      }
      const at: Endpoint = { endpoint: server.endpoint, ...creds, bucket: "synthetic" };
      return { at, sample: await firstKeys(at, sampleKeys) };
    },
    async stop() {
      for (const s of running.values()) await s.stop();
      running.clear();
    },
  };
}

/** The first `n` key names of a bucket (one raw ListObjectsV2 page per 1000). */
async function firstKeys(at: Endpoint, n: number): Promise<string[]> {
  if (n === 0) return [];
  const agent = keepAliveAgent(1);
  try {
    const res = await rawRequest(agent, rawTarget(at), { method: "GET", path: objectPath(at.bucket), query: [["list-type", "2"], ["max-keys", String(Math.min(n, 1000))]], payloadHash: EMPTY_SHA256 });
    expectStatus(res, "ListObjectsV2", 200);
    return [...res.body.toString("utf8").matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!);
  } finally {
    agent.destroy();
  }
}
