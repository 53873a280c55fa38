import type { Observable, Subscription } from "rxjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Minio, NetworkError, S3Error, type BucketRef, type ListenOptions, type NotificationRecord } from "../../lib/index.js";
import { startControlProxy } from "../support/control-proxy.js";
import { tlsClient } from "./copy-support.js";
import { plainClient, servers, tempBucket } from "./support.js";

const s3 = plainClient();
let bucket: BucketRef;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ bucket, cleanup } = await tempBucket(s3, "listen"));
});
afterAll(async () => {
  await cleanup();
});

/** Subscribes and records what arrives. */
function recorder(records$: Observable<NotificationRecord>) {
  const state = { records: [] as NotificationRecord[], error: undefined as unknown, completed: false, sub: undefined as unknown as Subscription };
  state.sub = records$.subscribe({
    next: (r) => state.records.push(r),
    error: (e: unknown) => (state.error = e),
    complete: () => (state.completed = true),
  });
  return state;
}

type Recorder = ReturnType<typeof recorder>;

/**
 * Waits until the listener is live: the server subscribes it before answering, but the
 * answer's headers come with the first keep-alive, so put `key` (through the direct client)
 * until its event arrives.
 */
async function untilLive(rec: Recorder, key: string, via: BucketRef = bucket): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await via.object(key).put(`probe ${i}`);
    const deadline = Date.now() + 300;
    while (Date.now() < deadline) {
      if (rec.records.some((r) => r.objectName === key)) return;
      if (rec.error !== undefined) throw rec.error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  throw new Error(`listener never delivered ${key}`);
}

/** A control proxy in front of the plain server, and the test bucket as seen through it. */
async function proxied() {
  const url = new URL(servers().plain.endpoint);
  const proxy = await startControlProxy({ host: url.hostname, port: Number(url.port) });
  const client = plainClient({ endpoint: proxy.endpoint, region: "us-east-1" });
  return { proxy, client, via: client.bucket(bucket.name) };
}

type Proxy = Awaited<ReturnType<typeof proxied>>["proxy"];

/** Runs `body` with a listener subscribed through a fresh control proxy; unsubscribes and closes the proxy after. */
async function throughProxy(options: ListenOptions, body: (rec: Recorder, proxy: Proxy) => Promise<void>): Promise<void> {
  const { proxy, via } = await proxied();
  const rec = recorder(via.listen(options));
  try {
    await body(rec, proxy);
  } finally {
    rec.sub.unsubscribe();
    await proxy.close();
  }
}

describe("bucket.listen", () => {
  it("delivers only events matching the prefix, suffix and event names", async () => {
    const rec = recorder(bucket.listen({ prefix: "in/", suffix: ".txt", events: ["s3:ObjectCreated:*"] }));
    try {
      await untilLive(rec, "in/probe.txt");
      await bucket.object("in/a.txt").put("a");
      await bucket.object("in/b.bin").put("wrong suffix");
      await bucket.object("out/c.txt").put("wrong prefix");
      await bucket.object("in/probe.txt").remove(); // a removal: not a listened event
      await bucket.object("in/z.txt").put("last");
      await vi.waitFor(() => expect(rec.records.map((r) => r.objectName)).toContain("in/z.txt"), { timeout: 10_000 });
      const seen = rec.records.filter((r) => r.objectName !== "in/probe.txt");
      expect(seen.map((r) => r.objectName)).toEqual(["in/a.txt", "in/z.txt"]);
      expect(rec.records.every((r) => r.eventName.startsWith("s3:ObjectCreated:"))).toBe(true);
      const a = seen[0]!;
      expect(a).toMatchObject({
        eventName: "s3:ObjectCreated:Put", bucketName: bucket.name,
        s3: { bucket: { name: bucket.name, arn: `arn:aws:s3:::${bucket.name}` }, object: { key: "in/a.txt", size: 1 } },
      });
      expect(Number.isNaN(Date.parse(a.eventTime))).toBe(false);
      expect(a.s3.object.eTag).toMatch(/^[0-9a-f]{32}$/);
      expect(rec.error).toBeUndefined();
    } finally {
      rec.sub.unsubscribe();
    }
  });

  it("delivers removal events, with keys as they are (never URL-decoded: '+' stays '+') (through the facade)", async () => {
    const s = servers().plain;
    const minio = new Minio(s.endpoint, { accessKey: s.accessKey, secretKey: s.secretKey });
    const rec = recorder(minio.listenBucketNotification(bucket.name, { prefix: "rm/", events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"] }));
    try {
      await untilLive(rec, "rm/probe");
      const key = "rm/dir/hé llo+x&y.txt";
      await bucket.object(key).put("x");
      await bucket.object(key).remove();
      await vi.waitFor(() => expect(rec.records.some((r) => r.eventName.startsWith("s3:ObjectRemoved:"))).toBe(true), { timeout: 10_000 });
      const removed = rec.records.find((r) => r.eventName.startsWith("s3:ObjectRemoved:"))!;
      expect(removed.eventName).toBe("s3:ObjectRemoved:Delete");
      expect(removed.objectName).toBe(key);
      expect(removed.s3.object.key).toBe(key);
      expect(rec.records.filter((r) => r.objectName === key).map((r) => r.eventName)).toEqual(["s3:ObjectCreated:Put", "s3:ObjectRemoved:Delete"]);
    } finally {
      rec.sub.unsubscribe();
      minio.close();
    }
  });

  it("emits one value per record, each exactly once, for a burst of concurrent writes", async () => {
    const rec = recorder(bucket.listen({ prefix: "burst/", events: ["s3:ObjectCreated:*"] }));
    try {
      await untilLive(rec, "burst/probe");
      const keys = Array.from({ length: 40 }, (_, i) => `burst/k${String(i).padStart(2, "0")}`);
      await Promise.all(keys.map((k) => bucket.object(k).put(k)));
      await vi.waitFor(() => expect(new Set(rec.records.map((r) => r.objectName)).size).toBe(keys.length + 1), { timeout: 10_000 });
      await new Promise((r) => setTimeout(r, 300)); // room for a duplicate to show up
      const burst = rec.records.filter((r) => r.objectName !== "burst/probe").map((r) => r.objectName).sort();
      expect(burst).toEqual(keys);
    } finally {
      rec.sub.unsubscribe();
    }
  });

  it("listens over TLS as well", async () => {
    const { bucket: b, cleanup: clean } = await tempBucket(tlsClient(), "listen-tls");
    const rec = recorder(b.listen({ prefix: "tls/", events: ["s3:ObjectCreated:*"] }));
    try {
      await untilLive(rec, "tls/probe", b);
      expect(rec.records[0]).toMatchObject({ bucketName: b.name, objectName: "tls/probe", eventName: "s3:ObjectCreated:Put" });
    } finally {
      rec.sub.unsubscribe();
      await clean();
    }
  });

  it("closes its socket as soon as it is unsubscribed, or its signal aborts", async () => {
    const { proxy, via: viaProxy } = await proxied();
    try {
      const rec = recorder(viaProxy.listen({ prefix: "close/" }));
      await untilLive(rec, "close/probe");
      expect(proxy.open).toBe(1); // the probes went through the direct client
      const t0 = Date.now();
      rec.sub.unsubscribe();
      await vi.waitFor(() => expect(proxy.open).toBe(0), { timeout: 2_000, interval: 5 });
      expect(Date.now() - t0).toBeLessThan(1_000);

      const ac = new AbortController();
      const rec2 = recorder(viaProxy.listen({ prefix: "close/", signal: ac.signal }));
      await untilLive(rec2, "close/probe2");
      expect(proxy.open).toBe(1);
      ac.abort();
      await vi.waitFor(() => expect(proxy.open).toBe(0), { timeout: 2_000, interval: 5 });
      expect((rec2.error as Error).name).toBe("AbortError");
      expect(proxy.connections).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it("reconnects after the connection is cut, and events after the cut still arrive", () =>
    throughProxy({ prefix: "cut/", events: ["s3:ObjectCreated:*"], reconnect: { baseDelayMs: 50, maxDelayMs: 200 } }, async (rec, proxy) => {
      await untilLive(rec, "cut/before");
      expect(proxy.cutAll()).toBe(1);
      await untilLive(rec, "cut/after");
      expect(proxy.connections).toBeGreaterThanOrEqual(2);
      expect(proxy.open).toBe(1);
      expect(rec.error).toBeUndefined();
      // Within a connection no record is delivered twice: every (key, sequencer) is unique.
      const ids = rec.records.map((r) => `${r.objectName}#${r.s3.object.sequencer}`);
      expect(new Set(ids).size).toBe(ids.length);
    }));

  it("reconnects when the server ends the stream, and events after the end still arrive", () =>
    throughProxy({ prefix: "end/", events: ["s3:ObjectCreated:*"], reconnect: { baseDelayMs: 50, maxDelayMs: 200 } }, async (rec, proxy) => {
      await untilLive(rec, "end/before");
      expect(proxy.finishAll()).toBe(1);
      await vi.waitFor(() => expect(proxy.connections).toBe(2), { timeout: 5_000, interval: 20 });
      await untilLive(rec, "end/after");
      expect(rec.error).toBeUndefined();
      expect(rec.completed).toBe(false);
    }));

  it("gives up after maxAttempts reconnections in a row, with the last failure", () =>
    throughProxy({ prefix: "down/", reconnect: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 } }, async (rec, proxy) => {
      await untilLive(rec, "down/probe");
      proxy.refusing = true; // the server is "down": every reconnection is reset at once
      proxy.cutAll();
      await vi.waitFor(() => expect(rec.error).toBeInstanceOf(NetworkError), { timeout: 5_000 });
      await new Promise((r) => setTimeout(r, 200));
      expect(proxy.connections).toBe(3); // the first connection, then two reconnections
    }));

  it("a healthy connection (one that delivered records) resets the reconnection count", () =>
    throughProxy({ prefix: "reset/", reconnect: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 20 } }, async (rec, proxy) => {
      // With maxAttempts 1, two cuts in a row would end the listener; a record delivered in
      // between makes the second cut the first failure again.
      for (let i = 0; i < 3; i++) {
        await untilLive(rec, `reset/p${i}`);
        if (i < 2) expect(proxy.cutAll()).toBe(1);
      }
      expect(rec.error).toBeUndefined();
      expect(proxy.connections).toBe(3);
    }));

  it("drops a connection silent for idleTimeoutMs and reconnects", () =>
    throughProxy({ prefix: "idle/", events: ["s3:ObjectCreated:*"], idleTimeoutMs: 1_500, reconnect: { baseDelayMs: 50, maxDelayMs: 200 } }, async (rec, proxy) => {
      await untilLive(rec, "idle/before");
      const t0 = Date.now();
      expect(proxy.freezeAll()).toBe(1); // the socket stays open, but nothing comes through
      await vi.waitFor(() => expect(proxy.connections).toBe(2), { timeout: 6_000, interval: 20 });
      const waited = Date.now() - t0;
      expect(waited).toBeGreaterThanOrEqual(1_400);
      await vi.waitFor(() => expect(proxy.open).toBe(1), { timeout: 2_000 }); // the frozen socket was closed
      await untilLive(rec, "idle/after");
      expect(rec.error).toBeUndefined();
    }));

  it("errors with the typed S3Error on a missing bucket, without a retry loop", async () => {
    const { proxy, client: viaProxy } = await proxied();
    try {
      const rec = recorder(viaProxy.bucket("q-listen-no-such-bucket").listen({ reconnect: { baseDelayMs: 10, maxDelayMs: 20 } }));
      await vi.waitFor(() => expect(rec.error).toBeDefined(), { timeout: 5_000 });
      expect(rec.error).toBeInstanceOf(S3Error);
      expect(rec.error).toMatchObject({ code: "NoSuchBucket", status: 404 });
      await new Promise((r) => setTimeout(r, 300));
      expect(proxy.connections).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it("with reconnect: false, errors with a NetworkError when the connection is cut", () =>
    throughProxy({ prefix: "once/", reconnect: false }, async (rec, proxy) => {
      await untilLive(rec, "once/probe");
      proxy.cutAll();
      await vi.waitFor(() => expect(rec.error).toBeInstanceOf(NetworkError), { timeout: 5_000 });
      await new Promise((r) => setTimeout(r, 200));
      expect(proxy.connections).toBe(1);
    }));

  it("with reconnect: false, completes when the server ends the stream", () =>
    throughProxy({ prefix: "once/", reconnect: false }, async (rec, proxy) => {
      await untilLive(rec, "once/probe2");
      proxy.finishAll();
      await vi.waitFor(() => expect(rec.completed).toBe(true), { timeout: 5_000 });
      expect(rec.error).toBeUndefined();
      expect(proxy.connections).toBe(1);
    }));
});
