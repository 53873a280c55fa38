import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { S3 } from "../../lib/index.js";
import { testRequest } from "../support/test-request.js";

const s3 = new S3({ endpoint: "http://127.0.0.1:9000", accessKey: "AKIAEXAMPLE", secretKey: "secret" });
const b = s3.bucket("photos");

describe("plans are plain, frozen data", () => {
  it("a listing query is immutable: each call returns a new query", () => {
    const base = b.objects();
    const derived = base.prefix("2024/").recursive();
    expect(base.explain().scans[0]).toEqual({ kind: "ListObjects", bucket: "photos", api: "v2", prefix: "", delimiter: "/", includeUserMeta: false, urlEncoding: true, pageSize: 1000 });
    expect(derived.explain().scans[0]).toMatchObject({ prefix: "2024/", api: "v2" });
    expect(derived.explain().scans[0]).not.toHaveProperty("delimiter");
    expect(Object.isFrozen(derived.explain().scans[0])).toBe(true);
    expect(JSON.parse(JSON.stringify(derived.explain().scans[0]))).toEqual(derived.explain().scans[0]);
  });

  it("explain shows object operations without running them", () => {
    const o = b.object("a b.txt").version("v1");
    expect(o.explain("get", { offset: 5, length: 10 })).toEqual({
      kind: "GetObject", bucket: "photos", key: "a b.txt", versionId: "v1", range: { offset: 5, length: 10 }, headers: {}, query: {},
    });
    expect(o.explain("remove")).toEqual({ kind: "DeleteObject", bucket: "photos", key: "a b.txt", versionId: "v1", bypassGovernance: false });
    expect(b.object("k").explain("put", "hello", { metadata: { Owner: "me", "Cache-Control": "no-cache" } })).toEqual({
      kind: "PutObject", bucket: "photos", key: "k", size: 5,
      headers: { "x-amz-meta-owner": "me", "cache-control": "no-cache", "content-type": "application/octet-stream" },
    });
    expect(b.explain("create", { region: "eu-west-1", objectLock: true })).toEqual({ kind: "MakeBucket", bucket: "photos", region: "eu-west-1", objectLock: true });
    expect(s3.buckets().explain()).toEqual({ kind: "ListBuckets" });
  });
});

describe("compiled requests (no server)", () => {
  it("ListObjectsV2, recursive, with start-after and metadata", () => {
    const r = testRequest(b.objects().prefix("a/").recursive().startAfter("a/k").withMetadata().pageSize(500).explain().scans[0]);
    expect(r).toEqual({
      method: "GET", host: "127.0.0.1:9000", path: "/photos",
      query: "encoding-type=url&list-type=2&max-keys=500&metadata=true&prefix=a%2F&start-after=a%2Fk", headers: {},
    });
  });

  it("ListObjects V1 uses marker; versions uses key-marker", () => {
    expect(testRequest(b.objects().apiV1().startAfter("m").explain().scans[0]).query).toBe("delimiter=%2F&encoding-type=url&marker=m&max-keys=1000&prefix=");
    expect(testRequest(b.objects().versions().startAfter("m").urlEncoding(false).explain().scans[0]).query).toBe("delimiter=%2F&key-marker=m&max-keys=1000&prefix=&versions=");
  });

  it("object keys are encoded once in the path; '/' is kept", () => {
    const r = testRequest(b.object("dir/a b+c%d ü\n.txt").explain("stat"));
    expect(r).toMatchObject({ method: "HEAD", path: "/photos/dir/a%20b%2Bc%25d%20%C3%BC%0A.txt", query: "" });
  });

  it("ranges: offset+length and open-ended", () => {
    expect(testRequest(b.object("k").explain("get", { offset: 10, length: 5 })).headers).toEqual({ range: "bytes=10-14" });
    expect(testRequest(b.object("k").explain("get", { offset: 10 })).headers).toEqual({ range: "bytes=10-" });
    expect(testRequest(b.object("k").explain("get", { length: 3 })).headers).toEqual({ range: "bytes=0-2" });
  });

  it("versioned get, stat and remove carry versionId; extra query params pass through", () => {
    const o = b.object("k").version("3/4");
    expect(testRequest(o.explain("get", { extraQueryParams: { "response-content-type": "text/plain" } })).query)
      .toBe("response-content-type=text%2Fplain&versionId=3%2F4");
    expect(testRequest(o.explain("remove", { bypassGovernance: true }))).toMatchObject({
      method: "DELETE", query: "versionId=3%2F4", headers: { "x-amz-bypass-governance-retention": "true" },
    });
  });

  it("MakeBucket sends a location constraint outside us-east-1 and the object-lock header", () => {
    const r = testRequest(b.explain("create", { region: "eu-west-1", objectLock: true }));
    expect(r.method).toBe("PUT");
    expect(r.headers).toMatchObject({ "x-amz-bucket-object-lock-enabled": "true", "content-type": "application/xml" });
    expect(r.body).toContain("<LocationConstraint>eu-west-1</LocationConstraint>");
    expect(testRequest(b.explain("create")).body).toBeUndefined();
  });

  it("PutObject of a stream declares its length", () => {
    const node = b.object("k").explain("put", Readable.from([]), { size: 42, contentType: "text/plain" });
    if (node.kind !== "PutObject") throw new Error(`expected a single PUT, got ${node.kind}`);
    const r = testRequest(node);
    expect(r.headers).toEqual({ "content-type": "text/plain", "content-length": "42" });
  });

  it("virtual-host style on AWS, path style on IPs and when forced", () => {
    const node = b.object("x.txt").explain("stat");
    expect(testRequest(node, { endpoint: "https://s3.amazonaws.com", region: "eu-west-1" })).toMatchObject({ host: "photos.s3.eu-west-1.amazonaws.com", path: "/x.txt" });
    expect(testRequest(node, { endpoint: "s3.us-west-2.amazonaws.com", region: "us-west-2" })).toMatchObject({ host: "photos.s3.us-west-2.amazonaws.com", path: "/x.txt" });
    expect(testRequest(node, { endpoint: "https://s3.amazonaws.com", pathStyle: true })).toMatchObject({ host: "s3.amazonaws.com", path: "/photos/x.txt" });
    expect(testRequest(node, { endpoint: "http://10.0.0.1:9000" })).toMatchObject({ host: "10.0.0.1:9000", path: "/photos/x.txt" });
    const dotted = s3.bucket("my.photos").object("x").explain("stat");
    expect(testRequest(dotted, { endpoint: "https://s3.amazonaws.com" })).toMatchObject({ host: "s3.amazonaws.com", path: "/my.photos/x" });
  });
});
