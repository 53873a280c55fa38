import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, Retention, S3, SseCustomerKey, SseKMS, Tags } from "../../lib/index.js";
import { DEFAULT_PART_SIZE, MAX_OBJECT_SIZE, MIN_PART_SIZE, partInfo, planUploadFile } from "../../lib/builders/upload-plan.js";
import { guessContentType } from "../../lib/builders/mime.js";
import { BufferPool, cutParts } from "../../lib/exec/body/parts.js";
import { bufferSource } from "../../lib/exec/body/source.js";
import { UploadProgress } from "../../lib/exec/operations/upload-progress.js";
import { completeMultipartUploadBody, parseCompleteMultipartUpload, parseInitiateMultipartUpload, parseListMultipartUploads } from "../../lib/xml/multipart.js";

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const s3 = new S3({ endpoint: "http://127.0.0.1:9000", accessKey: "AKIAEXAMPLE", secretKey: "secret" });
const o = s3.bucket("photos").object("big.bin");

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("part size (the seed's get_part_info, with a 16 MiB floor)", () => {
  it("computes size and count at the edges", () => {
    expect(partInfo(0)).toEqual({ partSize: DEFAULT_PART_SIZE, partCount: 1 });
    expect(partInfo(16 * MiB)).toEqual({ partSize: 16 * MiB, partCount: 1 });
    expect(partInfo(16 * MiB + 1)).toEqual({ partSize: 16 * MiB, partCount: 2 });
    expect(partInfo(MAX_OBJECT_SIZE)).toEqual({ partSize: 525 * MiB, partCount: 9987 });
    // Above 156.25 GiB the seed's rule (ceil(size / 10 000) rounded up to 5 MiB) takes over.
    expect(partInfo(200 * GiB)).toEqual({ partSize: 25 * MiB, partCount: 8192 });
    expect(partInfo(null)).toEqual({ partSize: DEFAULT_PART_SIZE, partCount: null });
    expect(partInfo(null, 64 * MiB)).toEqual({ partSize: 64 * MiB, partCount: null });
    expect(partInfo(10_000 * MIN_PART_SIZE, MIN_PART_SIZE)).toEqual({ partSize: MIN_PART_SIZE, partCount: 10_000 });
  });

  it("refuses bad part sizes, too many parts and objects over 5 TiB", () => {
    expect(() => partInfo(MAX_OBJECT_SIZE + 1)).toThrow(/at most 5 TiB/);
    expect(() => partInfo(10_000 * MIN_PART_SIZE + 1, MIN_PART_SIZE)).toThrow(/10001 parts/);
    expect(() => partInfo(100, MIN_PART_SIZE - 1)).toThrow(InvalidArgumentError);
    expect(() => partInfo(100, 5 * GiB + 1)).toThrow(/5 MiB .* to 5 GiB/);
    expect(() => partInfo(100, 5 * MiB + 0.5)).toThrow(InvalidArgumentError);
  });
});

describe("upload plans", () => {
  it("a small body is one PutObject; a large one a multipart plan of steps", () => {
    expect(o.explain("put", Buffer.alloc(10))).toMatchObject({ kind: "PutObject", size: 10 });
    const plan = o.explain("put", Buffer.alloc(40 * MiB), { partSize: 15 * MiB, parallel: 4 });
    expect(plan).toEqual({
      kind: "MultipartUpload", bucket: "photos", key: "big.bin", size: 40 * MiB, partSize: 15 * MiB, partCount: 3, parallel: 4,
      headers: { "content-type": "application/octet-stream" },
      steps: [
        { step: "CreateMultipartUpload" },
        { step: "UploadPart", count: 3, partSize: 15 * MiB, lastPartSize: 10 * MiB, inFlight: 4, retry: "per part" },
        { step: "CompleteMultipartUpload" },
        { step: "AbortMultipartUpload", when: "on failure" },
      ],
    });
    expect(Object.isFrozen(plan)).toBe(true);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it("a stream of unknown size: multipart, or one PUT if it ends within the first part", () => {
    const plan = o.explain("put", Readable.from([Buffer.alloc(1)]), { size: -1 });
    expect(plan).toMatchObject({ kind: "MultipartUpload", size: null, partCount: null, partSize: DEFAULT_PART_SIZE, parallel: 3 });
    expect(plan.kind === "MultipartUpload" && plan.steps[0]).toEqual({ step: "PutObject", when: "the body ends within the first part" });
    // Known-size streams of every kind plan like bytes.
    expect(o.explain("put", new Blob(["abc"]))).toMatchObject({ kind: "PutObject", size: 3 });
    expect(o.explain("put", new ReadableStream<Uint8Array>(), { size: 20 * MiB })).toMatchObject({ kind: "MultipartUpload", partCount: 2 });
    expect(o.explain("put", (async function* () {})(), { size: 5 })).toMatchObject({ kind: "PutObject", size: 5 });
  });

  it("headers: content type, metadata, tags (form-encoded), retention, legal hold; encryption beside them", () => {
    const until = new Date("2030-01-02T03:04:05.678Z");
    const tags = Tags.newObjectTags().set("a b", "c&d").set("k", "v");
    const ssec = new SseCustomerKey(randomBytes(32));
    const plan = o.explain("put", "x", {
      contentType: "text/plain", metadata: { owner: "me" }, tags, retention: new Retention("GOVERNANCE", until), legalHold: true, sse: ssec,
    });
    expect(plan.headers).toEqual({
      "content-type": "text/plain", "x-amz-meta-owner": "me", "x-amz-tagging": "a+b=c%26d&k=v",
      "x-amz-object-lock-mode": "GOVERNANCE", "x-amz-object-lock-retain-until-date": "2030-01-02T03:04:05.678Z", "x-amz-object-lock-legal-hold": "ON",
    });
    expect(JSON.stringify(plan)).not.toContain(ssec.headers()["x-amz-server-side-encryption-customer-key"]);
    expect(JSON.parse(JSON.stringify(plan)).sse).toEqual({ type: "SSE-C", keyMd5: ssec.headers()["x-amz-server-side-encryption-customer-key-md5"] });
    expect(o.explain("put", "x", { tags: { t: "1" }, sse: new SseKMS("k1") }).headers["x-amz-tagging"]).toBe("t=1");
  });

  it("refuses bad options before any request", async () => {
    await expect(o.put("x", { partSize: 1024 })).rejects.toThrow(/partSize/);
    await expect(o.put("x", { parallel: 0 })).rejects.toThrow(/parallel/);
    await expect(o.put("x", { size: -2 })).rejects.toThrow(/size/);
    await expect(o.put("x", { sse: {} as never })).rejects.toThrow(/sse must be/);
    await expect(o.put("x", { tags: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"])) })).rejects.toThrow(/at most 10/);
    await expect(o.put(42 as never)).rejects.toThrow(/body must be/);
    await expect(o.upload("")).rejects.toThrow(/filePath/);
  });

  it("fput plans guess the content type from the extension", () => {
    expect(planUploadFile({ bucketName: "b", objectName: "k" }, "/tmp/a.JSON", {})).toMatchObject({
      kind: "UploadFile", filePath: "/tmp/a.JSON", partSize: null, parallel: 3, headers: { "content-type": "application/json" },
    });
    expect(planUploadFile({ bucketName: "b", objectName: "k" }, "/tmp/a.JSON", { contentType: "text/x" }).headers["content-type"]).toBe("text/x");
    expect(guessContentType("photo.jpeg")).toBe("image/jpeg");
    expect(guessContentType("archive.tar.gz")).toBe("application/gzip");
    expect(guessContentType(".bashrc")).toBe("application/octet-stream");
    expect(guessContentType("dir.d/noext")).toBe("application/octet-stream");
  });
});

describe("body parts", () => {
  it("slices a Buffer into parts without copying", async () => {
    const data = randomBytes(12 * MiB);
    const parts = await collect(cutParts(bufferSource(data), 5 * MiB, undefined, data.length));
    expect(parts.map((p) => p.data.length)).toEqual([5 * MiB, 5 * MiB, 2 * MiB]);
    expect(parts.every((p) => p.data.buffer === data.buffer && !p.pooled)).toBe(true);
  });

  it("gathers small chunks of every stream kind into whole parts", async () => {
    const chunks = Array.from({ length: 11 }, (_, i) => Buffer.alloc(1 * MiB, i));
    const whole = Buffer.concat(chunks);
    const kinds = [
      Readable.from(chunks),
      (async function* () { yield* chunks.map((c) => new Uint8Array(c)); })(),
      new Blob(chunks),
      new ReadableStream<Uint8Array>({ start(c) { for (const x of chunks) c.enqueue(x); c.close(); } }),
    ];
    for (const body of kinds) {
      const parts = await collect(cutParts(bufferSource(body), 5 * MiB, new BufferPool(5 * MiB, 2), null));
      expect(parts.map((p) => p.data.length)).toEqual([5 * MiB, 5 * MiB, 1 * MiB]);
      expect(Buffer.concat(parts.map((p) => p.data)).equals(whole)).toBe(true);
    }
  });

  it("refuses a stream shorter or longer than declared", async () => {
    await expect(collect(cutParts(bufferSource(Readable.from([Buffer.alloc(10)])), 5 * MiB, undefined, 20))).rejects.toThrow(/ended after 10 bytes; 20 were declared/);
    await expect(collect(cutParts(bufferSource(Readable.from([Buffer.alloc(30)])), 5 * MiB, undefined, 20))).rejects.toThrow(/longer than its declared size of 20/);
  });
});

describe("progress", () => {
  it("is monotonic across retried parts and reaches total only when done", () => {
    const seen: number[] = [];
    const p = new UploadProgress(100, (x) => seen.push(x.loaded));
    const a = p.part()!;
    const b = p.part()!;
    a(30); b(20); a(10); /* a retry restarts at 0 */ a(40); b(60); a(50);
    expect(seen).toEqual([30, 50, 60, 99]);
    p.done(100);
    expect(seen.at(-1)).toBe(100);
    expect(new UploadProgress(1, undefined).part()).toBeUndefined();
  });
});

describe("multipart XML", () => {
  it("parses the upload id, builds the part list, and finds an <Error> inside a 200", () => {
    expect(parseInitiateMultipartUpload(`<?xml version="1.0"?><InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>b</Bucket><Key>k</Key><UploadId>u-1</UploadId></InitiateMultipartUploadResult>`)).toBe("u-1");
    expect(completeMultipartUploadBody([{ partNumber: 1, etag: "\"e1\"" }, { partNumber: 2, etag: "e2" }])).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Part><PartNumber>1</PartNumber><ETag>"e1"</ETag></Part><Part><PartNumber>2</PartNumber><ETag>e2</ETag></Part></CompleteMultipartUpload>`,
    );
    expect(parseCompleteMultipartUpload(`<CompleteMultipartUploadResult><Location>http://x/b/k</Location><Bucket>b</Bucket><Key>k</Key><ETag>&quot;abc-2&quot;</ETag></CompleteMultipartUploadResult>`))
      .toEqual({ ok: true, etag: "abc-2", location: "http://x/b/k" });
    const r = parseCompleteMultipartUpload(`\n  <Error><Code>InternalError</Code><Message>We encountered an internal error.</Message><RequestId>r1</RequestId></Error>`);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ name: "S3Error", code: "InternalError", status: 200, requestId: "r1" });
  });

  it("parses a ListMultipartUploads page", () => {
    expect(parseListMultipartUploads(`<ListMultipartUploadsResult><Bucket>b</Bucket><NextKeyMarker>k2</NextKeyMarker><NextUploadIdMarker>u2</NextUploadIdMarker><IsTruncated>true</IsTruncated>`
      + `<Upload><Key>k1</Key><UploadId>u1</UploadId><Initiated>2026-01-01T00:00:00.000Z</Initiated><StorageClass>STANDARD</StorageClass></Upload>`
      + `<Upload><Key>k2</Key><UploadId>u2</UploadId></Upload></ListMultipartUploadsResult>`)).toEqual({
      uploads: [{ key: "k1", uploadId: "u1", initiated: "2026-01-01T00:00:00.000Z", storageClass: "STANDARD" }, { key: "k2", uploadId: "u2" }],
      isTruncated: true, nextKeyMarker: "k2", nextUploadIdMarker: "u2",
    });
  });
});
