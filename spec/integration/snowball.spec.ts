import { randomBytes } from "node:crypto";
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  InvalidArgumentError, Minio, Retention, S3, S3Error, SnowballObject, SseCustomerKey, SseKMS, SseS3, type SnowballItem,
} from "../../lib/index.js";
import { startFaultProxy } from "../support/fault-proxy.js";
import { tlsClient } from "./copy-support.js";
import { drain, plainClient, servers, tempBucket } from "./support.js";

const s3 = plainClient();
const plain = servers().plain;
const minio = new Minio(plain.endpoint, { accessKey: plain.accessKey, secretKey: plain.secretKey });
let t: Awaited<ReturnType<typeof tempBucket>>;
let dir: string;

beforeAll(async () => {
  t = await tempBucket(s3, "snow");
  dir = await mkdtemp(join(tmpdir(), "quarry-snowball-"));
});
afterAll(async () => {
  await t.cleanup();
  await rm(dir, { recursive: true, force: true });
  minio.close();
  s3.close();
});

/** Runs `fn` over `items`, `n` at a time. */
async function eachLimit<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

async function keys(s: S3, bucket: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const o of s.bucket(bucket).objects().prefix(prefix).recursive()) out.push(o.objectName);
  return out.sort();
}

const exists = (p: string) => access(p).then(() => true, () => false);

describe("snowball uploads against MinIO", () => {
  it("2,000 objects (data and files, nested, a >100-byte name, UTF-8) in one streamed archive: listed and read back byte-identical", async () => {
    const expected = new Map<string, Buffer>();
    const objects: SnowballObject[] = [];
    const modTime = new Date("2022-02-02T02:02:02Z");
    for (let i = 0; i < 2000; i++) {
      const body = randomBytes(i % 97 === 0 ? 0 : 1 + ((i * 7919) % 4096));
      let name = `big/d${i % 10}/sub${i % 7}/obj-${i}.bin`;
      if (i === 1) name = `big/${"long-segment-".repeat(10)}/object-with-a-name-over-100-bytes.bin`;
      if (i === 2) name = "big/ünïcödé/日本語のファイル-😀.txt";
      expected.set(name, body);
      if (i % 4 === 0) {
        const file = join(dir, "src", `f${i}.bin`);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, body);
        objects.push(new SnowballObject(name, { filename: file, ...(i === 0 ? { modTime } : {}) }));
      } else if (i % 4 === 1) {
        objects.push(new SnowballObject(name, { data: Readable.from([body.subarray(0, 10), body.subarray(10)]), length: body.length }));
      } else {
        objects.push(new SnowballObject(name, { data: body, ...(i === 2 ? { modTime } : {}) }));
      }
    }
    expect(Buffer.byteLength([...expected.keys()][1]!)).toBeGreaterThan(100);

    const started = Date.now();
    const w = await minio.uploadSnowballObjects(t.name, objects);
    console.log(`[snowball] 2,000 objects in one streamed archive: ${Date.now() - started} ms`);
    expect(w.bucketName).toBe(t.name);
    expect(w.objectName).toMatch(/^snowball\.[0-9a-f]{16}\.tar$/);

    const listed = await keys(s3, t.name, "big/");
    expect(listed).toEqual([...expected.keys()].sort());
    await expect(t.bucket.object(w.objectName).stat()).rejects.toMatchObject({ code: "NoSuchKey" }); // extracted, not stored

    let compared = 0;
    await eachLimit([...expected], 32, async ([name, body]) => {
      const got = await drain(await t.bucket.object(name).get());
      expect(got.equals(body), name).toBe(true);
      compared++;
    });
    expect(compared).toBe(2000);
    // MinIO gives extracted objects the archive's mtime.
    expect((await t.bucket.object("big/d0/sub0/obj-0.bin").stat()).lastModified).toEqual(modTime);
    expect((await t.bucket.object("big/ünïcödé/日本語のファイル-😀.txt").stat()).lastModified).toEqual(modTime);
  });

  it("compression: true gzips the archive (staged in memory) and MinIO extracts it", async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => Buffer.from(`line ${i}\n`.repeat(200 + i)));
    const objects = bodies.map((b, i) => new SnowballObject(`gz/${i}.txt`, { data: b }));
    const plan = t.bucket.explain("putMany", objects, { compression: true, batch: false });
    expect(plan).toMatchObject({ kind: "SnowballUpload", staging: "memory", compression: true });
    const summary = await t.bucket.putMany(objects, { compression: true, batch: false });
    expect(summary.objects).toBe(40);
    expect(summary.archiveBytes).toBeLessThan(summary.bytes / 5); // it really was compressed
    expect(await keys(s3, t.name, "gz/")).toHaveLength(40);
    for (const i of [0, 17, 39]) expect((await drain(await t.bucket.object(`gz/${i}.txt`).get())).equals(bodies[i]!)).toBe(true);
  });

  it("stagingFilename: staged in the file, extracted, and the file removed — also when the upload fails; an existing file is refused untouched", async () => {
    const staging = join(dir, "stage.tar.gz");
    const objects = [new SnowballObject("staged/a.txt", { data: "a" }), new SnowballObject("staged/b.txt", { data: "bb" })];
    await minio.uploadSnowballObjects(t.name, objects, { stagingFilename: staging, compression: true });
    expect(await keys(s3, t.name, "staged/")).toEqual(["staged/a.txt", "staged/b.txt"]);
    expect(await exists(staging)).toBe(false);

    const failed = await minio.uploadSnowballObjects("q-no-such-bucket-snowball", objects, { stagingFilename: staging }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(S3Error);
    expect((failed as S3Error).code).toBe("NoSuchBucket");
    expect(await exists(staging)).toBe(false);

    await writeFile(staging, "precious");
    await expect(minio.uploadSnowballObjects(t.name, objects, { stagingFilename: staging })).rejects.toThrow(InvalidArgumentError);
    expect(await readFile(staging, "utf8")).toBe("precious");
    await rm(staging);
  });

  it("bad input is refused with InvalidArgumentError before any request (nothing listens on the endpoint)", async () => {
    const dead = new Minio("127.0.0.1:1", { secure: false, accessKey: "k", secretKey: "s", retry: { maxAttempts: 1 } });
    const bad: Array<() => unknown> = [
      () => new SnowballObject("a//b", { data: "x" }),
      () => new SnowballObject("/a", { data: "x" }),
      () => new SnowballObject("a/", { data: "x" }),
      () => new SnowballObject("a/../b", { data: "x" }),
      () => new SnowballObject("", { data: "x" }),
      () => new SnowballObject("a", { data: "x", filename: "/etc/hosts" }),
      () => new SnowballObject("a", {}),
      () => new SnowballObject("a", { data: Readable.from([Buffer.from("x")]) }),
      () => new SnowballObject("a", { data: "xyz", length: 2 }),
      () => new SnowballObject("a", { data: "x", modTime: new Date(Number.NaN) }),
    ];
    for (const make of bad) expect(make).toThrow(InvalidArgumentError);
    const ok = [new SnowballObject("a", { data: "x" })];
    const refusals = [
      () => dead.uploadSnowballObjects(t.name, ok, { sse: new SseKMS("my-key") }),
      () => dead.uploadSnowballObjects(t.name, [...ok, new SnowballObject("a", { data: "y" })]),
      () => dead.uploadSnowballObjects(t.name, [new SnowballObject("f", { filename: join(dir, "missing") })]),
      () => dead.uploadSnowballObjects(t.name, [new SnowballObject("f", { filename: dir })]),
      () => dead.uploadSnowballObjects(t.name, [new SnowballObject("f", { filename: "/etc/hostname", length: 1e9 })]),
      () => dead.uploadSnowballObjects(t.name, ok, { stagingFilename: "" }),
      () => dead.uploadSnowballObjects("x", ok),
      () => dead.s3.bucket(t.name).putMany([{ name: "x" } as unknown as SnowballItem]),
      () => dead.s3.bucket(t.name).putMany(ok, { batch: { maxObjects: 0 } }),
      () => dead.s3.bucket(t.name).putMany(ok, { parallel: 4, stagingFilename: join(dir, "s") }),
    ];
    for (const [i, call] of refusals.entries()) expect(await call().then(() => i, (e: unknown) => (e instanceof InvalidArgumentError ? -1 : `${i}: ${String(e)}`))).toBe(-1);
    // An async source is checked as it is read, still before its archive is sent.
    async function* dupes() {
      yield new SnowballObject("d", { data: "1" });
      yield { name: "d", data: "2" };
    }
    await expect(dead.s3.bucket(t.name).putMany(dupes())).rejects.toThrow(/appears twice/);
    dead.close();
  });

  it("a data stream that ends short fails the upload with its error (not a hang), and an abort signal stops it", async () => {
    const short = [new SnowballObject("broken/a", { data: "fine" }), new SnowballObject("broken/b", { data: Readable.from([Buffer.alloc(10)]), length: 5000 })];
    const err = await t.bucket.putMany(short).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(String(err)).toMatch(/"broken\/b" ended after 10 of its 5000 bytes/);

    const controller = new AbortController();
    async function* slow() {
      yield Buffer.alloc(100);
      controller.abort(new Error("stop here"));
      await new Promise((r) => setTimeout(r, 60_000));
    }
    const started = Date.now();
    const aborted = await t.bucket.putMany([new SnowballObject("broken/slow", { data: slow(), length: 1000 })], { signal: controller.signal }).catch((e: unknown) => e);
    expect(String(aborted)).toMatch(/stop here|abort/i);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("an archive of in-memory data goes as one buffer, so a reset connection is retried; a streamed one is sent once", async () => {
    const url = new URL(plain.endpoint);
    const proxy = await startFaultProxy({ host: url.hostname, port: Number(url.port) }, ["reset"]);
    const client = new S3({ endpoint: proxy.endpoint, accessKey: plain.accessKey, secretKey: plain.secretKey, region: "us-east-1", retry: { baseDelayMs: 5 } });
    try {
      const summary = await client.bucket(t.name).putMany([{ name: "retried/a", data: "a" }, { name: "retried/b", data: Buffer.from("b") }]);
      expect(summary.objects).toBe(2);
      expect(proxy.requests).toBe(2);
      expect(await keys(s3, t.name, "retried/")).toEqual(["retried/a", "retried/b"]);
    } finally {
      client.close();
      await proxy.close();
    }
    const proxy2 = await startFaultProxy({ host: url.hostname, port: Number(url.port) }, ["reset"]);
    const client2 = new S3({ endpoint: proxy2.endpoint, accessKey: plain.accessKey, secretKey: plain.secretKey, region: "us-east-1", retry: { baseDelayMs: 5 } });
    try {
      const streamed = [new SnowballObject("once/a", { data: Readable.from([Buffer.from("a")]), length: 1 })];
      await expect(client2.bucket(t.name).putMany(streamed)).rejects.toMatchObject({ name: "NetworkError" });
      expect(proxy2.requests).toBe(1);
    } finally {
      client2.close();
      await proxy2.close();
    }
  });

  it("metadata, content type and tags reach every extracted object (as PAX records); SSE-S3 encrypts them", async () => {
    const objects = [
      new SnowballObject("meta/plain.txt", { data: "p" }),
      new SnowballObject(`meta/${"x".repeat(120)}.txt`, { data: "long name, PAX path too" }),
    ];
    await t.bucket.putMany(objects, {
      metadata: { owner: "quarry", "Cache-Control": "max-age=5" }, contentType: "text/plain", tags: { team: "storage" }, sse: new SseS3(),
    });
    for (const o of objects) {
      const info = await t.bucket.object(o.objectName).stat();
      expect(info.metadata?.["x-amz-meta-owner"]).toBe("quarry");
      expect(info.metadata?.["cache-control"]).toBe("max-age=5");
      expect(info.contentType).toBe("text/plain");
      expect(info.metadata?.["x-amz-server-side-encryption"]).toBe("AES256");
      expect([...(await t.bucket.object(o.objectName).tags().get())!]).toEqual([["team", "storage"]]);
    }
  });

  it("putMany streams an async source in bounded batches and reports a summary", async () => {
    let pulled = 0;
    async function* source() {
      for (let i = 0; i < 250; i++) {
        pulled++;
        yield i % 2 === 0 ? { name: `many/${i}`, data: Buffer.from(`#${i}`) } : new SnowballObject(`many/${i}`, { data: `#${i}` });
      }
    }
    const summary = await t.bucket.putMany(source(), { batch: { maxObjects: 100 } });
    expect(pulled).toBe(250);
    expect(summary).toMatchObject({ objects: 250, batches: 3 });
    expect(summary.bytes).toBe(Array.from({ length: 250 }, (_, i) => `#${i}`.length).reduce((a, b) => a + b));
    expect(summary.results.map((r) => r.objectName)).toEqual([1, 2, 3].map((n) => expect.stringMatching(new RegExp(`\\.tar\\.${n}$`))));
    expect(await keys(s3, t.name, "many/")).toHaveLength(250);
    expect((await drain(await t.bucket.object("many/249").get())).toString()).toBe("#249");

    // A long source is not read to its end before the first archive goes: by the time the
    // generator reaches item 200, the archive of items 0..49 has been extracted.
    let seenFirst = false;
    async function* lazy() {
      for (let i = 0; i < 220; i++) {
        if (i === 200) seenFirst = (await t.bucket.object("lazy/0").stat()).size === 2;
        yield { name: `lazy/${i}`, data: `L${i % 10}` };
      }
    }
    expect((await t.bucket.putMany(lazy(), { batch: { maxObjects: 50 }, parallel: 1 })).batches).toBe(5);
    expect(seenFirst).toBe(true);

    const bySize = await t.bucket.putMany(
      Array.from({ length: 6 }, (_, i) => new SnowballObject(`sized/${i}`, { data: randomBytes(3000) })),
      { batch: { maxBytes: 8 * 1024 } },
    );
    expect(bySize.batches).toBe(3); // 2 entries of 3.5 KiB fit under 8 KiB with the end blocks
    expect(await keys(s3, t.name, "sized/")).toHaveLength(6);
  });

  it("legal hold and retention apply to every extracted object (object-lock bucket)", async () => {
    const lock = await tempBucket(s3, "snowlock", { objectLock: true });
    try {
      const until = new Date(Date.now() + 60_000);
      await minio.uploadSnowballObjects(lock.name, [new SnowballObject("l/a", { data: "a" }), new SnowballObject("l/b", { data: "b" })], {
        legalHold: true, retention: new Retention("GOVERNANCE", until),
      });
      for (const k of ["l/a", "l/b"]) {
        expect(await lock.bucket.object(k).legalHold().get()).toBe(true);
        const r = await lock.bucket.object(k).retention().get();
        expect(r?.mode).toBe("GOVERNANCE");
        await lock.bucket.object(k).legalHold().set(false);
      }
    } finally {
      await lock.cleanup();
    }
  });
});

describe("snowball with SSE-C (TLS server)", () => {
  const tls = tlsClient();
  afterAll(() => tls.close());

  it("every extracted object is encrypted with the customer key", async () => {
    const e = await tempBucket(tls, "snowssec");
    try {
      const key = new SseCustomerKey(randomBytes(32));
      const bodies = [randomBytes(100), randomBytes(5000)];
      // The second name needs a PAX header, which MinIO reads by another path: both must be encrypted.
      const names = ["c/0", `c/${"é".repeat(80)}`];
      await e.bucket.putMany(bodies.map((data, i) => ({ name: names[i]!, data })), { sse: key });
      for (const [i, body] of bodies.entries()) {
        await expect(e.bucket.object(names[i]!).stat()).rejects.toBeInstanceOf(S3Error); // needs the key
        expect((await e.bucket.object(names[i]!).stat({ ssec: key })).metadata?.["x-amz-server-side-encryption-customer-algorithm"]).toBe("AES256");
        expect((await drain(await e.bucket.object(names[i]!).get({ ssec: key }))).equals(body)).toBe(true);
      }
    } finally {
      await e.cleanup();
    }
  });
});
