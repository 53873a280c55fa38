import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, Minio, S3, S3Error } from "../../lib/index.js";
import { drain, plainClient, servers, tempBucket } from "./support.js";

const s3 = plainClient();
let t: Awaited<ReturnType<typeof tempBucket>>;
beforeAll(async () => {
  t = await tempBucket(s3, "obj");
});
afterAll(async () => {
  await t.cleanup();
  s3.close();
});

describe("objects against MinIO", () => {
  it("put a Buffer, get it back byte for byte, stat it", async () => {
    const data = randomBytes(256 * 1024 + 7);
    const o = t.bucket.object("bin/random.dat");
    const w = await o.put(data, { contentType: "application/x-test", metadata: { owner: "quarry", "Cache-Control": "max-age=60" } });
    expect(w.etag).toBe(createHash("md5").update(data).digest("hex"));
    expect(w.bucketName).toBe(t.name);
    expect(w.objectName).toBe("bin/random.dat");
    expect((await drain(await o.get())).equals(data)).toBe(true);
    const info = await o.stat();
    expect(info).toMatchObject({ bucketName: t.name, objectName: "bin/random.dat", size: data.length, etag: w.etag, contentType: "application/x-test", isDir: false, isDeleteMarker: false });
    expect(info.lastModified).toBeInstanceOf(Date);
    expect(info.metadata?.["x-amz-meta-owner"]).toBe("quarry");
    expect(info.metadata?.["cache-control"]).toBe("max-age=60");
  });

  it("MinIO's own key rules come back as typed errors", async () => {
    await expect(t.bucket.object("a/./b").put("x")).rejects.toMatchObject({ name: "S3Error", code: "XMinioInvalidResourceName", status: 400 });
  });

  it("put a string (UTF-8) and a stream of declared size; default content type", async () => {
    await t.bucket.object("s.txt").put("héllo wörld");
    expect((await drain(await t.bucket.object("s.txt").get())).toString("utf8")).toBe("héllo wörld");
    expect((await t.bucket.object("s.txt").stat()).contentType).toBe("application/octet-stream");
    const parts = [randomBytes(70_000), randomBytes(1), randomBytes(33_333)];
    await t.bucket.object("stream.bin").put(Readable.from(parts), { size: 103_334 });
    expect((await drain(await t.bucket.object("stream.bin").get())).equals(Buffer.concat(parts))).toBe(true);
  });

  it("a stream shorter than its declared size fails and leaves no object", async () => {
    const err = await t.bucket.object("short.bin").put(Readable.from([Buffer.alloc(10)]), { size: 20 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(String(err)).toMatch(/ended after 10 bytes; 20 were declared/);
    const long = await t.bucket.object("short.bin").put(Readable.from([Buffer.alloc(30)]), { size: 20 }).catch((e: unknown) => e);
    expect(String(long)).toMatch(/longer than its declared size of 20/);
    await expect(t.bucket.object("short.bin").stat()).rejects.toMatchObject({ code: "NoSuchKey" });
  });

  it("range reads: offset+length, offset only, and an unsatisfiable range", async () => {
    const data = Buffer.from("0123456789abcdefghij");
    const o = t.bucket.object("range.txt");
    await o.put(data);
    expect((await drain(await o.get({ offset: 5, length: 4 }))).toString()).toBe("5678");
    expect((await drain(await o.get({ offset: 15 }))).toString()).toBe("fghij");
    const r = await o.get({ offset: 2, length: 3 });
    expect(r.headers["content-range"]).toBe("bytes 2-4/20");
    await drain(r);
    await expect(o.get({ offset: 100 })).rejects.toMatchObject({ name: "S3Error", code: "InvalidRange", status: 416 });
  });

  it("keys that need encoding round-trip", async () => {
    for (const key of ["a b/c+d%e", "ü/日本語 ファイル.txt", "odd?#&=;,$@!'()*[].txt", "new\nline", "~tilde/x", "dots/../x.txt".replace("../", "..x/")]) {
      await t.bucket.object(key).put(key);
      expect((await drain(await t.bucket.object(key).get())).toString()).toBe(key);
      expect((await t.bucket.object(key).stat()).objectName).toBe(key);
    }
  });

  it("missing objects: typed NoSuchKey from GET (XML body) and HEAD (no body)", async () => {
    const get = await t.bucket.object("nope").get().catch((e: unknown) => e);
    expect(get).toBeInstanceOf(S3Error);
    expect(get).toMatchObject({ code: "NoSuchKey", status: 404, bucketName: t.name, objectName: "nope" });
    expect((get as S3Error).requestId).toBeTruthy();
    const head = await t.bucket.object("nope").stat().catch((e: unknown) => e);
    expect(head).toMatchObject({ name: "S3Error", code: "NoSuchKey", status: 404, objectName: "nope" });
    const noBucket = await s3.bucket("no-such-bucket-quarry").object("k").stat().catch((e: unknown) => e);
    expect(noBucket).toMatchObject({ code: "NoSuchBucket", status: 404 });
  });

  it("remove: the object is gone; removing a missing key succeeds (S3 semantics)", async () => {
    await t.bucket.object("gone").put("x");
    await t.bucket.object("gone").remove();
    await expect(t.bucket.object("gone").stat()).rejects.toMatchObject({ code: "NoSuchKey" });
    await expect(t.bucket.object("gone").remove()).resolves.toBeUndefined();
  });

  it("versions: stat, get and remove one version", async () => {
    const v = await tempBucket(s3, "ver", { objectLock: true });
    try {
      const o = v.bucket.object("doc");
      const one = await o.put("version one");
      const two = await o.put("version two!");
      expect((await o.stat()).versionId).toBe(two.versionId);
      expect((await o.version(one.versionId!).stat()).size).toBe(11);
      expect((await drain(await o.version(one.versionId!).get())).toString()).toBe("version one");
      await o.version(one.versionId!).remove();
      await expect(o.version(one.versionId!).stat()).rejects.toBeInstanceOf(S3Error);
      expect((await drain(await o.get())).toString()).toBe("version two!");
    } finally {
      await v.cleanup();
    }
  });

  it("an aborted get rejects with AbortError and the client keeps working", async () => {
    await t.bucket.object("abort").put(randomBytes(1024));
    const ac = new AbortController();
    ac.abort();
    await expect(t.bucket.object("abort").get({ signal: ac.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect((await t.bucket.object("abort").stat()).size).toBe(1024);
  });

  it("TLS instance: works with its CA, and verification stays on without it", async () => {
    const tls = servers().tls;
    const good = new S3({ endpoint: tls.endpoint, accessKey: tls.accessKey, secretKey: tls.secretKey, transport: { ca: tls.ca } });
    expect(Array.isArray(await good.buckets().list())).toBe(true);
    const noCa = new S3({ endpoint: tls.endpoint, accessKey: tls.accessKey, secretKey: tls.secretKey, retry: { maxAttempts: 1 } });
    await expect(noCa.buckets().list()).rejects.toMatchObject({ name: "NetworkError", code: expect.stringMatching(/CERT|SELF_SIGNED|UNABLE/) });
    good.close();
    noCa.close();
  });

  it("facade: putObject, getObject (range), statObject, removeObject", async () => {
    const s = servers().plain;
    const minio = new Minio(s.endpoint, { accessKey: s.accessKey, secretKey: s.secretKey });
    const w = await minio.putObject(t.name, "facade.txt", Buffer.from("facade data"), 11, { contentType: "text/plain", metadata: { a: "1" } });
    expect(w.etag).toHaveLength(32);
    const st = await minio.statObject(t.name, "facade.txt");
    expect(st).toMatchObject({ size: 11, contentType: "text/plain", etag: w.etag });
    expect(st.metadata?.["x-amz-meta-a"]).toBe("1");
    expect((await drain(await minio.getObject(t.name, "facade.txt", { offset: 7, length: 4 }))).toString()).toBe("data");
    await minio.removeObject(t.name, "facade.txt");
    await expect(minio.statObject(t.name, "facade.txt")).rejects.toMatchObject({ code: "NoSuchKey" });
    minio.close();
  });
});
