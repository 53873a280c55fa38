/**
 * One large object up and down: MiB/s and client CPU seconds. PUT streams a repeated 8 MiB
 * chunk, every client to the same key (each put replaces the last: a key per client kept ten
 * 1 GiB objects — 20 GiB with MinIO's parity — on the tmpfs drives, which filled the machine's
 * memory); on the synthetic endpoint the body is discarded. GET drains one object written once,
 * untimed, by a raw PUT.
 */
import { ensureBucket, putLarge } from "../fixtures.js";
import { CPU_SECONDS, rate } from "../metrics.js";
import type { Endpoint, Scale, Target, Workload } from "../types.js";

const MIB = 1 / 2 ** 20;
const size = (bytes: number) => (bytes >= 2 ** 30 ? `${bytes / 2 ** 30} GiB` : `${bytes / 2 ** 20} MiB`);

export const putLargeObject: Workload = {
  id: "put-large",
  title: (s) => `put ${size(s.largeBytes)}`,
  op: "put",
  targets: ["minio", "synthetic"],
  metrics: [rate("mibps", "MiB/s", MIB, 1), CPU_SECONDS],
  headline: "mibps",
  async prepare(target, scale) {
    let at: Endpoint;
    if (target!.keyspace) at = (await target!.keyspace(16, 1024, 0)).at;
    else await ensureBucket((at = { ...target!.base, bucket: "qb-transfer" }));
    return { job: async () => ({ op: "put", at, key: "put/large", size: scale.largeBytes }) };
  },
};

/**
 * The large object a GET workload reads: a synthetic key space's first key (its connections
 * capped at `bandwidth` bytes/s when given), or one written once, untimed, by a raw PUT.
 */
async function largeSource(target: Target, scale: Scale, log: (line: string) => void, bandwidth?: number): Promise<{ at: Endpoint; key: string }> {
  if (target.keyspace) {
    const ks = await target.keyspace(4, scale.largeBytes, 1, bandwidth);
    return { at: ks.at, key: ks.sample[0]! };
  }
  const at = { ...target.base, bucket: "qb-transfer" };
  await ensureBucket(at);
  const key = `get/source-${scale.largeBytes}`;
  const t0 = performance.now();
  await putLarge(at, key, scale.largeBytes);
  log(`wrote ${key} (${size(scale.largeBytes)}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { at, key };
}

export const getLargeObject: Workload = {
  id: "get-large",
  title: (s) => `get ${size(s.largeBytes)}`,
  op: "get",
  targets: ["minio", "synthetic"],
  metrics: [rate("mibps", "MiB/s", MIB, 1), CPU_SECONDS],
  headline: "mibps",
  async prepare(target, scale, log) {
    const { at, key } = await largeSource(target!, scale, log);
    return { job: async () => ({ op: "get", at, key, size: scale.largeBytes }) };
  },
};

/** Bytes/s per connection of the synthetic endpoint in the parallel GET workload: one S3 connection's rate. */
const PARALLEL_GET_CAP = 100 * 2 ** 20;
/** Ranged GETs at once in the parallel GET workload. */
const PARALLEL_GET = 8;

/**
 * The large GET again, split into ranged GETs 8 at once by the clients that can (Quarry's
 * `get({ parallel: 8 })`; the others read one stream, their get-large way). On the synthetic
 * endpoint each connection is capped at 100 MiB/s — what parallel ranges exist to pass; on
 * the local MinIO it shows the cost or gain of splitting where one connection is not the limit.
 */
export const getParallel: Workload = {
  id: "get-parallel",
  title: (s) => `get ${size(s.largeBytes)}, ${PARALLEL_GET} ranges at once where the client can (synthetic: 100 MiB/s per connection)`,
  op: "get",
  targets: ["minio", "synthetic"],
  metrics: [rate("mibps", "MiB/s", MIB, 1), CPU_SECONDS],
  headline: "mibps",
  async prepare(target, scale, log) {
    const { at, key } = await largeSource(target!, scale, log, PARALLEL_GET_CAP);
    return { job: async () => ({ op: "get", at, key, size: scale.largeBytes, parallel: PARALLEL_GET }) };
  },
};
