import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, Retention, S3Error, SseCustomerKey, SseKMS } from "../../lib/index.js";
import { ComposeSource, CopySource } from "../../lib/model/copy-source.js";
import { incompleteUploads, openUpload, tlsClient } from "./copy-support.js";
import { drain, plainClient, servers, tempBucket } from "./support.js";

const MiB = 1024 ** 2;
const s3 = plainClient();
let t: Awaited<ReturnType<typeof tempBucket>>;
const a = randomBytes(5 * MiB + 7);
const b = randomBytes(5 * MiB + 300);
const c = randomBytes(1234);

beforeAll(async () => {
  t = await tempBucket(s3, "compose");
  await Promise.all([t.bucket.object("a").put(a), t.bucket.object("b").put(b), t.bucket.object("c").put(c)]);
});
afterAll(async () => {
  await t?.cleanup();
  s3.close();
});

describe("composeObject (plain server)", () => {
  it("composes three sources, one of them ranged, with metadata, tags and SSE-KMS", async () => {
    const sources = [new ComposeSource(t.name, "a"), new ComposeSource(t.name, "b", { offset: 200, length: 5 * MiB + 50 }), new ComposeSource(t.name, "c")];
    const w = await t.bucket.object("out/all").compose(sources, {
      metadata: { "Content-Type": "application/x-composed", origin: "compose" }, tags: { kind: "composed" }, sse: new SseKMS(servers().plain.kmsKeyName),
    });
    expect(w.etag).toMatch(/-3$/);
    const got = await drain(await t.bucket.object("out/all").get());
    expect(got.equals(Buffer.concat([a, b.subarray(200, 200 + 5 * MiB + 50), c]))).toBe(true);
    const st = await t.bucket.object("out/all").stat();
    expect(st).toMatchObject({ contentType: "application/x-composed", size: got.length });
    expect(st.metadata?.["x-amz-meta-origin"]).toBe("compose");
    expect(st.metadata?.["x-amz-server-side-encryption"]).toBe("aws:kms");
    expect(Object.fromEntries((await t.bucket.object("out/all").tags().get())!)).toEqual({ kind: "composed" });
  });

  it("a single whole source is one CopyObject", async () => {
    const w = await t.bucket.object("out/single").compose([new ComposeSource(t.name, "c")]);
    expect(w.etag).not.toContain("-");
    expect(await drain(await t.bucket.object("out/single").get())).toEqual(c);
  });

  it("refuses a small non-last source and a range past the end before any write", async () => {
    const dst = t.bucket.object("out/invalid");
    await expect(dst.compose([new ComposeSource(t.name, "c"), new ComposeSource(t.name, "a")])).rejects.toThrow(/at least 5 MiB/);
    await expect(dst.compose([new ComposeSource(t.name, "a", { offset: 5 * MiB + 7 })])).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(dst.compose([new ComposeSource(t.name, "a"), new ComposeSource(t.name, "c", { offset: 1000, length: 235 })])).rejects.toThrow(/past the end/);
    await expect(dst.compose([new ComposeSource(t.name, "a", { offset: 6 * MiB })])).rejects.toThrow(/past the end/);
    await expect(dst.stat()).rejects.toMatchObject({ code: "NoSuchKey" });
    expect(await incompleteUploads(t.name, "out/invalid")).toEqual([]);
  });

  it("a missing third source is rejected and nothing is written", async () => {
    const dst = t.bucket.object("out/missing");
    await expect(dst.compose([new ComposeSource(t.name, "a"), new ComposeSource(t.name, "b"), new ComposeSource(t.name, "nope")])).rejects.toMatchObject({ name: "S3Error", code: "NoSuchKey" });
    await expect(dst.stat()).rejects.toMatchObject({ code: "NoSuchKey" });
    expect(await incompleteUploads(t.name, "out/missing")).toEqual([]);
  });

  it("a failure mid-compose (a part copy refused) aborts the multipart upload", async () => {
    const dst = t.bucket.object("out/midway");
    const bad = new ComposeSource(t.name, "c", { matchETag: "0".repeat(32) }); // the stat passes, the part copy fails
    await expect(dst.compose([new ComposeSource(t.name, "a"), new ComposeSource(t.name, "b"), bad])).rejects.toMatchObject({ name: "S3Error", code: "PreconditionFailed" });
    await expect(dst.stat()).rejects.toMatchObject({ code: "NoSuchKey" });
    expect(await incompleteUploads(t.name, "out/midway")).toEqual([]);
    // The witness does see an upload left open on that key (MinIO lists uploads of an exact key only).
    const abort = await openUpload(t.name, "out/midway");
    expect(await incompleteUploads(t.name, "out/midway")).toEqual(["out/midway"]);
    await abort();
  });

  it("an aborted compose rejects with AbortError and leaves no upload behind", async () => {
    const dst = t.bucket.object("out/aborted");
    const ac = new AbortController();
    const running = dst.compose([new ComposeSource(t.name, "a"), new ComposeSource(t.name, "b"), new ComposeSource(t.name, "c")], { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    const outcome = await running.then(() => "done", (err: Error) => err.name);
    expect(["AbortError", "done"]).toContain(outcome);
    expect(await incompleteUploads(t.name, "out/aborted")).toEqual([]);
  });

  it("retention and legal hold on the composed object", async () => {
    const l = await tempBucket(s3, "composelock", { objectLock: true });
    try {
      await l.bucket.object("p1").put(a);
      await l.bucket.object("p2").put("tail");
      await l.bucket.object("all").compose([new ComposeSource(l.name, "p1"), new ComposeSource(l.name, "p2")], {
        retention: new Retention("GOVERNANCE", new Date(Date.now() + 3_600_000)), legalHold: true,
      });
      expect((await l.bucket.object("all").stat()).size).toBe(a.length + 4);
      expect(await l.bucket.object("all").retention().get()).toMatchObject({ mode: "GOVERNANCE" });
      expect(await l.bucket.object("all").legalHold().get()).toBe(true);
      await l.bucket.object("all").legalHold().set(false);
    } finally {
      await l.cleanup();
    }
  });
});

describe("compose with SSE-C (TLS server)", () => {
  const tls = tlsClient();
  let e: Awaited<ReturnType<typeof tempBucket>>;
  beforeAll(async () => {
    e = await tempBucket(tls, "composessec");
  });
  afterAll(async () => {
    await e?.cleanup();
    tls.close();
  });

  it("composes SSE-C sources into an SSE-C object", async () => {
    const k1 = new SseCustomerKey(randomBytes(32));
    const k2 = new SseCustomerKey(randomBytes(32));
    await e.bucket.object("plain").put(a);
    await e.bucket.object("enc").copyFrom(new CopySource(e.name, "plain"), { sse: k1 });
    await e.bucket.object("tail").put(c);
    await e.bucket.object("out").compose([new ComposeSource(e.name, "enc", { ssec: k1 }), new ComposeSource(e.name, "tail", { offset: 34 })], { sse: k2 });
    const got = await drain(await e.bucket.object("out").get({ ssec: k2 }));
    expect(got.equals(Buffer.concat([a, c.subarray(34)]))).toBe(true);
    await expect(e.bucket.object("out").stat()).rejects.toBeInstanceOf(S3Error);
    await expect(e.bucket.object("out2").compose([new ComposeSource(e.name, "enc"), new ComposeSource(e.name, "tail")])).rejects.toBeInstanceOf(S3Error);
  });
});
