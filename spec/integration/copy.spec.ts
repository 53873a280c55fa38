import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, Retention, S3Error, SseCustomerKey, SseKMS, SseS3, VersioningConfig } from "../../lib/index.js";
import { CopySource } from "../../lib/model/copy-source.js";
import { tlsClient } from "./copy-support.js";
import { drain, plainClient, servers, tempBucket } from "./support.js";

const s3 = plainClient();
let t: Awaited<ReturnType<typeof tempBucket>>;

beforeAll(async () => {
  t = await tempBucket(s3, "copy");
});
afterAll(async () => {
  await t?.cleanup();
  s3.close();
});

describe("copyObject (plain server)", () => {
  it("copies bytes; metadata COPY keeps the source's, REPLACE (implied by metadata) replaces it", async () => {
    const data = randomBytes(4096);
    await t.bucket.object("src/a").put(data, { contentType: "text/plain", metadata: { color: "red" } });
    const w = await t.bucket.object("dst/copy").copyFrom(new CopySource(t.name, "src/a"));
    expect(w).toMatchObject({ bucketName: t.name, objectName: "dst/copy", etag: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(await drain(await t.bucket.object("dst/copy").get())).toEqual(data);
    const kept = await t.bucket.object("dst/copy").stat();
    expect(kept).toMatchObject({ size: 4096, contentType: "text/plain" });
    expect(kept.metadata?.["x-amz-meta-color"]).toBe("red");

    await t.bucket.object("dst/replaced").copyFrom(new CopySource(t.name, "src/a"), { metadata: { shape: "round", "Content-Type": "image/png" } });
    const replaced = await t.bucket.object("dst/replaced").stat();
    expect(replaced.contentType).toBe("image/png");
    expect(replaced.metadata?.["x-amz-meta-shape"]).toBe("round");
    expect(replaced.metadata?.["x-amz-meta-color"]).toBeUndefined();
  });

  it("tagging directive: COPY keeps the source's tags, given tags REPLACE them", async () => {
    await t.bucket.object("src/tagged").put("tagged");
    await t.bucket.object("src/tagged").tags().set({ team: "blue" });
    await t.bucket.object("dst/tags-copied").copyFrom(new CopySource(t.name, "src/tagged"));
    expect(Object.fromEntries((await t.bucket.object("dst/tags-copied").tags().get())!)).toEqual({ team: "blue" });
    await t.bucket.object("dst/tags-replaced").copyFrom(new CopySource(t.name, "src/tagged"), { tags: { team: "red", "with space": "a+b=c" } });
    expect(Object.fromEntries((await t.bucket.object("dst/tags-replaced").tags().get())!)).toEqual({ team: "red", "with space": "a+b=c" });
    // A ranged (multipart) copy carries the source's tags too.
    await t.bucket.object("dst/tags-ranged").copyFrom(new CopySource(t.name, "src/tagged", { offset: 1 }));
    expect(Object.fromEntries((await t.bucket.object("dst/tags-ranged").tags().get())!)).toEqual({ team: "blue" });
    expect((await drain(await t.bucket.object("dst/tags-ranged").get())).toString()).toBe("agged");
  });

  it("copies a given version of a versioned source", async () => {
    const v = await tempBucket(s3, "copyver");
    try {
      await v.bucket.versioning().set(new VersioningConfig(VersioningConfig.ENABLED));
      const one = await v.bucket.object("k").put("version one");
      await v.bucket.object("k").put("version two!");
      expect(one.versionId).toBeDefined();
      const w = await v.bucket.object("k-copy").copyFrom(new CopySource(v.name, "k", { versionId: one.versionId! }));
      expect(w.versionId).toBeDefined();
      expect((await drain(await v.bucket.object("k-copy").get())).toString()).toBe("version one");
    } finally {
      await v.cleanup();
    }
  });

  it("conditional copies fail with PreconditionFailed and write nothing", async () => {
    const w = await t.bucket.object("src/cond").put("conditional");
    const dst = t.bucket.object("dst/cond");
    await expect(dst.copyFrom(new CopySource(t.name, "src/cond", { matchETag: "0".repeat(32) }))).rejects.toMatchObject({ name: "S3Error", code: "PreconditionFailed" });
    await expect(dst.copyFrom(new CopySource(t.name, "src/cond", { notMatchETag: w.etag }))).rejects.toMatchObject({ code: "PreconditionFailed" });
    await expect(dst.copyFrom(new CopySource(t.name, "src/cond", { unmodifiedSince: new Date(Date.now() - 86_400_000) }))).rejects.toMatchObject({ code: "PreconditionFailed" });
    await expect(dst.stat()).rejects.toMatchObject({ code: "NoSuchKey" });
    await dst.copyFrom(new CopySource(t.name, "src/cond", { matchETag: w.etag, modifiedSince: new Date(Date.now() - 86_400_000) }));
    expect((await drain(await dst.get())).toString()).toBe("conditional");
  });

  it("a ranged copy goes through UploadPartCopy and keeps the source's content type and metadata", async () => {
    const data = randomBytes(1000);
    await t.bucket.object("src/ranged").put(data, { contentType: "application/x-test", metadata: { origin: "ranged" } });
    const w = await t.bucket.object("dst/ranged").copyFrom(new CopySource(t.name, "src/ranged", { offset: 100, length: 250 }));
    expect(w.etag).toMatch(/-1$/); // a multipart ETag
    expect(await drain(await t.bucket.object("dst/ranged").get())).toEqual(data.subarray(100, 350));
    const st = await t.bucket.object("dst/ranged").stat();
    expect(st.contentType).toBe("application/x-test");
    expect(st.metadata?.["x-amz-meta-origin"]).toBe("ranged");
    await t.bucket.object("dst/tail").copyFrom(new CopySource(t.name, "src/ranged", { offset: 900 }), { metadata: { m: "1" } });
    expect(await drain(await t.bucket.object("dst/tail").get())).toEqual(data.subarray(900));
    await expect(t.bucket.object("dst/past").copyFrom(new CopySource(t.name, "src/ranged", { offset: 990, length: 20 }))).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("a missing source is an S3Error NoSuchKey", async () => {
    await expect(t.bucket.object("dst/none").copyFrom(new CopySource(t.name, "src/missing"))).rejects.toMatchObject({ name: "S3Error", code: "NoSuchKey" });
  });

  it("destination SSE-S3 and SSE-KMS", async () => {
    await t.bucket.object("src/enc").put("encrypt me");
    await t.bucket.object("dst/sse-s3").copyFrom(new CopySource(t.name, "src/enc"), { sse: new SseS3() });
    expect((await t.bucket.object("dst/sse-s3").stat()).metadata?.["x-amz-server-side-encryption"]).toBe("AES256");
    const kms = servers().plain.kmsKeyName;
    await t.bucket.object("dst/sse-kms").copyFrom(new CopySource(t.name, "src/enc"), { sse: new SseKMS(kms) });
    const st = await t.bucket.object("dst/sse-kms").stat();
    expect(st.metadata?.["x-amz-server-side-encryption"]).toBe("aws:kms");
    expect((await drain(await t.bucket.object("dst/sse-kms").get())).toString()).toBe("encrypt me");
  });

  it("over plain HTTP any customer key is refused before sending", async () => {
    const key = new SseCustomerKey(randomBytes(32));
    await t.bucket.object("src/plain").put("x");
    await expect(t.bucket.object("dst/c1").copyFrom(new CopySource(t.name, "src/plain"), { sse: key })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(t.bucket.object("dst/c2").copyFrom(new CopySource(t.name, "src/plain", { ssec: key }))).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(t.bucket.object("src/plain").get({ ssec: key })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(t.bucket.object("src/plain").stat({ ssec: key })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(t.bucket.object("dst/c1").stat()).rejects.toMatchObject({ code: "NoSuchKey" });
  });

  it("retention and legal hold on the copy (object-lock bucket)", async () => {
    const l = await tempBucket(s3, "copylock", { objectLock: true });
    try {
      await l.bucket.object("src").put("locked");
      const until = new Date(Date.now() + 3_600_000);
      await l.bucket.object("dst").copyFrom(new CopySource(l.name, "src"), { retention: new Retention("GOVERNANCE", until), legalHold: true });
      const r = await l.bucket.object("dst").retention().get();
      expect(r).toMatchObject({ mode: "GOVERNANCE" });
      expect(await l.bucket.object("dst").legalHold().get()).toBe(true);
      await l.bucket.object("dst").legalHold().set(false);
    } finally {
      await l.cleanup();
    }
  });
});

describe("SSE-C copy, get and stat (TLS server)", () => {
  const tls = tlsClient();
  let b: Awaited<ReturnType<typeof tempBucket>>;
  beforeAll(async () => {
    b = await tempBucket(tls, "copyssec");
  });
  afterAll(async () => {
    await b?.cleanup();
    tls.close();
  });

  it("writes an SSE-C object by copy; get/stat need the key; the key can be rotated by copy", async () => {
    const data = randomBytes(3000);
    const k1 = new SseCustomerKey(randomBytes(32));
    const k2 = new SseCustomerKey(randomBytes(32));
    await b.bucket.object("plain").put(data);
    await b.bucket.object("enc").copyFrom(new CopySource(b.name, "plain"), { sse: k1 });
    expect(await drain(await b.bucket.object("enc").get({ ssec: k1 }))).toEqual(data);
    expect(await drain(await b.bucket.object("enc").get({ ssec: k1, offset: 10, length: 5 }))).toEqual(data.subarray(10, 15));
    expect((await b.bucket.object("enc").stat({ ssec: k1 })).size).toBe(3000);
    await expect(b.bucket.object("enc").get()).rejects.toBeInstanceOf(S3Error);
    await expect(b.bucket.object("enc").stat()).rejects.toBeInstanceOf(S3Error);
    await expect(b.bucket.object("enc").stat({ ssec: k2 })).rejects.toBeInstanceOf(S3Error);

    await b.bucket.object("rotated").copyFrom(new CopySource(b.name, "enc", { ssec: k1 }), { sse: k2 });
    expect(await drain(await b.bucket.object("rotated").get({ ssec: k2 }))).toEqual(data);
    await b.bucket.object("decrypted").copyFrom(new CopySource(b.name, "enc", { ssec: k1 }));
    expect(await drain(await b.bucket.object("decrypted").get())).toEqual(data);
    await expect(b.bucket.object("nokey").copyFrom(new CopySource(b.name, "enc"))).rejects.toBeInstanceOf(S3Error);

    await b.bucket.object("ranged").copyFrom(new CopySource(b.name, "enc", { ssec: k1, offset: 1000, length: 1000 }), { sse: k2 });
    expect(await drain(await b.bucket.object("ranged").get({ ssec: k2 }))).toEqual(data.subarray(1000, 2000));
  });
});

describe("facade copyObject / composeObject", () => {
  it("copies and composes by the seed's names", async () => {
    const { Minio, CopySource, ComposeSource } = await import("../../lib/index.js");
    const { plainClient, servers, tempBucket, drain } = await import("./support.js");
    const s = servers().plain;
    const s3c = plainClient();
    const minio = new Minio(s.endpoint, { accessKey: s.accessKey, secretKey: s.secretKey });
    const tb = await tempBucket(s3c, "fcopy");
    try {
      await tb.bucket.object("a").put("alpha-");
      await tb.bucket.object("b").put("beta");
      const w = await minio.copyObject(tb.name, "a2", new CopySource(tb.name, "a"), { metadata: { k: "v" } });
      expect(w.objectName).toBe("a2");
      expect((await minio.statObject(tb.name, "a2")).metadata?.["x-amz-meta-k"]).toBe("v");
      // compose: every source but the last must be >= 5 MiB, so a single small source composes alone
      await minio.composeObject(tb.name, "c", [new ComposeSource(tb.name, "b")]);
      expect((await drain(await minio.getObject(tb.name, "c"))).toString()).toBe("beta");
    } finally {
      await tb.cleanup();
      minio.close();
      s3c.close();
    }
  });
});
