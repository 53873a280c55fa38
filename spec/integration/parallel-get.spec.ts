import { createHash, randomBytes } from "node:crypto";
import diagnostics from "node:diagnostics_channel";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import type { ClientRequest, IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Minio, ObjectChangedError, S3, S3Error, SseCustomerKey, VersioningConfig } from "../../lib/index.js";
import { tlsClient } from "./copy-support.js";
import { startCutProxy } from "../support/cut-proxy.js";
import { drain, plainClient, servers, tempBucket, viaFaultProxy } from "./support.js";

const MiB = 1024 * 1024;
const SIZE = 48 * MiB;

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** Every object GET this process sends while `watch` is on: its Range header (or "" for none). */
class GetLog {
  readonly requests: ClientRequest[] = [];
  readonly #on = (m: unknown) => {
    const req = (m as { request: ClientRequest }).request;
    if (req.method === "GET" && req.path.includes("/obj")) this.requests.push(req);
  };
  constructor() {
    diagnostics.subscribe("http.client.request.start", this.#on);
  }
  get ranges(): string[] {
    return this.requests.map((r) => String(r.getHeader("range") ?? ""));
  }
  stop(): void {
    diagnostics.unsubscribe("http.client.request.start", this.#on);
  }
}

async function watching<T>(run: (log: GetLog) => Promise<T>): Promise<{ value: T; log: GetLog }> {
  const log = new GetLog();
  try {
    return { value: await run(log), log };
  } finally {
    log.stop();
  }
}

function clientVia(endpoint: string): S3 {
  const s = servers().plain;
  return new S3({ endpoint, accessKey: s.accessKey, secretKey: s.secretKey, region: s.region, retry: { baseDelayMs: 5 } });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("parallel ranged GET", () => {
  const s3 = plainClient();
  let ctx: Awaited<ReturnType<typeof tempBucket>>;
  let dir: string;
  const data = randomBytes(SIZE);
  const digest = sha(data);

  beforeAll(async () => {
    ctx = await tempBucket(s3, "pget");
    dir = await mkdtemp(join(tmpdir(), "quarry-pget-"));
    await ctx.bucket.object("obj/big").put(data);
  });
  afterAll(async () => {
    await ctx.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  for (const partSize of [1 * MiB, 5 * MiB, 8 * MiB, 7 * MiB + 3]) {
    it(`get({ parallel: 8, partSize: ${partSize} }) delivers the 48 MiB object in order, ${Math.ceil(SIZE / partSize)} ranges`, async () => {
      const { value: body, log } = await watching(async () => {
        const stream = await ctx.bucket.object("obj/big").get({ parallel: 8, partSize });
        expect(stream.headers["content-length"]).toBe(String(SIZE));
        expect(stream.headers["content-range"]).toBeUndefined();
        return drain(stream);
      });
      expect(body.length).toBe(SIZE);
      expect(sha(body)).toBe(digest);
      expect(log.ranges).toHaveLength(Math.ceil(SIZE / partSize));
      expect(log.ranges[0]).toBe(`bytes=0-${partSize - 1}`);
      // Every range after the first is pinned to the first response's ETag.
      expect(log.requests.slice(1).every((r) => r.getHeader("if-match") !== undefined)).toBe(true);
    });
  }

  for (const partSize of [3 * MiB, 7 * MiB + 3]) {
    it(`download({ parallel: 8, partSize: ${partSize} }) writes ranges at their offsets; the file is identical, no temp file left`, async () => {
      const file = join(dir, `big-${partSize}.bin`);
      const { value: info, log } = await watching(() => ctx.bucket.object("obj/big").download(file, { parallel: 8, partSize }));
      expect(info.size).toBe(SIZE);
      expect(sha(await readFile(file))).toBe(digest);
      expect(log.ranges).toHaveLength(Math.ceil(SIZE / partSize));
      expect((await readdir(dir)).filter((f) => f.includes(".part.quarry"))).toEqual([]);
    });
  }

  it("the facade's getObject and fgetObject take parallel/partSize", async () => {
    const s = servers().plain;
    const minio = new Minio(s.endpoint, { accessKey: s.accessKey, secretKey: s.secretKey });
    const { value: body, log } = await watching(async () => drain(await minio.getObject(ctx.name, "obj/big", { parallel: 4, partSize: 16 * MiB })));
    expect(sha(body)).toBe(digest);
    expect(log.ranges).toEqual([`bytes=0-${16 * MiB - 1}`, `bytes=${16 * MiB}-${32 * MiB - 1}`, `bytes=${32 * MiB}-${48 * MiB - 1}`]);
    const file = join(dir, "facade.bin");
    await minio.fgetObject(ctx.name, "obj/big", file, { parallel: 4, partSize: 16 * MiB });
    expect(sha(await readFile(file))).toBe(digest);
  });

  it("a ranged get parallelises within the range (and clips a length past the end)", async () => {
    const offset = 1_000_003;
    const length = 20 * MiB + 5;
    const { value: stream, log } = await watching(async () => {
      const s = await ctx.bucket.object("obj/big").get({ offset, length, parallel: 4, partSize: MiB });
      return { headers: s.headers, body: await drain(s) };
    });
    expect(stream.body.equals(data.subarray(offset, offset + length))).toBe(true);
    expect(stream.headers["content-range"]).toBe(`bytes ${offset}-${offset + length - 1}/${SIZE}`);
    expect(log.ranges).toHaveLength(21);
    expect(log.ranges.at(-1)).toBe(`bytes=${offset + 20 * MiB}-${offset + length - 1}`);

    const tail = await drain(await ctx.bucket.object("obj/big").get({ offset: SIZE - 3 * MiB - 1, length: 10 * MiB, parallel: 4, partSize: MiB }));
    expect(tail.equals(data.subarray(SIZE - 3 * MiB - 1))).toBe(true);
  });

  it("an object of at most one part takes one request; an empty one still reads", async () => {
    await ctx.bucket.object("obj/small").put(data.subarray(0, 3 * MiB));
    const { value: body, log } = await watching(async () => drain(await ctx.bucket.object("obj/small").get({ parallel: 8 })));
    expect(body.equals(data.subarray(0, 3 * MiB))).toBe(true);
    expect(log.ranges).toEqual([`bytes=0-${8 * MiB - 1}`]);

    await ctx.bucket.object("obj/empty").put(Buffer.alloc(0));
    expect((await drain(await ctx.bucket.object("obj/empty").get({ parallel: 8 }))).length).toBe(0);
    const file = join(dir, "small.bin");
    const { log: dlog } = await watching(() => ctx.bucket.object("obj/small").download(file, { parallel: 8 }));
    expect(dlog.ranges).toEqual([""]); // the stat gave the size: one plain GET
    expect((await readFile(file)).equals(data.subarray(0, 3 * MiB))).toBe(true);
  });

  it("get(): an object overwritten mid-read fails with ObjectChangedError, never mixed bytes", async () => {
    const o = ctx.bucket.object("obj/changing");
    await o.put(data.subarray(0, 16 * MiB));
    const stream = await o.get({ parallel: 2, partSize: MiB });
    await o.put(randomBytes(16 * MiB)); // parts 3.. are requested after this
    const got: Buffer[] = [];
    const err = await (async () => {
      for await (const c of stream) got.push(c as Buffer);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ObjectChangedError);
    const delivered = Buffer.concat(got);
    expect(delivered.length).toBeLessThan(16 * MiB);
    expect(delivered.equals(data.subarray(0, delivered.length))).toBe(true);
  });

  it("download(): an object overwritten mid-download never yields mixed bytes: one whole version, no temp file left", async () => {
    const o = ctx.bucket.object("obj/changing-dl");
    await o.put(data.subarray(0, 24 * MiB));
    const next = randomBytes(24 * MiB);
    let put: Promise<unknown> | undefined;
    const file = join(dir, "changing.bin");
    const { log } = await watching(() => o.download(file, {
      parallel: 2, partSize: MiB,
      onProgress: (p) => {
        if (p.loaded >= 4 * MiB) put ??= o.put(next);
      },
    }));
    await put;
    // Usually the new version (the ranges after the put fail 412 and the download restarts);
    // the old one whole if every range was answered before the put landed — never a mix.
    expect([sha(next), sha(data.subarray(0, 24 * MiB))]).toContain(sha(await readFile(file)));
    expect(log.requests.some((r) => r.getHeader("if-match") !== undefined)).toBe(true);
    expect((await readdir(dir)).filter((f) => f.startsWith("changing.bin."))).toEqual([]);
  });

  it("download(): a range asked after an overwrite fails 412, the download restarts and delivers the new version whole", async () => {
    const o = ctx.bucket.object("obj/restart");
    await o.put(data.subarray(0, 4 * MiB));
    const next = randomBytes(4 * MiB);
    // HEAD and the first range pass; the second range stalls until the transport's timeout, by
    // which time the object was overwritten: its retry is answered 412.
    const { proxy, client } = await viaFaultProxy(["pass", "pass", "stall"], { transport: { timeoutMs: 1500 } });
    try {
      const file = join(dir, "restart.bin");
      const done = client.bucket(ctx.name).object("obj/restart").download(file, { parallel: 2, partSize: MiB });
      while (proxy.requests < 3) await sleep(10);
      await o.put(next);
      const info = await done;
      expect(sha(await readFile(file))).toBe(sha(next));
      expect(info.etag).toBe((await o.stat()).etag);
      expect((await readdir(dir)).filter((f) => f.startsWith("restart.bin."))).toEqual([]);
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it("a range whose connection is cut resumes from the byte it reached (get and download)", async () => {
    const s = servers().plain;
    const url = new URL(s.endpoint);
    // The first 3 connections (the first ranges) die 1.5 MiB into their 2 MiB ranges.
    const proxy = await startCutProxy({ host: url.hostname, port: Number(url.port) }, { cuts: 3, afterBytes: 1.5 * MiB });
    try {
      const client = clientVia(proxy.endpoint);
      const { value: body, log } = await watching(async () => drain(await client.bucket(ctx.name).object("obj/big").get({ parallel: 4, partSize: 2 * MiB })));
      expect(proxy.cut).toBe(3);
      expect(sha(body)).toBe(digest);
      // 24 ranges plus a continuation per cut, starting mid-range.
      expect(log.ranges).toHaveLength(27);
      expect(log.ranges.filter((r) => !/^bytes=\d+-/.test(r) || Number(/=(\d+)/.exec(r)![1]) % (2 * MiB) !== 0)).toHaveLength(3);
    } finally {
      await proxy.close();
    }
    const proxy2 = await startCutProxy({ host: url.hostname, port: Number(url.port) }, { cuts: 2, afterBytes: 1.5 * MiB });
    try {
      const file = join(dir, "cut.bin");
      await clientVia(proxy2.endpoint).bucket(ctx.name).object("obj/big").download(file, { parallel: 4, partSize: 2 * MiB });
      expect(proxy2.cut).toBe(2);
      expect(sha(await readFile(file))).toBe(digest);
    } finally {
      await proxy2.close();
    }
  });

  it("abort mid-read stops every range: no request after it, none left open", async () => {
    const ac = new AbortController();
    const log = new GetLog();
    try {
      const stream = await ctx.bucket.object("obj/big").get({ parallel: 4, partSize: MiB, signal: ac.signal });
      let read = 0;
      const err = await (async () => {
        for await (const c of stream) {
          read += (c as Buffer).length;
          if (read >= 3 * MiB) ac.abort();
        }
      })().catch((e: unknown) => e);
      expect((err as Error).name).toBe("AbortError");
      const sent = log.requests.length;
      expect(sent).toBeGreaterThanOrEqual(4);
      expect(sent).toBeLessThan(48);
      await sleep(300);
      expect(log.requests.length).toBe(sent);
      expect(log.requests.every((r) => r.destroyed || (r as ClientRequest & { res?: IncomingMessage }).res?.complete === true)).toBe(true);
    } finally {
      log.stop();
    }
  });

  it("download: abort keeps only the gapless prefix; the next download resumes it", async () => {
    const ac = new AbortController();
    const file = join(dir, "aborted.bin");
    const err = await ctx.bucket.object("obj/big").download(file, {
      parallel: 4, partSize: MiB, signal: ac.signal,
      onProgress: (p) => p.loaded >= 10 * MiB && ac.abort(),
    }).catch((e: unknown) => e);
    expect((err as Error).name).toBe("AbortError");
    await expect(stat(file)).rejects.toThrow();
    const [tmp] = (await readdir(dir)).filter((f) => f.startsWith("aborted.bin.") && f.endsWith(".part.quarry"));
    const kept = await readFile(join(dir, tmp!));
    expect(kept.length).toBeLessThan(SIZE);
    expect(kept.equals(data.subarray(0, kept.length))).toBe(true);
    const { log } = await watching(() => ctx.bucket.object("obj/big").download(file, { parallel: 4, partSize: MiB }));
    expect(sha(await readFile(file))).toBe(digest);
    expect(log.ranges[0]).toBe(`bytes=${kept.length}-${kept.length + MiB - 1}`);
  });

  it("a paused consumer stops new range requests: at most parallel + 1 parts held", async () => {
    const { value: body, log } = await watching(async (log) => {
      const stream = await ctx.bucket.object("obj/big").get({ parallel: 4, partSize: MiB });
      // Nobody reads: 4 ranges download, a 5th starts when one is done, then nothing more.
      for (let waited = 0; log.ranges.length < 5 && waited < 10_000; waited += 20) await sleep(20);
      await sleep(400);
      expect(log.ranges).toHaveLength(5);
      return drain(stream);
    });
    expect(sha(body)).toBe(digest);
    expect(log.ranges).toHaveLength(48);
  });
});

describe("parallel ranged GET: versions and SSE-C", () => {
  const s3 = plainClient();
  const tls = tlsClient();
  let v: Awaited<ReturnType<typeof tempBucket>>;
  let e: Awaited<ReturnType<typeof tempBucket>>;
  let dir: string;
  const one = randomBytes(6 * MiB + 7);
  const two = randomBytes(6 * MiB + 7);

  beforeAll(async () => {
    v = await tempBucket(s3, "pgetver");
    await v.bucket.versioning().set(new VersioningConfig(VersioningConfig.ENABLED));
    e = await tempBucket(tls, "pgetssec");
    dir = await mkdtemp(join(tmpdir(), "quarry-pget-v-"));
  });
  afterAll(async () => {
    await v?.cleanup();
    await e?.cleanup();
    tls.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("every range asks for the version: a version ref reads that version; a plain ref stays on the version it started with", async () => {
    const o = v.bucket.object("obj/v");
    const first = await o.put(one);
    await o.put(two);
    const { value: body, log } = await watching(async () => drain(await o.version(first.versionId!).get({ parallel: 4, partSize: MiB })));
    expect(body.equals(one)).toBe(true);
    expect(log.requests).toHaveLength(7);
    expect(log.requests.every((r) => r.path.includes(`versionId=${first.versionId}`))).toBe(true);

    // Overwritten after the first range: the rest is pinned to the first response's version id.
    const stream = await o.get({ parallel: 2, partSize: MiB });
    await o.put(randomBytes(6 * MiB));
    expect((await drain(stream)).equals(two)).toBe(true);

    const file = join(dir, "v1.bin");
    await o.version(first.versionId!).download(file, { parallel: 4, partSize: MiB });
    expect((await readFile(file)).equals(one)).toBe(true);
  });

  it("SSE-C objects: the customer key goes with every range (get and download)", async () => {
    const key = new SseCustomerKey(randomBytes(32));
    const o = e.bucket.object("obj/enc");
    await o.put(one, { sse: key });
    expect((await drain(await o.get({ parallel: 4, partSize: MiB, ssec: key }))).equals(one)).toBe(true);
    const file = join(dir, "enc.bin");
    await o.download(file, { parallel: 4, partSize: MiB, ssec: key });
    expect((await readFile(file)).equals(one)).toBe(true);
    await expect(o.get({ parallel: 4, partSize: MiB })).rejects.toBeInstanceOf(S3Error);
  });
});
