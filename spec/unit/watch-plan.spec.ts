import { describe, expect, it } from "vitest";
import { InvalidArgumentError, S3, type NotificationRecord } from "../../lib/index.js";
import { recordObject } from "../../lib/query/record-object.js";

// The watch planner: a query in, the listener filter and client filters out — no server.
const s3 = new S3({ endpoint: "http://127.0.0.1:9000", accessKey: "AKIAEXAMPLE", secretKey: "secret" });
const q = () => s3.bucket("bkt").objects().recursive();
const kinds = (plan: { client: readonly { predicate: { kind: string } }[] }) => plan.client.map((c) => c.predicate.kind);

describe("watch plan: what is pushed into the listener", () => {
  it("listens under the query's prefix for new objects by default, with its reconnect policy", () => {
    const plan = q().prefix("in/").explainWatch();
    expect(plan).toMatchObject({ kind: "Watch", bucket: "bkt", prefix: "in/", client: [], enrich: [] });
    expect(plan.listen).toMatchObject({ kind: "ListenBucketNotification", bucket: "bkt", prefix: "in/", suffix: "", events: ["s3:ObjectCreated:*"] });
    expect(plan.listen?.reconnect).not.toBe(false);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    expect(q().explainWatch({ events: ["s3:ObjectRemoved:*"] }).listen?.events).toEqual(["s3:ObjectRemoved:*"]);
  });

  it("a name or glob with a literal tail becomes the suffix; the longest one wins; predicates stay client-side", () => {
    const plan = q().prefix("in/").name("*.jpg").explainWatch();
    expect(plan.listen).toMatchObject({ prefix: "in/", suffix: ".jpg" });
    expect(kinds(plan)).toEqual(["Name"]);
    expect(q().glob("logs/**/app-*.log").explainWatch().listen).toMatchObject({ prefix: "logs/", suffix: ".log" });
    expect(q().name("*.jpg").glob("**/thumb-*_small.jpg").explainWatch().listen?.suffix).toBe("_small.jpg");
    expect(q().name("*.j?g").explainWatch().listen?.suffix).toBe("g");
    expect(q().name("img-*").explainWatch().listen?.suffix).toBe(""); // ends with a wildcard
    expect(q().ignore("*.tmp").explainWatch().listen?.suffix).toBe(""); // a negation says nothing about the end
    expect(q().where((p) => p.or(p.name("*.jpg"), p.name("*.png"))).explainWatch().listen?.suffix).toBe(""); // not a top-level conjunct
  });

  it("no suffix where it could overlap the prefix (MinIO matches prefix*suffix)", () => {
    expect(q().prefix("a.jpg").name("*.jpg").explainWatch().listen).toMatchObject({ prefix: "a.jpg", suffix: "" });
    expect(q().prefix("x/").name("*.jpg").explainWatch().listen).toMatchObject({ prefix: "x/", suffix: ".jpg" });
  });

  it("a key range or glob head narrows the prefix, as for a listing's scans", () => {
    expect(q().keyBetween("logs/2024-03", "logs/2024-05").explainWatch().listen?.prefix).toBe("logs/2024-0");
    expect(q().glob("2024/*/x.log").explainWatch().listen?.prefix).toBe("2024/");
    expect(q().where((p) => p.or(p.keyBetween("a/1", "a/2"), p.keyBetween("a/5", "a/6"))).explainWatch().listen?.prefix).toBe("a/");
  });

  it("a non-recursive query keeps one level (maxDepth(1)); startAfter becomes a key range", () => {
    const plan = s3.bucket("bkt").objects().prefix("p/").startAfter("p/m").explainWatch();
    expect(plan.listen?.prefix).toBe("p/");
    expect(plan.client.map((c) => c.predicate)).toEqual([{ kind: "MaxDepth", depth: 1 }, { kind: "KeyRange", from: "p/m\u0000" }]);
  });

  it("lookups for predicates that need them, cheap filters first, limit", () => {
    const plan = q().tags({ a: "1" }).contentType("image/*").larger(10).limit(3).lookups(4).explainWatch();
    expect(kinds(plan)).toEqual(["Size", "ContentType", "Tags"]);
    expect(plan.enrich).toEqual([
      { lookup: "HeadObject", fields: ["contentType", "metadata"], concurrency: 4 },
      { lookup: "GetObjectTagging", fields: ["tags"], concurrency: 4 },
    ]);
    expect(plan.limit).toBe(3);
    // withMetadata() does not apply to notifications: lookups still run.
    expect(q().withMetadata().contentType("a/*").explainWatch().enrich.map((e) => e.lookup)).toEqual(["HeadObject"]);
  });

  it("nothing can match: no listener", () => {
    expect(q().keyBetween("a", "b").keyBetween("c", "d").explainWatch().listen).toBeUndefined();
    expect(q().limit(0).explainWatch().listen).toBeUndefined();
  });

  it("explainWatch('text') renders the listener and the filters", () => {
    const text = q().prefix("in/").name("*.jpg").contentType("image/*").limit(5).explainWatch("text", { events: ["s3:ObjectCreated:Put"] });
    expect(text).toBe([
      'Watch bucket="bkt" prefix="in/"',
      '  listen ListenBucketNotification prefix="in/" suffix=".jpg"',
      "    events s3:ObjectCreated:Put",
      "  client filters (in order):",
      '    name("*.jpg")',
      '    contentType("image/*")   [needs head]',
      "  enrich (only entries the record cannot decide):",
      "    HeadObject -> contentType, metadata, 8 in flight",
      "  limit 5",
    ].join("\n"));
    expect(q().keyBetween("a", "b").keyBetween("c", "d").explainWatch("text")).toContain("listen: none");
  });

  it("refuses versions(), bad events and bad predicates when built", () => {
    expect(() => q().versions().explainWatch()).toThrow(InvalidArgumentError);
    expect(() => q().explainWatch({ events: [] })).toThrow(InvalidArgumentError);
    expect(() => q().explainWatch({ idleTimeoutMs: 0 })).toThrow(InvalidArgumentError);
    expect(() => q().glob("a***")).toThrow(InvalidArgumentError);
  });
});

describe("recordObject", () => {
  const record = (object: Record<string, unknown>, eventName = "s3:ObjectCreated:Put") => ({
    eventVersion: "2.0", eventSource: "minio:s3", awsRegion: "", eventTime: "2026-11-30T14:36:13.123Z", eventName,
    userIdentity: { principalId: "x" }, requestParameters: {}, responseElements: {},
    s3: { s3SchemaVersion: "1.0", configurationId: "Config", bucket: { name: "bkt", ownerIdentity: { principalId: "x" }, arn: "arn:aws:s3:::bkt" }, object: { sequencer: "1", ...object } },
    source: { host: "", port: "", userAgent: "" }, bucketName: "bkt", objectName: String(object.key),
  }) as NotificationRecord;

  it("maps key, size, etag, version, event time, content type and metadata", () => {
    expect(recordObject(record({ key: "a b+c.jpg", size: 4, eTag: "\"abc\"", versionId: "v1", contentType: "image/jpeg", userMetadata: { "X-Amz-Meta-Camera": "x" } }))).toEqual({
      bucketName: "bkt", objectName: "a b+c.jpg", size: 4, etag: "abc", versionId: "v1", lastModified: new Date("2026-11-30T14:36:13.123Z"),
      isDeleteMarker: false, isDir: false, contentType: "image/jpeg", metadata: { "X-Amz-Meta-Camera": "x" },
    });
  });

  it("a removal carries no size; a delete-marker event is a delete marker", () => {
    const o = recordObject(record({ key: "k" }, "s3:ObjectRemoved:DeleteMarkerCreated"));
    expect(o.size).toBeUndefined();
    expect(o.isDeleteMarker).toBe(true);
    expect(o.etag).toBeUndefined();
  });
});
