import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, Retention, S3, SnowballObject, SseCustomerKey, SseS3 } from "../../lib/index.js";

const s3 = new S3({ endpoint: "http://127.0.0.1:1", accessKey: "k", secretKey: "s" });
const b = s3.bucket("photos");
const objects = [new SnowballObject("a.txt", { data: "a" }), new SnowballObject("b/c.bin", { data: Readable.from([Buffer.alloc(3)]), length: 3 })];

describe("snowball plans (explain, no server)", () => {
  it("default: streamed archives in bounded batches, two in flight, only the auto-extract header", () => {
    const plan = b.explain("putMany", objects);
    expect(plan).toMatchObject({
      kind: "SnowballUpload", bucket: "photos", staging: "none", compression: false, objectCount: 2, parallel: 2,
      batch: { maxBytes: 64 * 1024 ** 2, maxObjects: 10_000 },
      headers: { "x-amz-meta-snowball-auto-extract": "true" }, entryRecords: {},
      steps: [{ step: "CollectObjects", duplicates: "refused" }, { step: "PutObject", body: "tar of exact length" }],
    });
    expect(Object.keys(plan.headers)).toEqual(["x-amz-meta-snowball-auto-extract"]);
    expect(plan.archiveName).toMatch(/^snowball\.[0-9a-f]{16}\.tar$/);
    expect(Object.isFrozen(plan)).toBe(true);
  });

  it("metadata, content type and tags become PAX records of every entry; lock settings and SSE stay on the PUT; SSE-C prints as its MD5", () => {
    const key = new SseCustomerKey(randomBytes(32));
    const until = new Date("2030-01-01T00:00:00Z");
    const plan = b.explain("putMany", objects, {
      metadata: { owner: "me", "Cache-Control": "no-cache" }, contentType: "text/plain", tags: { a: "1", b: "x y" },
      retention: new Retention("GOVERNANCE", until), legalHold: true, sse: key,
    });
    expect(plan.entryRecords).toEqual({
      "minio.metadata.x-amz-meta-owner": "me", "minio.metadata.cache-control": "no-cache",
      "minio.metadata.content-type": "text/plain", "minio.metadata.x-amz-tagging": "a=1&b=x+y",
    });
    expect(plan.headers).toEqual({
      "x-amz-meta-snowball-auto-extract": "true", "x-amz-object-lock-mode": "GOVERNANCE",
      "x-amz-object-lock-retain-until-date": until.toISOString(), "x-amz-object-lock-legal-hold": "ON",
    });
    const json = JSON.parse(JSON.stringify(plan));
    expect(json.sse).toEqual({ type: "SSE-C", keyMd5: expect.any(String) });
    expect(JSON.stringify(plan)).not.toContain(Buffer.from(key.headers()["x-amz-server-side-encryption-customer-key"]!, "base64").toString("base64"));
  });

  it("compression stages in memory; stagingFilename stages in the file and removes it; batch:false is one archive", () => {
    expect(b.explain("putMany", objects, { compression: true })).toMatchObject({
      staging: "memory", compression: true, steps: [{ step: "CollectObjects" }, { step: "StageArchive", into: "memory", gzip: true }, { step: "PutObject", body: "staged archive" }],
    });
    expect(b.explain("putMany", objects, { compression: true }).archiveName).toMatch(/\.tar\.gz$/);
    const filed = b.explain("putMany", objects, { stagingFilename: "/tmp/x.tar", batch: false, sse: new SseS3() });
    expect(filed).toMatchObject({ staging: "file", stagingFile: "/tmp/x.tar", batch: null, parallel: 1, sse: new SseS3() });
    expect(filed.steps.at(-1)).toEqual({ step: "RemoveStagingFile", when: "always" });
    expect(b.explain("putMany", (async function* () {})())).toMatchObject({ objectCount: null });
  });

  it("refuses bad options and duplicate names of one archive before anything runs", () => {
    const bad: Array<() => unknown> = [
      () => b.explain("putMany", objects, { parallel: 0 }),
      () => b.explain("putMany", objects, { parallel: 2, stagingFilename: "/tmp/s" }),
      () => b.explain("putMany", objects, { batch: { maxBytes: 10 } }),
      () => b.explain("putMany", objects, { batch: { maxBytes: 6 * 1024 ** 3 } }),
      () => b.explain("putMany", objects, { compression: "yes" as unknown as boolean }),
      () => b.explain("putMany", 42 as unknown as SnowballObject[]),
      () => b.explain("putMany", [...objects, new SnowballObject("a.txt", { data: "again" })], { batch: false }),
      () => b.explain("putMany", objects, { metadata: { "bad key": "v" } }),
    ];
    for (const f of bad) expect(f).toThrow(InvalidArgumentError);
    // With batches, the same name may come again in a later archive: only one archive is checked.
    expect(b.explain("putMany", [...objects, new SnowballObject("a.txt", { data: "again" })]).objectCount).toBe(3);
  });
});
