/**
 * Recursive listing of a whole bucket: keys/s and client CPU µs per key. On MinIO the bucket is
 * filled once by bench/list/populate.ts (kept between runs); on the synthetic endpoint the key
 * space is generated.
 */
import { populate } from "../../list/populate.js";
import { rawTarget } from "../../support/raw-sign.js";
import { cpuPer, rate } from "../metrics.js";
import type { Workload } from "../types.js";

export const list: Workload = {
  id: "list",
  title: (s) => `list ${s.listKeys.toLocaleString("en-US")} keys`,
  op: "list",
  targets: ["minio", "synthetic"],
  metrics: [rate("kps", "keys/s"), cpuPer("cpuUsPerKey", "CPU µs/key", 1e6)],
  headline: "kps",
  async prepare(target, scale, log) {
    if (target!.keyspace) {
      const { at } = await target!.keyspace(scale.listKeys, 16, 0);
      return { job: async () => ({ op: "list", at, size: scale.listKeys }) };
    }
    const at = { ...target!.base, bucket: `qb-list-${scale.listKeys}` };
    const filled = await populate(rawTarget(at), at.bucket, scale.listKeys, log);
    return { job: async () => ({ op: "list", at, size: filled.keys }) };
  },
};
