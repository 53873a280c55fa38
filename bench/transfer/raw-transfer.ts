/**
 * The raw baseline: a signed node:http GET over a keep-alive agent, drained — no retries,
 * no error mapping, no region discovery. Also the raw PUT that seeds the source object.
 */
import http from "node:http";
import type { Readable } from "node:stream";
import { objectPath, signedHeaders, type RawTarget } from "../support/raw-sign.js";
import { drainCount } from "./source.js";

function send(agent: http.Agent, target: RawTarget, method: string, key: string, bucket: string, extra: Record<string, string>, body?: Readable): Promise<http.IncomingMessage> {
  const path = objectPath(bucket, key);
  const headers = signedHeaders(target, { method, path, headers: extra, payloadHash: "UNSIGNED-PAYLOAD" });
  return new Promise((resolve, reject) => {
    const r = http.request({ agent, host: target.hostname, port: target.port, method, path, headers }, resolve);
    r.once("error", reject);
    if (body) body.pipe(r);
    else r.end();
  });
}

async function expectOk(res: http.IncomingMessage, what: string): Promise<void> {
  if ((res.statusCode ?? 0) < 300) return;
  res.resume();
  throw new Error(`${what}: HTTP ${res.statusCode}`);
}

/** Streams `body` (`size` bytes) into bucket/key with one PUT. */
export async function rawPut(agent: http.Agent, target: RawTarget, bucket: string, key: string, body: Readable, size: number): Promise<void> {
  const res = await send(agent, target, "PUT", key, bucket, { "content-length": String(size) }, body);
  await expectOk(res, "raw PUT");
  res.resume();
  await new Promise((r) => res.once("end", r));
}

/** GETs bucket/key and drains it; resolves with the byte count. */
export async function rawGet(agent: http.Agent, target: RawTarget, bucket: string, key: string): Promise<number> {
  const res = await send(agent, target, "GET", key, bucket, {});
  await expectOk(res, "raw GET");
  return drainCount(res);
}
