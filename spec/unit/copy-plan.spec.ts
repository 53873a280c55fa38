import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { RequestExecutor } from "../../lib/exec/executor.js";
import { InvalidArgumentError, Retention, SseCustomerKey, SseKMS, SseS3, Tags } from "../../lib/index.js";
import { planCompose, planCopy } from "../../lib/builders/copy-plan.js";
import { ComposeSource, CopySource } from "../../lib/model/copy-source.js";
import { MAX_COPY_PART, MIN_COPY_PART } from "../../lib/plan/copy-nodes.js";
import { copySourceHeaders, readCopyResult, sendCopy } from "../../lib/exec/operations/copy-multipart.js";
import { planParts } from "../../lib/exec/operations/copy-steps.js";

const target = { bucketName: "dst", objectName: "out/key" };
const key = new SseCustomerKey(Buffer.alloc(32, 7));
const MiB = 1024 ** 2;
const stat = (size: number) => ({ size, etag: "e", headers: {} });

describe("planCopy", () => {
  it("a plain copy: stat, then CopyObject, multipart only past 5 GiB", () => {
    const node = planCopy(target, new CopySource("src", "a b.txt", { versionId: "v1" }), {});
    expect(node).toEqual({
      kind: "CopyObject", bucket: "dst", key: "out/key",
      source: { bucket: "src", key: "a b.txt", versionId: "v1", conditions: {} },
      metadataDirective: "COPY", taggingDirective: "COPY", headers: {},
      steps: [
        { step: "StatSources" },
        { step: "CopyObject", when: "single whole source of at most 5 GiB" },
        { step: "MultipartCopy", when: "otherwise", maxPartSize: MAX_COPY_PART, pinSourceETag: true, onFailure: "AbortMultipartUpload" },
      ],
    });
    expect(Object.isFrozen(node) && Object.isFrozen(node.source) && Object.isFrozen(node.steps)).toBe(true);
    expect(JSON.parse(JSON.stringify(node))).toEqual(node);
  });

  it("metadata and tags imply REPLACE; conditions become HTTP dates; lock headers", () => {
    const since = new Date("2024-01-02T03:04:05Z");
    const until = new Date("2030-01-01T00:00:00Z");
    const node = planCopy(target, new CopySource("src", "a", { matchETag: "abc", notMatchETag: "def", modifiedSince: since, unmodifiedSince: since }), {
      metadata: { Owner: "me", "Content-Type": "text/plain" }, tags: { a: "1 2", "b&c": "d" },
      retention: new Retention("GOVERNANCE", until), legalHold: true, sse: new SseS3(),
    });
    expect(node.metadataDirective).toBe("REPLACE");
    expect(node.taggingDirective).toBe("REPLACE");
    expect(node.source.conditions).toEqual({ matchETag: "abc", notMatchETag: "def", modifiedSince: "Tue, 02 Jan 2024 03:04:05 GMT", unmodifiedSince: "Tue, 02 Jan 2024 03:04:05 GMT" });
    expect(node.headers).toEqual({
      "x-amz-meta-owner": "me", "content-type": "text/plain", "x-amz-tagging": "a=1%202&b%26c=d",
      "x-amz-object-lock-mode": "GOVERNANCE", "x-amz-object-lock-retain-until-date": "2030-01-01T00:00:00.000Z", "x-amz-object-lock-legal-hold": "ON",
    });
    expect(JSON.parse(JSON.stringify(node)).sse).toEqual({ type: "SSE-S3" });
    expect(planCopy(target, new CopySource("src", "a"), { tags: Tags.newObjectTags().set("k", "v"), metadataDirective: "REPLACE" }).headers).toEqual({ "x-amz-tagging": "k=v" });
  });

  it("a ranged copy is always a multipart copy", () => {
    const node = planCopy(target, new CopySource("src", "a", { offset: 10, length: 5 }), {});
    expect(node.source.range).toEqual({ offset: 10, length: 5 });
    expect(node.steps.map((s) => s.step)).toEqual(["StatSources", "MultipartCopy"]);
    expect(planCopy(target, new CopySource("src", "a", { length: 5 }), {}).source.range).toEqual({ offset: 0, length: 5 });
  });

  it("customer keys never appear in explain() output", () => {
    const node = planCopy(target, new CopySource("src", "a", { ssec: key }), { sse: new SseCustomerKey(Buffer.alloc(32, 9)) });
    const json = JSON.stringify(node);
    for (const k of [Buffer.alloc(32, 7), Buffer.alloc(32, 9)]) expect(json).not.toContain(k.toString("base64"));
    expect(JSON.parse(json).source.ssec).toEqual({ type: "SSE-C", keyMd5: expect.any(String) });
    expect(JSON.stringify(planCompose(target, [new ComposeSource("srcb", "a", { ssec: key })], { sse: key }))).not.toContain(Buffer.alloc(32, 7).toString("base64"));
  });

  it("refuses bad input before any request", () => {
    const src = new CopySource("src", "a");
    expect(() => planCopy(target, {} as CopySource, {})).toThrow(InvalidArgumentError);
    expect(() => planCopy(target, src, { metadata: { a: "1" }, metadataDirective: "COPY" })).toThrow(/REPLACE/);
    expect(() => planCopy(target, src, { tags: { a: "1" }, taggingDirective: "COPY" })).toThrow(InvalidArgumentError);
    expect(() => planCopy(target, src, { metadataDirective: "MOVE" as "COPY" })).toThrow(InvalidArgumentError);
    expect(() => planCopy(target, new CopySource("src", "a", { offset: 1 }), { metadataDirective: "COPY" })).toThrow(/ranged/);
    expect(() => planCopy(target, src, { sse: "AES256" as unknown as SseS3 })).toThrow(InvalidArgumentError);
    expect(() => planCopy(target, src, { metadata: { "x-amz-server-side-encryption": "AES256" } })).toThrow(InvalidArgumentError);
    expect(() => planCopy(target, src, { legalHold: "ON" as unknown as boolean })).toThrow(InvalidArgumentError);
    expect(() => planCopy({ bucketName: "src", objectName: "a" }, src, {})).toThrow(/onto itself/);
    expect(planCopy({ bucketName: "src", objectName: "a" }, src, { metadata: { a: "b" } }).metadataDirective).toBe("REPLACE");
    expect(() => new CopySource("ab", "a")).toThrow(InvalidArgumentError);
    expect(() => new CopySource("src", "a", { offset: -1 })).toThrow(InvalidArgumentError);
    expect(() => new CopySource("src", "a", { length: 0 })).toThrow(InvalidArgumentError);
    expect(() => new CopySource("src", "a", { versionId: "" })).toThrow(InvalidArgumentError);
    expect(() => new CopySource("src", "a", { ssec: "k" as unknown as SseCustomerKey })).toThrow(InvalidArgumentError);
    expect(() => new CopySource("src", "a", { modifiedSince: new Date("nope") })).toThrow(InvalidArgumentError);
    expect(() => new CopySource("src", "a", { matchETag: "a\nb" })).toThrow(InvalidArgumentError);
  });
});

describe("planCompose", () => {
  it("stat then multipart; a single whole source may be one CopyObject", () => {
    const node = planCompose(target, [new ComposeSource("srcb", "a"), new ComposeSource("srcb", "b", { offset: 3 })], { sse: new SseKMS("k1"), metadata: { x: "y" } });
    expect(node).toMatchObject({
      kind: "ComposeObject", bucket: "dst", key: "out/key",
      sources: [{ bucket: "srcb", key: "a", conditions: {} }, { bucket: "srcb", key: "b", range: { offset: 3 }, conditions: {} }],
      headers: { "x-amz-meta-x": "y" },
    });
    expect(node.steps.map((s) => s.step)).toEqual(["StatSources", "MultipartCopy"]);
    expect(JSON.parse(JSON.stringify(node)).sse).toEqual({ type: "SSE-KMS", keyId: "k1" });
    expect(planCompose(target, [new ComposeSource("srcb", "a")], {}).steps.map((s) => s.step)).toEqual(["StatSources", "CopyObject", "MultipartCopy"]);
  });

  it("refuses empty or foreign source lists", () => {
    expect(() => planCompose(target, [], {})).toThrow(InvalidArgumentError);
    expect(() => planCompose(target, ["s/a"] as unknown as ComposeSource[], {})).toThrow(InvalidArgumentError);
    expect(() => planCompose(target, Array.from({ length: 10_001 }, () => new ComposeSource("srcb", "a")), {})).toThrow(/10000/);
  });
});

describe("planParts (after the stats)", () => {
  const src = (o: ConstructorParameters<typeof ComposeSource>[2] = {}) => planCompose(target, [new ComposeSource("srcb", "k", o)], {}).sources[0]!;

  it("whole sources need no range header; ranges are inclusive", () => {
    expect(planParts([src(), src({ offset: 2, length: 3 })], [stat(5 * MiB), stat(10)], MAX_COPY_PART)).toEqual([
      { source: 0 }, { source: 1, range: { start: 2, end: 4 } },
    ]);
    expect(planParts([src({ offset: 4 })], [stat(10)], MAX_COPY_PART)).toEqual([{ source: 0, range: { start: 4, end: 9 } }]);
  });

  it("splits large sources into equal parts of at most maxPartSize", () => {
    const parts = planParts([src({ offset: 1 })], [stat(25 * MiB + 1)], 10 * MiB);
    const each = Math.ceil((25 * MiB) / 3);
    expect(parts).toEqual([
      { source: 0, range: { start: 1, end: each } },
      { source: 0, range: { start: 1 + each, end: 2 * each } },
      { source: 0, range: { start: 1 + 2 * each, end: 25 * MiB } },
    ]);
    const big = planParts([src()], [stat(11 * 1024 ** 3)], MAX_COPY_PART);
    expect(big).toHaveLength(3);
    expect(big.every((p) => p.range!.end - p.range!.start + 1 <= MAX_COPY_PART)).toBe(true);
  });

  it("refuses small non-last sources, ranges past the end and too many parts", () => {
    expect(() => planParts([src(), src()], [stat(MIN_COPY_PART - 1), stat(1)], MAX_COPY_PART)).toThrow(/at least 5 MiB/);
    expect(() => planParts([src({ offset: 10 })], [stat(10)], MAX_COPY_PART)).toThrow(/past the end/);
    expect(() => planParts([src({ offset: 5, length: 6 })], [stat(10)], MAX_COPY_PART)).toThrow(/past the end/);
    expect(() => planParts([src()], [stat(10_001 * MIN_COPY_PART)], MIN_COPY_PART)).toThrow(/10000 parts/);
  });
});

describe("copy request headers", () => {
  it("encodes the source, its version, conditions, range and customer key", () => {
    const s = planCopy(target, new CopySource("src", "dir/a b+c.txt", { versionId: "v 1", ssec: key, notMatchETag: "x" }), {}).source;
    const h = copySourceHeaders(s, { start: 0, end: 9 }, "pinned");
    expect(h).toMatchObject({
      "x-amz-copy-source": "/src/dir/a%20b%2Bc.txt?versionId=v%201",
      "x-amz-copy-source-if-match": "pinned",
      "x-amz-copy-source-if-none-match": "x",
      "x-amz-copy-source-range": "bytes=0-9",
      "x-amz-copy-source-server-side-encryption-customer-algorithm": "AES256",
    });
    expect(copySourceHeaders(planCopy(target, new CopySource("src", "a", { matchETag: "mine" }), {}).source, undefined, "pinned")["x-amz-copy-source-if-match"]).toBe("mine");
  });
});

describe("copy responses", () => {
  const response = (xml: string) => Object.assign(Readable.from([Buffer.from(xml)]), { statusCode: 200, headers: {} }) as unknown as IncomingMessage;
  const req = { method: "PUT", bucket: "dst", key: "k", query: [], headers: {}, idempotent: true } as const;

  it("reads the ETag of a CopyObjectResult; an <Error> in a 200 body is an S3Error", async () => {
    await expect(readCopyResult(req, response(`<CopyObjectResult><ETag>"abc"</ETag></CopyObjectResult>`), "CopyObjectResult")).resolves.toMatchObject({ etag: "abc" });
    await expect(readCopyResult(req, response(`<Error><Code>SlowDown</Code><Message>slow</Message></Error>`), "CopyObjectResult"))
      .rejects.toMatchObject({ name: "S3Error", code: "SlowDown", status: 200, bucketName: "dst", objectName: "k" });
  });

  it("retries a retryable <Error> body, not others", async () => {
    const bodies = [`<Error><Code>InternalError</Code></Error>`, `<CopyPartResult><ETag>"e2"</ETag></CopyPartResult>`];
    const exec = { config: { retry: { maxAttempts: 3, baseDelayMs: 1 } }, send: async () => response(bodies.shift()!) } as unknown as RequestExecutor;
    await expect(sendCopy(exec, req, "CopyPartResult")).resolves.toMatchObject({ etag: "e2" });
    const denied = { config: { retry: { maxAttempts: 3, baseDelayMs: 1 } }, send: async () => response(`<Error><Code>AccessDenied</Code></Error>`) } as unknown as RequestExecutor;
    await expect(sendCopy(denied, req, "CopyPartResult")).rejects.toMatchObject({ code: "AccessDenied" });
  });
});
