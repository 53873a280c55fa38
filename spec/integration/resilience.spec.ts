import { inspect } from "node:util";
import { firstValueFrom, toArray } from "rxjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NetworkError, S3, S3Error } from "../../lib/index.js";
import { startFaultProxy, type Fault } from "../support/fault-proxy.js";
import { drain, plainClient, servers, tempBucket } from "./support.js";

const s3 = plainClient();
let t: Awaited<ReturnType<typeof tempBucket>>;
beforeAll(async () => {
  t = await tempBucket(s3, "faults");
  await t.bucket.object("k").put("payload");
  for (let i = 0; i < 5; i++) await t.bucket.object(`p/${i}`).put(String(i));
});
afterAll(async () => {
  await t.cleanup();
  s3.close();
});

/** A client that talks to the real server through a proxy injecting `script` faults. */
async function viaProxy(script: Fault[], extra: Partial<ConstructorParameters<typeof S3>[0]> = {}) {
  const s = servers().plain;
  const url = new URL(s.endpoint);
  const proxy = await startFaultProxy({ host: url.hostname, port: Number(url.port) }, script);
  const client = new S3({
    endpoint: proxy.endpoint, accessKey: s.accessKey, secretKey: s.secretKey, region: "us-east-1",
    retry: { baseDelayMs: 5 }, ...extra,
  });
  return { proxy, client };
}

describe("retries, timeouts and failures against MinIO through a fault-injecting proxy", () => {
  it("connection resets are retried for idempotent requests and the call succeeds", async () => {
    const { proxy, client } = await viaProxy(["reset", "reset"]);
    try {
      expect((await drain(await client.bucket(t.name).object("k").get())).toString()).toBe("payload");
      expect(proxy.requests).toBe(3);
      expect(proxy.connections).toBe(3); // a reset connection is never reused
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it("503 SlowDown is retried with backoff", async () => {
    const { proxy, client } = await viaProxy(["slowdown", "slowdown"]);
    try {
      expect((await client.bucket(t.name).object("k").stat()).size).toBe(7);
      expect(proxy.requests).toBe(3);
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it("gives up after maxAttempts with the last typed error", async () => {
    const { proxy, client } = await viaProxy(["slowdown", "slowdown", "slowdown"], { retry: { maxAttempts: 3, baseDelayMs: 1 } });
    try {
      await expect(client.bucket(t.name).object("k").stat()).rejects.toMatchObject({ name: "S3Error", code: "SlowDown", status: 503 });
      expect(proxy.requests).toBe(3);
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it("a stream body is not replayable: a reset fails the put instead of retrying", async () => {
    const { Readable } = await import("node:stream");
    const { proxy, client } = await viaProxy(["reset"]);
    try {
      const err = await client.bucket(t.name).object("s").put(Readable.from([Buffer.from("abc")]), { size: 3 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetworkError);
      expect(proxy.requests).toBe(1);
      expect(proxy.connections).toBe(1);
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it("an unanswered request times out with a typed NetworkError (no hang)", async () => {
    const { proxy, client } = await viaProxy(["stall"], { retry: { maxAttempts: 1 }, transport: { timeoutMs: 300 } });
    try {
      const started = Date.now();
      const err = await client.bucket(t.name).object("k").stat().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetworkError);
      expect((err as NetworkError).code).toBe("ETIMEDOUT");
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it("a listing page that fails mid-listing is retried and the listing completes", async () => {
    const { proxy, client } = await viaProxy(["pass", "reset", "pass", "slowdown", "pass"]);
    try {
      const keys = await firstValueFrom(client.bucket(t.name).objects().prefix("p/").recursive().pageSize(2).stream().pipe(toArray()));
      expect(keys.map((o) => o.objectName)).toEqual(["p/0", "p/1", "p/2", "p/3", "p/4"]);
      expect(proxy.requests).toBe(5); // page 1, page 2 reset + retried, page 3 SlowDown + retried
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it("a refused connection is a NetworkError, never an unhandled exception", async () => {
    const dead = new S3({ endpoint: "http://127.0.0.1:9", accessKey: "a", secretKey: "b", region: "us-east-1", retry: { maxAttempts: 2, baseDelayMs: 1 } });
    await expect(dead.bucket("abc").exists()).rejects.toMatchObject({ name: "NetworkError", code: "ECONNREFUSED" });
    dead.close();
  });

  it("credentials never show in inspect() or errors", async () => {
    const s = servers().plain;
    expect(inspect(s3, { depth: 10 })).not.toContain(s.secretKey);
    expect(inspect(s3.bucket(t.name).objects(), { depth: 10, showHidden: true })).not.toContain(s.secretKey);
    const err = await s3.bucket(t.name).object("missing").stat().catch((e: unknown) => e as S3Error);
    expect(inspect(err, { depth: 10 })).not.toContain(s.secretKey);
  });
});
