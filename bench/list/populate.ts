/**
 * Fills the listing benchmark's bucket: `keys` objects named
 * `bench/dir-DDDD/object-NNNNNN.bin` (100 per directory, 0–16 bytes each), written with
 * raw signed PUTs over one keep-alive agent, 32 in flight. Skipped when the bucket
 * already holds at least `keys` objects (a reused S3_BENCH_ENDPOINT server).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { expectStatus, keepAliveAgent, objectPath, rawRequest, sha256Hex, type RawResponse, type RawTarget } from "../support/raw-sign.js";
import { rawListCount } from "./raw-list.js";

const IN_FLIGHT = 32;
const PER_DIR = 100;

/** Name of the i-th benchmark key. */
export function benchKey(i: number): string {
  return `bench/dir-${String(Math.floor(i / PER_DIR)).padStart(4, "0")}/object-${String(i).padStart(6, "0")}.bin`;
}

/** Body of the i-th object: i % 17 bytes (0–16). */
function benchBody(i: number): Buffer {
  return Buffer.from(`${String(i).padStart(8, "0")}quarry-b`.slice(0, i % 17), "latin1");
}

/** What {@link populate} did. */
export interface PopulateResult {
  /** Keys in the bucket afterwards (as counted by a raw listing). */
  readonly keys: number;
  /** Objects written by this run (0 when skipped). */
  readonly written: number;
  readonly skipped: boolean;
  readonly ms: number;
}

/** Creates `bucket` if needed and fills it with `keys` objects unless it already has that many. */
export async function populate(target: RawTarget, bucket: string, keys: number, log: (line: string) => void): Promise<PopulateResult> {
  const agent = keepAliveAgent(IN_FLIGHT * 2);
  const started = performance.now();
  try {
    const created = await withRetry(`PUT bucket ${bucket}`, () => rawRequest(agent, target, { method: "PUT", path: objectPath(bucket) }));
    if (created.status === 409 && /BucketAlreadyOwnedByYou/.test(created.body.toString("utf8"))) {
      const existing = await rawListCount(agent, target, bucket);
      if (existing >= keys) {
        log(`bucket ${bucket} already has ${existing} keys (≥ ${keys}); populate skipped`);
        return { keys: existing, written: 0, skipped: true, ms: performance.now() - started };
      }
      log(`bucket ${bucket} exists with ${existing} keys; writing ${keys}`);
    } else {
      expectStatus(created, `PUT bucket ${bucket}`, 200);
    }

    let next = 0;
    let done = 0;
    let lastReport = performance.now();
    const worker = async () => {
      for (let i = next++; i < keys; i = next++) {
        const body = benchBody(i);
        const path = objectPath(bucket, benchKey(i));
        const res = await withRetry(`PUT ${benchKey(i)}`, () =>
          rawRequest(agent, target, { method: "PUT", path, body, payloadHash: sha256Hex(body) }),
        );
        expectStatus(res, `PUT ${benchKey(i)}`, 200);
        done++;
        if (performance.now() - lastReport > 5_000) {
          lastReport = performance.now();
          log(`  … ${done}/${keys} objects written`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, keys) }, worker));
    const writeMs = performance.now() - started;
    const count = await rawListCount(agent, target, bucket);
    log(`populated ${bucket}: ${keys} PUTs in ${(writeMs / 1000).toFixed(1)} s (${Math.round(keys / (writeMs / 1000))} PUT/s, ${IN_FLIGHT} in flight); bucket has ${count} keys`);
    if (count < keys) throw new Error(`bucket ${bucket} has ${count} keys after populating ${keys}`);
    return { keys: count, written: keys, skipped: false, ms: writeMs };
  } finally {
    agent.destroy();
  }
}

/** Retries network errors and 500/503 (SlowDown) a few times with back-off. */
export async function withRetry(what: string, send: () => Promise<RawResponse>): Promise<RawResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await send();
      if ((res.status === 503 || res.status === 500) && attempt < 5) {
        await sleep(50 * 2 ** attempt);
        continue;
      }
      return res;
    } catch (error) {
      if (attempt >= 5) throw new Error(`${what}: ${(error as Error).message}`, { cause: error });
      await sleep(50 * 2 ** attempt);
    }
  }
}
