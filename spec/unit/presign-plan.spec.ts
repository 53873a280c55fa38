import { describe, expect, it } from "vitest";
import { InvalidArgumentError, PostPolicy, S3 } from "../../lib/index.js";
import { policyJson } from "../../lib/sign/post-policy.js";

// Plans of presigning, checked without a server: what explain() shows and what is refused.
const s3 = new S3({ endpoint: "http://127.0.0.1:9", accessKey: "AK", secretKey: "SK", region: "us-east-1" });
const o = s3.bucket("bkt").object("a/b.txt");
const later = new Date("2030-01-01T00:00:00.000Z");

describe("ObjectRef.explain('presign')", () => {
  it("defaults: GET, 7 days, no query; frozen, JSON-printable", () => {
    const n = o.explain("presign");
    expect(n).toEqual({ kind: "PresignObject", method: "GET", bucket: "bkt", key: "a/b.txt", expires: 604800, query: {} });
    expect(Object.isFrozen(n)).toBe(true);
    expect(Object.isFrozen(n.query)).toBe(true);
    expect(JSON.parse(JSON.stringify(n))).toEqual(n);
  });

  it("merges extra params then response headers, takes the version from the options or the ref, upper-cases the method", () => {
    const n = o.version("v1").explain("presign", {
      method: "put", expires: 60, requestDate: new Date("2026-01-02T03:04:05.678Z"),
      extraQueryParams: { a: "1", "response-content-type": "x/y", versionId: "ignored" }, responseHeaders: { "response-content-type": "text/plain" },
    });
    expect(n).toEqual({
      kind: "PresignObject", method: "PUT", bucket: "bkt", key: "a/b.txt", versionId: "v1", expires: 60,
      query: { a: "1", "response-content-type": "text/plain" }, requestDate: "2026-01-02T03:04:05.678Z",
    });
    expect(o.version("v1").explain("presign", { versionId: "v2" }).versionId).toBe("v2");
  });

  it("refuses bad expiry, method, date, version and parameters", () => {
    for (const expires of [0, -5, 604801, 2.5, Number.NaN, "60" as unknown as number]) {
      expect(() => o.explain("presign", { expires })).toThrow(InvalidArgumentError);
    }
    expect(o.explain("presign", { expires: 1 }).expires).toBe(1);
    expect(o.explain("presign", { expires: 604800 }).expires).toBe(604800);
    expect(() => o.explain("presign", { method: "" })).toThrow(InvalidArgumentError);
    expect(() => o.explain("presign", { method: "GET /x" })).toThrow(InvalidArgumentError);
    expect(() => o.explain("presign", { requestDate: new Date(Number.NaN) })).toThrow(InvalidArgumentError);
    expect(() => o.explain("presign", { versionId: "" })).toThrow(InvalidArgumentError);
    expect(() => o.explain("presign", { extraQueryParams: { n: 1 as unknown as string } })).toThrow(InvalidArgumentError);
    expect(() => o.explain("presign", { responseHeaders: "x" as unknown as Record<string, string> })).toThrow(InvalidArgumentError);
  });
});

describe("PostPolicy (the seed's validation) and S3.explain('presignPost')", () => {
  it("lists bucket, equals, starts-with, then the length range", () => {
    const p = new PostPolicy("bkt", later);
    p.addStartsWithCondition("$key", "up/");
    p.addEqualsCondition("Content-Type", "image/png");
    p.addEqualsCondition("success_action_status", "201");
    p.addStartsWithCondition("x-amz-meta-tag", "");
    p.addContentLengthRangeCondition(0, 1024);
    const n = s3.explain("presignPost", p);
    expect(n).toEqual({
      kind: "PresignPost", bucket: "bkt", expiration: "2030-01-01T00:00:00.000Z",
      conditions: [["eq", "$bucket", "bkt"], ["eq", "$Content-Type", "image/png"], ["eq", "$success_action_status", "201"],
        ["starts-with", "$key", "up/"], ["starts-with", "$x-amz-meta-tag", ""], ["content-length-range", 0, 1024]],
    });
    expect(Object.isFrozen(n.conditions)).toBe(true);
    p.removeStartsWithCondition("x-amz-meta-tag");
    p.removeContentLengthRangeCondition();
    expect(s3.explain("presignPost", p).conditions).toHaveLength(4);
  });

  it("refuses what the seed refuses", () => {
    const p = new PostPolicy("bkt", later);
    for (const name of ["success_action_redirect", "redirect", "content-length-range", "bucket", "$policy", "x-amz-date", "X-Amz-Signature", "", "$"]) {
      expect(() => p.addEqualsCondition(name, "v"), name).toThrow(InvalidArgumentError);
    }
    for (const name of ["success_action_status", "content-length-range", "x-amz-algorithm", "x-amz-server-side-encryption", "x-amz-credential", "bucket"]) {
      expect(() => p.addStartsWithCondition(name, "v"), name).toThrow(InvalidArgumentError);
    }
    expect(() => p.addContentLengthRangeCondition(-1, 5)).toThrow(InvalidArgumentError);
    expect(() => p.addContentLengthRangeCondition(6, 5)).toThrow(InvalidArgumentError);
    expect(() => p.addContentLengthRangeCondition(1.5, 5)).toThrow(InvalidArgumentError);
    expect(() => p.addEqualsCondition("key", 5 as unknown as string)).toThrow(InvalidArgumentError);
    expect(() => new PostPolicy("bkt", new Date("nope"))).toThrow(InvalidArgumentError);
    expect(() => new PostPolicy("b", later)).toThrow(InvalidArgumentError);
    // No key condition: refused when presigning, before any request.
    expect(() => s3.explain("presignPost", p)).toThrow(/key condition/);
    p.addEqualsCondition("x-amz-meta-owner", "me");
    p.addStartsWithCondition("x-amz-meta-dept", "d");
    p.addEqualsCondition("key", "k");
    expect(s3.explain("presignPost", p).conditions).toHaveLength(4);
  });

  it("presignPost refuses non-policies and anonymous clients", async () => {
    await expect(s3.presignPost({} as PostPolicy)).rejects.toThrow(InvalidArgumentError);
    const anon = new S3({ endpoint: "http://127.0.0.1:9", region: "us-east-1" });
    const p = new PostPolicy("bkt", later);
    p.addEqualsCondition("key", "k");
    await expect(anon.presignPost(p)).rejects.toThrow(InvalidArgumentError);
  });

  it("policy JSON is Python json.dumps-shaped: spaced separators, non-ASCII escaped", () => {
    expect(policyJson("2030-01-01T00:00:00.000Z", [["eq", "$key", "é/😀\u007f\"q"], ["content-length-range", 1, 2]])).toBe(
      '{"expiration": "2030-01-01T00:00:00.000Z", "conditions": [["eq", "$key", "\\u00e9/\\ud83d\\ude00\\u007f\\"q"], ["content-length-range", 1, 2]]}',
    );
  });
});
