/**
 * A 1M-key listing (synthetic endpoint only: MinIO on this machine would need hours to fill):
 * keys/s, CPU µs/key and the client's RSS sampled every 250 ms — it should stay flat.
 */
import { cpuPer, PEAK_RSS, rate, RSS_GROWTH } from "../metrics.js";
import type { Workload } from "../types.js";

export const listBig: Workload = {
  id: "list-big",
  title: (s) => `list ${s.bigListKeys.toLocaleString("en-US")} keys (RSS curve)`,
  op: "list",
  targets: ["synthetic"],
  metrics: [rate("kps", "keys/s"), cpuPer("cpuUsPerKey", "CPU µs/key", 1e6), PEAK_RSS, RSS_GROWTH],
  headline: "kps",
  async prepare(target, scale) {
    const { at } = await target!.keyspace!(scale.bigListKeys, 16, 0);
    return { job: async () => ({ op: "list", at, size: scale.bigListKeys, rssEveryMs: 250 }) };
  },
};
