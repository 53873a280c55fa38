/**
 * Issue 11: downloads and uploads through a proxy that resets a seeded share (≥ 30 %) of its
 * connections after 16 KiB – 4 MiB of the request or the response. Every scenario must end
 * with byte-identical data, faults actually injected, and no incomplete upload left.
 */
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NetworkError, S3 } from "../../lib/index.js";
import { startChaosProxy, type ChaosOptions } from "../support/chaos-proxy.js";
import { drain, plainClient, servers, tempBucket } from "./support.js";

const MiB = 1024 * 1024;
const s3 = plainClient();
let t: Awaited<ReturnType<typeof tempBucket>>;
const data = randomBytes(48 * MiB);
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
beforeAll(async () => {
  t = await tempBucket(s3, "chaos");
  await t.bucket.object("big.bin").put(data);
});
afterAll(async () => {
  await t.bucket.uploads().abortAll();
  await t.cleanup();
  s3.close();
});

type Chaos = { proxy: Awaited<ReturnType<typeof startChaosProxy>>; client: S3 };

/** Runs `fn` with a client (default retry budget, short backoff) talking to the server through a chaos proxy. */
async function viaChaos(options: ChaosOptions, fn: (c: Chaos) => Promise<void>): Promise<void> {
  const s = servers().plain;
  const url = new URL(s.endpoint);
  const proxy = await startChaosProxy({ host: url.hostname, port: Number(url.port) }, options);
  const client = new S3({ endpoint: proxy.endpoint, accessKey: s.accessKey, secretKey: s.secretKey, region: s.region, retry: { baseDelayMs: 5 } });
  try {
    await fn({ proxy, client });
  } finally {
    client.close();
    await proxy.close();
  }
}

async function incompleteUploads(key: string) {
  return (await t.bucket.uploads().list()).filter((u) => u.objectName === key);
}

describe("mid-body faults on the data path (chaos proxy, ≥ 30 % of connections reset)", () => {
  it("a 48 MiB get() whose responses are cut mid-body delivers every byte once", async () => {
    await viaChaos({ fraction: 0.5, seed: 15, direction: "response" }, async (c) => {
      const body = await c.client.bucket(t.name).object("big.bin").get();
      const got = await drain(body);
      expect(c.proxy.stats.responseFaults).toBeGreaterThanOrEqual(2);
      expect(got.length).toBe(data.length);
      expect(sha(got)).toBe(sha(data));
    });
  });

  it("a 48 MiB multipart upload whose part requests are reset completes byte-identical, nothing left over", async () => {
    await viaChaos({ fraction: 0.4, seed: 9, direction: "request" }, async (c) => {
      // A stream (not a Buffer): every part is read once into a buffer and retried from it.
      const source = Readable.from((function* () {
        for (let i = 0; i < data.length; i += MiB) yield data.subarray(i, i + MiB);
      })());
      const w = await c.client.bucket(t.name).object("up.bin").put(source, { size: data.length, partSize: 5 * MiB });
      expect(w.etag).toMatch(/-10$/);
      expect(c.proxy.stats.requestFaults).toBeGreaterThanOrEqual(3);
      expect(sha(await drain(await s3.bucket(t.name).object("up.bin").get()))).toBe(sha(data));
      expect(await incompleteUploads("up.bin")).toEqual([]);
    });
  });

  it("a single PUT from a Buffer whose request is reset is retried from the Buffer", async () => {
    await viaChaos({ fraction: 0.5, seed: 8, direction: "request" }, async (c) => {
      const small = data.subarray(0, 12 * MiB);
      await c.client.bucket(t.name).object("single.bin").put(small);
      expect(c.proxy.stats.requestFaults).toBeGreaterThanOrEqual(1);
      expect(sha(await drain(await s3.bucket(t.name).object("single.bin").get()))).toBe(sha(small));
    });
  });

  it("a single PUT from a stream cannot be replayed: a reset fails typed, nothing is stored or left", async () => {
    await viaChaos({ fraction: 1, seed: 1, direction: "request" }, async (c) => {
      const err = await c.client.bucket(t.name).object("stream.bin").put(Readable.from([data.subarray(0, 4 * MiB + 1)]), { size: 4 * MiB + 1 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetworkError);
      expect(c.proxy.stats.requestFaults).toBe(1);
      await expect(s3.bucket(t.name).object("stream.bin").stat()).rejects.toMatchObject({ code: "NoSuchKey" });
      expect(await incompleteUploads("stream.bin")).toEqual([]);
    });
  });
});

describe("multipart requests whose answer is lost after the server acted", () => {
  it("a lost CreateMultipartUpload answer is retried and the upload it created is aborted", async () => {
    // The first Create's response is cut after 20 bytes: the server made an upload we never learn.
    await viaChaos({ fraction: 1, seed: 1, direction: "response", match: /^POST \S*\?uploads[=& ]/m, maxFaults: 1, minBytes: 20, maxBytes: 21 }, async (c) => {
      const small = data.subarray(0, 12 * MiB);
      const w = await c.client.bucket(t.name).object("create-lost.bin").put(small, { partSize: 5 * MiB });
      expect(w.etag).toMatch(/-3$/);
      expect(c.proxy.stats.responseFaults).toBe(1);
      expect(sha(await drain(await s3.bucket(t.name).object("create-lost.bin").get()))).toBe(sha(small));
      expect(await incompleteUploads("create-lost.bin")).toEqual([]);
    });
  });

  it("a lost CompleteMultipartUpload answer: the retry's NoSuchUpload is resolved by the object's multipart ETag", async () => {
    await viaChaos({ fraction: 1, seed: 1, direction: "response", match: /^POST \S*\?uploadId=/m, maxFaults: 1, minBytes: 20, maxBytes: 21 }, async (c) => {
      const small = data.subarray(0, 12 * MiB);
      const w = await c.client.bucket(t.name).object("complete-lost.bin").put(small, { partSize: 5 * MiB });
      expect(c.proxy.stats.responseFaults).toBe(1);
      const stored = await s3.bucket(t.name).object("complete-lost.bin").stat();
      expect(w.etag).toBe(stored.etag);
      expect(w.etag).toMatch(/-3$/);
      expect(sha(await drain(await s3.bucket(t.name).object("complete-lost.bin").get()))).toBe(sha(small));
      expect(await incompleteUploads("complete-lost.bin")).toEqual([]);
    });
  });
});
