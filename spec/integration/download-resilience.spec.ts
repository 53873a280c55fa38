import { randomBytes } from "node:crypto";
import diagnostics from "node:diagnostics_channel";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ObjectChangedError, S3 } from "../../lib/index.js";
import { startChaosProxy } from "../support/chaos-proxy.js";
import { startCutProxy } from "../support/cut-proxy.js";
import { closed, socketOf } from "../support/sockets.js";
import { drain, plainClient, servers, tempBucket } from "./support.js";

const MiB = 1024 * 1024;

/** A client that talks to the test server through `endpoint`. */
function clientVia(endpoint: string, extra: Partial<ConstructorParameters<typeof S3>[0]> = {}): S3 {
  const s = servers().plain;
  return new S3({ endpoint, accessKey: s.accessKey, secretKey: s.secretKey, region: s.region, ...extra });
}

describe("GetObject bodies and sockets (peer complaints)", () => {
  let s3: S3;
  let t: Awaited<ReturnType<typeof tempBucket>>;
  const data = randomBytes(16 * MiB);
  const target = () => {
    const url = new URL(servers().plain.endpoint);
    return { host: url.hostname, port: Number(url.port) };
  };
  beforeAll(async () => {
    s3 = plainClient();
    t = await tempBucket(s3, "dlres");
    await t.bucket.object("big.bin").put(data);
  });
  afterAll(async () => {
    await t.cleanup();
    s3.close();
  });

  it("a body nobody reads does not hold its socket: the idle timeout destroys it", async () => {
    const client = plainClient({ transport: { timeoutMs: 500 } });
    try {
      const { value: body, socket } = await socketOf(() => client.bucket(t.name).object("big.bin").get());
      const started = Date.now();
      await Promise.all([closed(body), closed(socket)]);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(socket.destroyed).toBe(true);
    } finally {
      client.close();
    }
  });

  it("aborting an unread body destroys its socket", async () => {
    const ac = new AbortController();
    const { value: body, socket } = await socketOf(() => t.bucket.object("big.bin").get({ signal: ac.signal }));
    ac.abort();
    await closed(socket);
    expect(body.destroyed).toBe(true);
  });

  it("a reset mid-body fails the stream (rejected read), never an uncaught exception", async () => {
    const proxy = await startCutProxy(target(), { cuts: 1, afterBytes: 2 * MiB });
    const client = clientVia(proxy.endpoint, { retry: { maxAttempts: 1 } });
    try {
      const body = await client.bucket(t.name).object("big.bin").get();
      // Typed, never Node's bare "aborted"/ECONNRESET.
      await expect(drain(body)).rejects.toMatchObject({ name: "NetworkError", code: "ECONNRESET" });
      expect(proxy.cut).toBe(1);
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it("get(): a body cut mid-way resumes from the next byte with Range + If-Match; every byte arrives once", async () => {
    const proxy = await startCutProxy(target(), { cuts: 2, afterBytes: 3 * MiB });
    const client = clientVia(proxy.endpoint, { retry: { maxAttempts: 4, baseDelayMs: 10 } });
    const sent: Array<{ range: string; ifMatch: string }> = [];
    const onStart = (m: unknown) => {
      const req = (m as { request: import("node:http").ClientRequest }).request;
      if (req.method === "GET" && req.path.includes("big.bin")) sent.push({ range: String(req.getHeader("range") ?? "none"), ifMatch: String(req.getHeader("if-match") ?? "none") });
    };
    diagnostics.subscribe("http.client.request.start", onStart);
    try {
      const body = await client.bucket(t.name).object("big.bin").get();
      expect(body.headers["content-length"]).toBe(String(data.length));
      expect((await drain(body)).equals(data)).toBe(true);
      expect(proxy.cut).toBe(2);
      expect(sent).toHaveLength(3);
      expect(sent[0]).toEqual({ range: "none", ifMatch: "none" });
      const etag = String(body.headers.etag);
      for (const s of sent.slice(1)) expect(s).toEqual({ range: expect.stringMatching(/^bytes=[1-9]\d*-$/), ifMatch: etag });
    } finally {
      diagnostics.unsubscribe("http.client.request.start", onStart);
      client.close();
      await proxy.close();
    }
  });

  it("get() of a range resumes within the range (Range bytes=<next>-<end>)", async () => {
    const proxy = await startCutProxy(target(), { cuts: 1, afterBytes: 1 * MiB });
    const client = clientVia(proxy.endpoint, { retry: { baseDelayMs: 10 } });
    try {
      const body = await client.bucket(t.name).object("big.bin").get({ offset: 100, length: 5 * MiB });
      expect((await drain(body)).equals(data.subarray(100, 100 + 5 * MiB))).toBe(true);
      expect(proxy.cut).toBe(1);
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it("get(): an object replaced while its body was cut fails with ObjectChangedError, never mixed bytes", async () => {
    await t.bucket.object("changing.bin").put(data.subarray(0, 8 * MiB));
    const proxy = await startCutProxy(target(), { cuts: 1, afterBytes: 2 * MiB });
    const client = clientVia(proxy.endpoint, { retry: { baseDelayMs: 10 } });
    try {
      const body = await client.bucket(t.name).object("changing.bin").get();
      await t.bucket.object("changing.bin").put(randomBytes(8 * MiB)); // replaced before the cut body resumes
      const err = await drain(body).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ObjectChangedError);
      expect(err).toMatchObject({ code: "PreconditionFailed", status: 412 });
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it("get(): a server silent mid-body times out per timeoutMs and the body resumes; with retries off it is a NetworkError ETIMEDOUT", async () => {
    const stalled = () => startChaosProxy(target(), { fraction: 1, seed: 1, direction: "response", fault: "stall", maxFaults: 1, minBytes: MiB, maxBytes: MiB + 1 });
    let proxy = await stalled();
    let client = clientVia(proxy.endpoint, { transport: { timeoutMs: 1000 }, retry: { baseDelayMs: 10 } });
    try {
      const started = Date.now();
      expect((await drain(await client.bucket(t.name).object("big.bin").get())).equals(data)).toBe(true);
      expect(proxy.stats.faults).toBe(1);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      client.close();
      await proxy.close();
    }
    proxy = await stalled();
    client = clientVia(proxy.endpoint, { transport: { timeoutMs: 1000 }, retry: { maxAttempts: 1 } });
    try {
      const body = await client.bucket(t.name).object("big.bin").get();
      await expect(drain(body)).rejects.toMatchObject({ name: "NetworkError", code: "ETIMEDOUT" });
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it("a download cut mid-body rejects with a NetworkError and keeps the temp file; the next call resumes", async () => {
    const proxy = await startCutProxy(target(), { cuts: 1, afterBytes: 3 * MiB });
    const client = clientVia(proxy.endpoint, { retry: { maxAttempts: 1 } });
    const dir = await mkdtemp(join(tmpdir(), "quarry-dlres-"));
    try {
      const dest = join(dir, "big.bin");
      await expect(client.bucket(t.name).object("big.bin").download(dest)).rejects.toMatchObject({ name: "NetworkError" });
      const left = await readdir(dir);
      expect(left).toHaveLength(1);
      expect(left[0]).toMatch(/^big\.bin\..+\.part\.quarry$/);
      await client.bucket(t.name).object("big.bin").download(dest);
      expect((await readFile(dest)).equals(data)).toBe(true);
      expect(await readdir(dir)).toEqual(["big.bin"]);
    } finally {
      client.close();
      await proxy.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("with retries on, a download cut mid-body resumes by itself with a Range request", async () => {
    const proxy = await startCutProxy(target(), { cuts: 2, afterBytes: 2 * MiB });
    const client = clientVia(proxy.endpoint, { retry: { maxAttempts: 4, baseDelayMs: 10 } });
    const dir = await mkdtemp(join(tmpdir(), "quarry-dlres-"));
    try {
      const dest = join(dir, "big.bin");
      let loadedMax = 0;
      const ranges: string[] = [];
      const onStart = (m: unknown) => {
        const req = (m as { request: import("node:http").ClientRequest }).request;
        if (req.method === "GET" && req.path.includes("big.bin")) ranges.push(String(req.getHeader("range") ?? "none"));
      };
      diagnostics.subscribe("http.client.request.start", onStart);
      await client.bucket(t.name).object("big.bin").download(dest, {
        onProgress: (p) => {
          expect(p.loaded).toBeGreaterThanOrEqual(loadedMax);
          loadedMax = p.loaded;
        },
      });
      diagnostics.unsubscribe("http.client.request.start", onStart);
      expect(proxy.cut).toBe(2);
      expect(ranges).toHaveLength(3);
      expect(ranges[0]).toBe("none");
      expect(ranges[1]).toMatch(/^bytes=[1-9]\d*-$/);
      expect(ranges[2]).toMatch(/^bytes=[1-9]\d*-$/);
      expect((await readFile(dest)).equals(data)).toBe(true);
    } finally {
      client.close();
      await proxy.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
