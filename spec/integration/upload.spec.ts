import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { CreateMultipartUploadCommand, ListMultipartUploadsCommand, S3Client } from "@aws-sdk/client-s3";
import { firstValueFrom, toArray } from "rxjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, Retention, S3, SseCustomerKey, SseKMS, SseS3, type Progress } from "../../lib/index.js";
import { drain, plainClient, servers, tempBucket } from "./support.js";

const MiB = 1024 ** 2;

/** Deterministic data of `size` bytes in 1 MiB chunks (each stamped with its index), and its SHA-256. */
function generated(size: number, block = randomBytes(MiB)): { body: () => AsyncGenerator<Buffer>; sha256: string } {
  const chunk = (i: number, n: number) => {
    const c = Buffer.from(block.subarray(0, n));
    if (n >= 8) c.writeBigUInt64LE(BigInt(i), 0);
    return c;
  };
  const hash = createHash("sha256");
  for (let off = 0, i = 0; off < size; off += MiB, i++) hash.update(chunk(i, Math.min(MiB, size - off)));
  return {
    sha256: hash.digest("hex"),
    body: async function* () {
      for (let off = 0, i = 0; off < size; off += MiB, i++) yield chunk(i, Math.min(MiB, size - off));
    },
  };
}

async function sha256Of(stream: AsyncIterable<Buffer>): Promise<string> {
  const h = createHash("sha256");
  for await (const c of stream) h.update(c);
  return h.digest("hex");
}

function awsClient(): S3Client {
  const p = servers().plain;
  return new S3Client({ endpoint: p.endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: p.accessKey, secretAccessKey: p.secretKey } });
}

describe("uploads against MinIO", () => {
  const s3 = plainClient();
  const aws = awsClient();
  let t: Awaited<ReturnType<typeof tempBucket>>;
  const incomplete = async () => (await aws.send(new ListMultipartUploadsCommand({ Bucket: t.name }))).Uploads ?? [];

  beforeAll(async () => {
    t = await tempBucket(s3, "upload");
  });
  afterAll(async () => {
    await t.cleanup();
    aws.destroy();
    s3.close();
  });

  it("200 MiB multipart with parallel parts: byte-exact, progress within parts, total only after success", async () => {
    const size = 200 * MiB;
    const g = generated(size);
    const seen: Progress[] = [];
    const o = t.bucket.object("big/200.bin");
    const started = Date.now();
    const w = await o.put(g.body(), { size, partSize: 16 * MiB, parallel: 4, onProgress: (p) => seen.push(p) });
    const secs = (Date.now() - started) / 1000;
    console.log(`[upload] 200 MiB multipart put: ${(200 / secs).toFixed(0)} MiB/s`);
    expect(w.etag).toMatch(/^[0-9a-f]{32}-13$/);
    expect(await sha256Of(await o.get())).toBe(g.sha256);
    expect(seen.every((p, i) => p.total === size && (i === 0 || p.loaded > seen[i - 1]!.loaded))).toBe(true);
    expect(seen.at(-1)).toEqual({ loaded: size, total: size });
    expect(seen.filter((p) => p.loaded === size)).toHaveLength(1);
    expect(seen.length).toBeGreaterThan(100); // 1 MiB steps, not 13 part-sized jumps
    expect(seen.some((p) => p.loaded > 0 && p.loaded < 16 * MiB)).toBe(true);
  });

  it("a stream of unknown length streams part by part (total null) and round-trips", async () => {
    const g = generated(23 * MiB + 7);
    const seen: Progress[] = [];
    const o = t.bucket.object("unknown.bin");
    const w = await o.put(Readable.from(g.body()), { partSize: 5 * MiB, onProgress: (p) => seen.push(p) });
    expect(w.etag).toMatch(/-5$/);
    expect(await sha256Of(await o.get())).toBe(g.sha256);
    expect(seen.every((p) => p.total === null)).toBe(true);
    expect(seen.at(-1)).toEqual({ loaded: 23 * MiB + 7, total: null });
    // A short stream of unknown size becomes one PUT.
    const small = await t.bucket.object("unknown-small.txt").put(Readable.from([Buffer.from("hi "), Buffer.from("there")]), { size: -1 });
    expect(small.etag).toBe(createHash("md5").update("hi there").digest("hex"));
    const empty = await t.bucket.object("unknown-empty").put((async function* () {})());
    expect((await t.bucket.object("unknown-empty").stat()).size).toBe(0);
    expect(empty.etag).toBe("d41d8cd98f00b204e9800998ecf8427e");
  });

  it("every body kind, single and multipart", async () => {
    const data = randomBytes(11 * MiB + 3);
    const md5 = createHash("md5").update(data).digest("hex");
    const chunks = () => [data.subarray(0, 3 * MiB), data.subarray(3 * MiB, 8 * MiB), data.subarray(8 * MiB)];
    const kinds: Record<string, () => Parameters<typeof t.bucket.object>[0] extends string ? unknown : never> = {
      buffer: () => data,
      uint8array: () => new Uint8Array(data.buffer, data.byteOffset, data.length),
      readable: () => Readable.from(chunks()),
      webstream: () => new ReadableStream<Uint8Array>({ start(c) { for (const x of chunks()) c.enqueue(new Uint8Array(x)); c.close(); } }),
      blob: () => new Blob(chunks()),
      asyncIterable: () => (async function* () { yield* chunks(); })(),
    };
    for (const [name, make] of Object.entries(kinds)) {
      for (const partSize of [5 * MiB, 16 * MiB]) {
        const o = t.bucket.object(`kinds/${name}-${partSize}`);
        const sized = name === "readable" || name === "webstream" || name === "asyncIterable" ? { size: data.length } : {};
        const w = await o.put(make() as never, { partSize, ...sized });
        expect(w.etag, `${name} ${partSize}`).toMatch(partSize === 16 * MiB ? new RegExp(`^${md5}$`) : /-3$/);
        expect((await drain(await o.get())).equals(data), name).toBe(true);
      }
    }
    await t.bucket.object("kinds/string").put("héllo");
    expect((await drain(await t.bucket.object("kinds/string").get())).toString()).toBe("héllo");
  });

  it("an abort after the first part rejects and leaves no incomplete upload", async () => {
    const ac = new AbortController();
    const o = t.bucket.object("aborted.bin");
    const err = await o.put(Readable.from(generated(64 * MiB).body()), {
      partSize: 5 * MiB, parallel: 2, signal: ac.signal, onProgress: (p) => { if (p.loaded > 6 * MiB) ac.abort(); },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "AbortError" });
    expect(await incomplete()).toEqual([]);
    await expect(o.stat()).rejects.toMatchObject({ code: "NoSuchKey" });
  });

  it("a source error after 12 MiB rejects with it and aborts the upload", async () => {
    const boom = new Error("source failed");
    const body = (async function* () {
      const block = randomBytes(MiB);
      for (let i = 0; i < 12; i++) yield block;
      throw boom;
    })();
    const o = t.bucket.object("source-error.bin");
    await expect(o.put(body, { partSize: 5 * MiB })).rejects.toBe(boom);
    expect(await incomplete()).toEqual([]);
    await expect(o.stat()).rejects.toMatchObject({ code: "NoSuchKey" });
    // A stream shorter than its declared size fails the same way.
    await expect(o.put(Readable.from(generated(12 * MiB).body()), { size: 20 * MiB, partSize: 5 * MiB })).rejects.toThrow(/ended after 12582912 bytes/);
    expect(await incomplete()).toEqual([]);
  });

  it("memory of a 512 MiB upload of unknown size stays within parts in flight × part size", async () => {
    const block = randomBytes(MiB);
    let sent = 0;
    const body = (async function* () {
      for (let i = 0; i < 512; i++) {
        sent += MiB;
        yield block;
      }
    })();
    global.gc?.();
    const base = process.memoryUsage();
    let peakRss = 0;
    let peakAb = 0;
    const sample = () => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss - base.rss);
      peakAb = Math.max(peakAb, m.arrayBuffers - base.arrayBuffers);
    };
    const timer = setInterval(sample, 20);
    const started = Date.now();
    try {
      await t.bucket.object("mem.bin").put(body, { partSize: 16 * MiB, parallel: 3, onProgress: sample });
    } finally {
      clearInterval(timer);
    }
    console.log(`[upload] 512 MiB unknown-size put: ${(512 / ((Date.now() - started) / 1000)).toFixed(0)} MiB/s; peak growth rss ${(peakRss / MiB).toFixed(0)} MiB, arrayBuffers ${(peakAb / MiB).toFixed(0)} MiB`);
    expect(sent).toBe(512 * MiB);
    expect((await t.bucket.object("mem.bin").stat()).size).toBe(512 * MiB);
    const bound = (3 + 1) * 16 * MiB + 48 * MiB;
    expect(peakAb).toBeLessThan(bound);
    expect(peakRss).toBeLessThan(bound + 64 * MiB);
  });

  it("content type, metadata, tags, SSE-S3 and SSE-KMS on single and multipart", async () => {
    const kms = servers().plain.kmsKeyName;
    for (const [name, body] of [["single", randomBytes(1000)], ["multi", randomBytes(11 * MiB)]] as const) {
      for (const sse of [new SseS3(), new SseKMS(kms)]) {
        const o = t.bucket.object(`meta/${name}-${sse.toJSON().type}`);
        await o.put(body, { contentType: "text/x-test", metadata: { owner: "quarry" }, tags: { project: "q", "a b": "c d/e+f" }, sse, partSize: 5 * MiB });
        const info = await o.stat();
        expect(info.contentType).toBe("text/x-test");
        expect(info.metadata?.["x-amz-meta-owner"]).toBe("quarry");
        expect(info.metadata?.["x-amz-server-side-encryption"]).toBe(sse instanceof SseS3 ? "AES256" : "aws:kms");
        expect(Object.fromEntries((await o.tags().get())!)).toEqual({ project: "q", "a b": "c d/e+f" });
        expect((await drain(await o.get())).equals(body)).toBe(true);
      }
    }
  });

  it("retention and legal hold on single and multipart", async () => {
    const lock = await tempBucket(s3, "uplock", { objectLock: true });
    try {
      const until = new Date(Date.now() + 3_600_000);
      until.setMilliseconds(0);
      for (const [name, body] of [["single", Buffer.from("locked")], ["multi", randomBytes(11 * MiB)]] as const) {
        const o = lock.bucket.object(name);
        const w = await o.put(body, { retention: new Retention("GOVERNANCE", until), legalHold: true, partSize: 5 * MiB });
        const v = lock.bucket.object(name).version(w.versionId!);
        expect(await v.legalHold().get()).toBe(true);
        const r = await v.retention().get();
        expect(r).toMatchObject({ mode: "GOVERNANCE" });
        expect((r as Retention).retainUntilDate.getTime()).toBe(until.getTime());
        await v.legalHold().set(false);
      }
    } finally {
      await lock.cleanup();
    }
  });

  it("fput: content type from the extension, single and multipart", async () => {
    const dir = await mkdtemp(join(tmpdir(), "quarry-fput-"));
    try {
      await writeFile(join(dir, "doc.json"), '{"a":1}');
      const small = await t.bucket.object("files/doc.json").upload(join(dir, "doc.json"));
      expect(small.etag).toBe(createHash("md5").update('{"a":1}').digest("hex"));
      expect((await t.bucket.object("files/doc.json").stat()).contentType).toBe("application/json");
      const data = randomBytes(12 * MiB + 5);
      await writeFile(join(dir, "pic.PNG"), data);
      const seen: Progress[] = [];
      const big = await t.bucket.object("files/pic.png").upload(join(dir, "pic.PNG"), { partSize: 5 * MiB, onProgress: (p) => seen.push(p) });
      expect(big.etag).toMatch(/-3$/);
      expect(seen.at(-1)).toEqual({ loaded: data.length, total: data.length });
      const info = await t.bucket.object("files/pic.png").stat();
      expect(info.contentType).toBe("image/png");
      expect((await drain(await t.bucket.object("files/pic.png").get())).equals(data)).toBe(true);
      await expect(t.bucket.object("files/none").upload(join(dir, "missing.bin"))).rejects.toMatchObject({ code: "ENOENT" });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("put$: progress events then the result; unsubscribing aborts the upload", async () => {
    const data = randomBytes(12 * MiB);
    const events = await firstValueFrom(t.bucket.object("obs.bin").put$(data, { partSize: 5 * MiB }).pipe(toArray()));
    const last = events.at(-1)!;
    expect(last.type === "done" && last.result.etag).toMatch(/-3$/);
    const progress = events.filter((e) => e.type === "progress");
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toEqual({ type: "progress", loaded: data.length, total: data.length });
    // Unsubscribe mid-upload: the multipart upload is aborted server-side.
    await new Promise<void>((resolve) => {
      const sub = t.bucket.object("obs-cancel.bin").put$(Readable.from(generated(64 * MiB).body()), { partSize: 5 * MiB }).subscribe((e) => {
        if (e.type === "progress" && e.loaded > 6 * MiB) {
          sub.unsubscribe();
          resolve();
        }
      });
    });
    await expect.poll(incomplete, { timeout: 5000 }).toEqual([]);
    await expect(t.bucket.object("obs-cancel.bin").stat()).rejects.toMatchObject({ code: "NoSuchKey" });
    expect(t.bucket.object("x.csv").explain("upload", "/data/x.csv")).toMatchObject({ kind: "UploadFile", headers: { "content-type": "text/csv" } });
  });

  it("BucketRef.uploads(): lists incomplete uploads (all pages) and aborts them", async () => {
    const b = await tempBucket(s3, "uplist");
    try {
      const ids: string[] = [];
      for (const key of ["a/1", "a/2", "b/1"]) {
        ids.push((await aws.send(new CreateMultipartUploadCommand({ Bucket: b.name, Key: key }))).UploadId!);
      }
      const listed = await b.bucket.uploads().list();
      expect(listed.map((u) => [u.objectName, u.uploadId])).toEqual([["a/1", ids[0]], ["a/2", ids[1]], ["b/1", ids[2]]]);
      expect(listed[0]!.initiated).toBeInstanceOf(Date);
      expect((await b.bucket.uploads().list({ prefix: "b/" })).map((u) => u.objectName)).toEqual(["b/1"]);
      await b.bucket.uploads().abort("b/1", ids[2]!);
      expect(await b.bucket.uploads().abortAll({ prefix: "a/" })).toBe(2);
      expect(await b.bucket.uploads().list()).toEqual([]);
      expect(b.bucket.uploads().explain({ prefix: "x/" })).toEqual({ kind: "ListUploads", bucket: b.name, prefix: "x/" });
    } finally {
      await b.cleanup();
    }
  });

  it("SSE-C is refused over plain HTTP before anything is sent", async () => {
    const ssec = new SseCustomerKey(randomBytes(32));
    await expect(t.bucket.object("ssec-http").put("x", { sse: ssec })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(t.bucket.object("ssec-http").put(randomBytes(6 * MiB), { sse: ssec, partSize: 5 * MiB })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(await incomplete()).toEqual([]);
  });
});

describe("SSE-C uploads over TLS", () => {
  it("single and multipart, read back with the key", async () => {
    const tls = servers().tls;
    const secure = new S3({ endpoint: tls.endpoint, accessKey: tls.accessKey, secretKey: tls.secretKey, transport: { ca: tls.ca } });
    const e = await tempBucket(secure, "upssec");
    try {
      const ssec = new SseCustomerKey(randomBytes(32));
      for (const body of [randomBytes(1000), randomBytes(11 * MiB)]) {
        // Over TLS parts carry a CRC32 by default (Content-MD5 with checksum "off"; SSE-S3 keeps MD5 ETags).
        const plainTls = e.bucket.object(`s3-${body.length}`);
        await plainTls.put(body, { sse: new SseS3(), partSize: 5 * MiB });
        expect((await drain(await plainTls.get())).equals(body)).toBe(true);
        const o = e.bucket.object(`secret-${body.length}`);
        await o.put(Readable.from([body]), { sse: ssec, partSize: 5 * MiB });
        expect((await drain(await o.get({ ssec }))).equals(body)).toBe(true);
        await expect(o.get()).rejects.toMatchObject({ name: "S3Error" });
      }
    } finally {
      await e.cleanup();
      secure.close();
    }
  });
});
