/**
 * Untimed set-up on MinIO: buckets, many small objects and one large object, written with raw
 * signed requests (32 in flight, retried on 5xx/network errors), so no contestant pays for it.
 */
import { withRetry } from "../list/populate.js";
import { expectStatus, keepAliveAgent, objectPath, rawRequest, rawTarget, EMPTY_SHA256 } from "../support/raw-sign.js";
import { rawPut } from "../transfer/raw-transfer.js";
import { sourceStream } from "../transfer/source.js";
import { withLatencies } from "./clients/in-process.js";
import type { Endpoint } from "./types.js";

const IN_FLIGHT = 32;

/** Creates the bucket unless it is there. */
export async function ensureBucket(at: Endpoint): Promise<void> {
  const agent = keepAliveAgent(1);
  try {
    const res = await withRetry(`PUT bucket ${at.bucket}`, () => rawRequest(agent, rawTarget(at), { method: "PUT", path: objectPath(at.bucket), payloadHash: EMPTY_SHA256 }));
    if (res.status === 409 && /BucketAlreadyOwnedByYou/.test(res.body.toString("utf8"))) return;
    expectStatus(res, `PUT bucket ${at.bucket}`, 200);
  } finally {
    agent.destroy();
  }
}

/** Writes `body` under every key, 32 in flight. */
export async function putKeys(at: Endpoint, keys: readonly string[], body: Buffer): Promise<void> {
  const agent = keepAliveAgent(IN_FLIGHT);
  const target = rawTarget(at);
  try {
    await withLatencies(keys.length, IN_FLIGHT, async (i) => {
      const path = objectPath(at.bucket, keys[i]!);
      const res = await withRetry(`PUT ${keys[i]}`, () => rawRequest(agent, target, { method: "PUT", path, body, payloadHash: "UNSIGNED-PAYLOAD" }));
      expectStatus(res, `PUT ${keys[i]}`, 200);
    });
  } finally {
    agent.destroy();
  }
}

/** Writes one `size`-byte object with a single streamed PUT. */
export async function putLarge(at: Endpoint, key: string, size: number): Promise<void> {
  const agent = keepAliveAgent(1);
  try {
    await rawPut(agent, rawTarget(at), at.bucket, key, sourceStream(size), size);
  } finally {
    agent.destroy();
  }
}

/** A file-name-safe slug of a client name. */
export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
