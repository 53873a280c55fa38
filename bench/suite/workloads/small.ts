/**
 * Small objects (4 KiB) at a fixed number of requests in flight (32): ops/s, p50/p99 latency
 * and client CPU µs per object, PUT and GET as two workloads. PUT keys are new each round; GET
 * reads objects written once, untimed.
 */
import { ensureBucket, putKeys, slug } from "../fixtures.js";
import { cpuPer, latency, rate } from "../metrics.js";
import type { Endpoint, Scale, Workload } from "../types.js";

const title = (verb: string) => (s: Scale) => `${verb} ${s.smallCount.toLocaleString("en-US")} × ${s.smallSize / 1024} KiB, c=${s.smallConcurrency}`;
const METRICS = [rate("ops", "ops/s"), latency(50), latency(99), cpuPer("cpuUsPerOp", "CPU µs/op", 1e6, 0)];

export const putSmall: Workload = {
  id: "put-small",
  title: title("put"),
  op: "putSmall",
  targets: ["minio", "synthetic"],
  metrics: METRICS,
  headline: "ops",
  async prepare(target, scale) {
    let at: Endpoint;
    if (target!.keyspace) at = (await target!.keyspace(16, scale.smallSize, 0)).at;
    else await ensureBucket((at = { ...target!.base, bucket: "qb-small" }));
    return {
      job: async (client, round) => ({
        op: "putSmall",
        at,
        size: scale.smallSize,
        concurrency: scale.smallConcurrency,
        keys: Array.from({ length: scale.smallCount }, (_, i) => `put/${slug(client.name)}/${round}/${String(i).padStart(6, "0")}`),
      }),
    };
  },
};

export const getSmall: Workload = {
  id: "get-small",
  title: title("get"),
  op: "getSmall",
  targets: ["minio", "synthetic"],
  metrics: METRICS,
  headline: "ops",
  async prepare(target, scale, log) {
    let at: Endpoint;
    let keys: string[];
    if (target!.keyspace) {
      const ks = await target!.keyspace(scale.smallCount, scale.smallSize, scale.smallCount);
      at = ks.at;
      keys = Array.from({ length: scale.smallCount }, (_, i) => ks.sample[i % ks.sample.length]!);
    } else {
      await ensureBucket((at = { ...target!.base, bucket: "qb-small" }));
      keys = Array.from({ length: scale.smallCount }, (_, i) => `get/${String(i).padStart(6, "0")}`);
      const t0 = performance.now();
      await putKeys(at, keys, Buffer.alloc(scale.smallSize, 0x71));
      log(`wrote ${keys.length} small objects in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    return { job: async () => ({ op: "getSmall", at, size: scale.smallSize, concurrency: scale.smallConcurrency, keys }) };
  },
};
