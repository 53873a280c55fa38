/**
 * Listing recovery mid-page (issue 11), against MinIO behind a proxy that faults responses
 * mid-body: a page whose body breaks off is requested again with the same cursor and resumed
 * after the last entry it delivered, so every key comes out exactly once, in order; failures
 * that remain are NetworkError (cut, timed out) or InvalidResponseError (garbled), never
 * Node's bare `aborted` / `ECONNRESET`.
 */
import { firstValueFrom, toArray } from "rxjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidResponseError, NetworkError, S3, type ObjectInfo } from "../../lib/index.js";
import { startResponseFaultProxy, type ResponseFault } from "../support/response-fault-proxy.js";
import { plainClient, servers, tempBucket } from "./support.js";

const KEYS = 3000;
const PAGE = 200; // 15 pages of ~40–60 KiB: room to cut each after 16 KiB
/** Keys with characters that come escaped in the XML (and URL-encoded with encoding-type=url). */
const keys = Array.from({ length: KEYS }, (_, i) => {
  const n = String(i).padStart(5, "0");
  return i % 7 === 0 ? `k/${n} & <é> "😀" +%` : `k/${n}`;
}).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

const target = () => {
  const url = new URL(servers().plain.endpoint);
  return { host: url.hostname, port: Number(url.port) };
};

/** A client that talks to the test server through `endpoint`. */
function clientVia(endpoint: string, extra: Partial<ConstructorParameters<typeof S3>[0]> = {}): S3 {
  const s = servers().plain;
  return new S3({ endpoint, accessKey: s.accessKey, secretKey: s.secretKey, region: s.region, ...extra });
}

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Resets one response in three (requests 0, 3, 6, …: never two attempts of one page in a
 * row, since at most one other page is in flight) after 16 KiB plus a random share of a page.
 */
function everyThird(seed: number): (i: number) => ResponseFault | undefined {
  const rnd = random(seed);
  return (i) => (i % 3 === 0 ? { kind: "reset", afterBytes: 16 * 1024 + Math.floor(rnd() * 24 * 1024) } : undefined);
}

const names = (xs: ObjectInfo[]) => xs.map((o) => o.objectName);

describe("listing through responses cut mid-body", () => {
  let s3: S3;
  let t: Awaited<ReturnType<typeof tempBucket>>;
  beforeAll(async () => {
    s3 = plainClient();
    t = await tempBucket(s3, "listres");
    const queue = [...keys];
    await Promise.all(Array.from({ length: 32 }, async () => {
      for (let k = queue.pop(); k !== undefined; k = queue.pop()) await t.bucket.object(k).put("");
    }));
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
    s3?.close();
  }, 120_000);

  for (const [api, how] of [["v2", "for await"], ["v1", "Observable"], ["versions", "for await"]] as const) {
    it(`${api} (${how}): every key exactly once, in order, with a third of the responses reset`, async () => {
      const proxy = await startResponseFaultProxy(target(), everyThird(api.length));
      const client = clientVia(proxy.endpoint);
      try {
        let q = client.bucket(t.name).objects().recursive().pageSize(PAGE);
        if (api === "v1") q = q.apiV1();
        if (api === "versions") q = q.versions();
        const got: ObjectInfo[] = [];
        if (how === "Observable") got.push(...await firstValueFrom(q.stream().pipe(toArray())));
        else for await (const o of q) got.push(o);
        expect(names(got)).toEqual(keys);
        if (api === "versions") expect(new Set(got.map((o) => o.versionId))).toEqual(new Set(["null"]));
        const { requests, faulted, connections, faultedConnections } = proxy.stats;
        expect(faulted).toBeGreaterThanOrEqual(5);
        expect(faulted / requests).toBeGreaterThanOrEqual(0.3);
        expect(faultedConnections / connections).toBeGreaterThanOrEqual(0.3);
      } finally {
        client.close();
        await proxy.close();
      }
    }, 60_000);
  }

  it("a cut body beyond the retry budget fails with a NetworkError, after the entries it delivered", async () => {
    const proxy = await startResponseFaultProxy(target(), (i) => (i >= 1 ? { kind: "reset", afterBytes: 20_000 } : undefined));
    const client = clientVia(proxy.endpoint, { retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const got: ObjectInfo[] = [];
    let caught: unknown;
    try {
      for await (const o of client.bucket(t.name).objects().recursive().pageSize(PAGE)) got.push(o);
    } catch (err) {
      caught = err;
    } finally {
      client.close();
      await proxy.close();
    }
    expect(caught).toBeInstanceOf(NetworkError);
    expect((caught as NetworkError).message).toMatch(/listing body broke off/);
    expect(names(got)).toEqual(keys.slice(0, got.length)); // what came, came once and in order
    expect(got.length).toBeGreaterThanOrEqual(PAGE); // the first page passed
  }, 30_000);

  it("a stalled body times out as a NetworkError and is read again", async () => {
    const proxy = await startResponseFaultProxy(target(), (i) => (i === 0 ? { kind: "stall", afterBytes: 20_000 } : undefined));
    const client = clientVia(proxy.endpoint, { transport: { timeoutMs: 400 }, retry: { baseDelayMs: 1 } });
    try {
      const got = await client.bucket(t.name).objects().recursive().pageSize(PAGE).toArray();
      expect(names(got)).toEqual(keys);
    } finally {
      client.close();
      await proxy.close();
    }
    const stalls = await startResponseFaultProxy(target(), () => ({ kind: "stall", afterBytes: 20_000 }));
    const once = clientVia(stalls.endpoint, { transport: { timeoutMs: 300 }, retry: { maxAttempts: 1 } });
    try {
      await expect(once.bucket(t.name).objects().recursive().pageSize(PAGE).toArray()).rejects.toMatchObject({ name: "NetworkError", code: "ETIMEDOUT" });
    } finally {
      once.close();
      await stalls.close();
    }
  }, 30_000);

  it("a garbled body is an InvalidResponseError, not retried", async () => {
    const proxy = await startResponseFaultProxy(target(), (i) => (i === 0 ? { kind: "corrupt", afterBytes: 20_000 } : undefined));
    const client = clientVia(proxy.endpoint);
    try {
      await expect(client.bucket(t.name).objects().recursive().pageSize(PAGE).toArray()).rejects.toBeInstanceOf(InvalidResponseError);
      expect(proxy.stats.requests).toBeLessThanOrEqual(2); // the first page, perhaps the one read ahead: no retry
    } finally {
      client.close();
      await proxy.close();
    }
  }, 30_000);
});
