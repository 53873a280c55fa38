/**
 * Signing and presigning with no server: header signatures of a GET (Quarry's signer with its
 * key cache, the AWS SDK's SignatureV4) and presigned GET URLs (every client that has them),
 * 1000 distinct keys cycled. ops/s and CPU µs per op.
 */
import { cpuPer, rate } from "../metrics.js";
import type { Endpoint, Op, Workload } from "../types.js";

/** Presign clients need an endpoint shape; nothing is ever sent to it. */
const NO_SERVER: Endpoint = { endpoint: "http://127.0.0.1:9000", accessKey: "BENCHACCESSKEY000000", secretKey: "benchSecretKey/0000000000000000000000000", region: "us-east-1", bucket: "bench-bucket" };

function signing(id: string, op: Op, what: string): Workload {
  return {
    id,
    title: (s) => `${what} × ${s.signCount.toLocaleString("en-US")}`,
    op,
    targets: ["none"],
    metrics: [rate("ops", "ops/s"), cpuPer("cpuUsPerOp", "CPU µs/op", 1e6, 2)],
    headline: "ops",
    async prepare(_target, scale) {
      return { job: async () => ({ op, at: NO_SERVER, count: scale.signCount }) };
    },
  };
}

export const sign = signing("sign", "sign", "sign request headers");
export const presign = signing("presign", "presign", "presign GET URLs");
