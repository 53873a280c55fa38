import { describe, expect, it } from "vitest";
import { InvalidArgumentError, Minio, NetworkError, S3 } from "../../lib/index.js";
import { checkBucketName } from "../../lib/validate/index.js";

// A client whose endpoint has nothing listening: if a request were sent, it would fail with
// a NetworkError (connection refused), so an InvalidArgumentError proves nothing was sent.
const dead = { endpoint: "http://127.0.0.1:9", accessKey: "AKIAEXAMPLE", secretKey: "secret", region: "us-east-1", retry: { maxAttempts: 1 } };
const s3 = new S3(dead);
const minio = new Minio(dead.endpoint, dead);

describe("bucket names", () => {
  it.each([
    ["ab", "3 to 63"],
    ["a".repeat(64), "3 to 63"],
    ["192.168.1.1", "IP address"],
    ["my..bucket", '".."'],
    ["my-.bucket", '".-"'],
    ["-bucket", "begin and end"],
    ["bucket-", "begin and end"],
    ["my bucket", "may contain only"],
  ])("refuses %j (%s)", (name, why) => {
    expect(() => s3.bucket(name)).toThrow(InvalidArgumentError);
    expect(() => s3.bucket(name)).toThrow(why);
  });

  it("refuses names that break the strict rules only when creating", async () => {
    const legacy = s3.bucket("Legacy_Bucket"); // allowed for existing buckets, as in the seed
    await expect(legacy.create()).rejects.toThrow(/lower-case letters/);
    await expect(s3.bucket("xn--bucket").create()).rejects.toThrow(/xn--/);
    await expect(s3.bucket("bucket-s3alias").create()).rejects.toThrow(/s3alias/);
  });

  it("accepts valid names", () => {
    for (const n of ["abc", "my-bucket.v2", "a".repeat(63), "0bucket9"]) expect(() => checkBucketName(n, true)).not.toThrow();
  });

  it("refuses non-strings", () => {
    expect(() => s3.bucket(42 as unknown as string)).toThrow(/must be a string/);
  });
});

describe("object names", () => {
  it("refuses an empty name", () => {
    expect(() => s3.bucket("abc").object("")).toThrow(/must not be empty/);
  });
  it("refuses more than 1024 bytes of UTF-8, counting bytes not characters", () => {
    expect(() => s3.bucket("abc").object("a".repeat(1024))).not.toThrow();
    expect(() => s3.bucket("abc").object("a".repeat(1025))).toThrow(/1025 bytes/);
    expect(() => s3.bucket("abc").object("ü".repeat(513))).toThrow(/1026 bytes/); // 2 bytes each
  });
});

describe("offsets, lengths, regions, bodies", () => {
  const o = s3.bucket("abc").object("k");
  it("refuses a negative or fractional offset and a zero length", async () => {
    await expect(o.get({ offset: -1 })).rejects.toThrow(/offset must be between 0/);
    await expect(o.get({ offset: 1.5 })).rejects.toThrow(/offset must be an integer/);
    await expect(o.get({ offset: 0, length: 0 })).rejects.toThrow(/length must be between 1/);
  });
  it("refuses a bad region", async () => {
    await expect(s3.bucket("abc").create({ region: "us east" })).rejects.toThrow(/invalid region/);
    expect(() => new S3({ ...dead, region: "a/b" })).toThrow(/invalid region/);
  });
  it("plans a stream without size as a multipart upload, and refuses a size that does not match", async () => {
    const { Readable } = await import("node:stream");
    expect(o.explain("put", Readable.from([Buffer.from("x")]))).toMatchObject({ kind: "MultipartUpload", size: null, partCount: null });
    await expect(o.put("abc", { size: 4 })).rejects.toThrow(/does not match/);
  });
  it("refuses metadata that would inject headers", async () => {
    await expect(o.put("x", { metadata: { a: "1\r\nx-evil: 1" } })).rejects.toThrow(/line breaks/);
    await expect(o.put("x", { metadata: { "bad key": "1" } })).rejects.toThrow(/invalid metadata key/);
  });
  it("refuses pageSize outside 1..1000", () => {
    expect(() => s3.bucket("abc").objects().pageSize(0)).toThrow(/1 to 1000/);
    expect(() => s3.bucket("abc").objects().pageSize(1001)).toThrow(/1 to 1000/);
  });
  it("refuses conflicting listing options", () => {
    expect(() => minio.listObjects("abc", { includeVersion: true, includeUserMeta: true })).toThrow(/ListObjectsV2 only/);
  });
  it("refuses inconsistent credentials and endpoints", () => {
    expect(() => new S3({ endpoint: "http://x", accessKey: "a" })).toThrow(/both accessKey and secretKey/);
    expect(() => new S3({ endpoint: "ftp://x" })).toThrow(/http or https/);
    expect(() => new S3({ endpoint: "http://x/path" })).toThrow(/path/);
    expect(() => new S3({ endpoint: "" })).toThrow(InvalidArgumentError);
  });
});

describe("facade validation rejects before sending", () => {
  it.each([
    ["makeBucket", () => minio.makeBucket("Bad_Name")],
    ["bucketExists", () => minio.bucketExists("a")],
    ["removeBucket", () => minio.removeBucket("a..b")],
    ["putObject", () => minio.putObject("abc", "", Buffer.from("x"), 1)],
    ["putObject length", () => minio.putObject("abc", "k", Buffer.from("x"), -2)],
    ["getObject", () => minio.getObject("abc", "k", { offset: -5 })],
    ["statObject", () => minio.statObject("ab", "k")],
    ["removeObject", () => minio.removeObject("abc", "k", { versionId: "" })],
  ])("%s", async (_name, call) => {
    await expect(call()).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("a valid call does reach the (dead) network, so the checks above are meaningful", async () => {
    await expect(minio.statObject("abc", "k")).rejects.toBeInstanceOf(NetworkError);
  });
});
