/**
 * Removal of many keys (MinIO only: the synthetic endpoint has no DeleteObjects). Before each
 * sample the client's own prefix is filled, untimed, with that many tiny objects; the timed
 * job removes exactly those keys. keys/s and client CPU µs per key.
 */
import { ensureBucket, putKeys, slug } from "../fixtures.js";
import { cpuPer, rate } from "../metrics.js";
import type { Endpoint, Workload } from "../types.js";

export const remove: Workload = {
  id: "remove",
  title: (s) => `remove ${s.removeKeys.toLocaleString("en-US")} keys`,
  op: "remove",
  targets: ["minio"],
  metrics: [rate("kps", "keys/s"), cpuPer("cpuUsPerKey", "CPU µs/key", 1e6)],
  headline: "kps",
  async prepare(target, scale) {
    const at: Endpoint = { ...target!.base, bucket: "qb-remove" };
    await ensureBucket(at);
    const body = Buffer.from("x");
    return {
      async job(client, round) {
        const keys = Array.from({ length: scale.removeKeys }, (_, i) => `rm/${slug(client.name)}/${round}/k-${String(i).padStart(6, "0")}`);
        await putKeys(at, keys, body);
        return { op: "remove", at, keys };
      },
    };
  },
};
