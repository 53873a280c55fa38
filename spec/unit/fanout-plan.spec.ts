import { describe, expect, it } from "vitest";
import { InvalidArgumentError, S3, type ObjectInfo } from "../../lib/index.js";
import { levelNode, levelSegments, levelStartAfter, MAX_DESCENT, scanNode, shouldDescend, type FanoutSegment } from "../../lib/plan/fanout-plan.js";
import type { ListObjectsNode } from "../../lib/plan/nodes.js";

const s3 = new S3({ endpoint: "http://127.0.0.1:9000", accessKey: "AKIAEXAMPLE", secretKey: "secret" });
const q = s3.bucket("photos").objects();

const query = (extra: Partial<ListObjectsNode> = {}): ListObjectsNode => ({
  kind: "ListObjects", bucket: "b", api: "v2", prefix: "", includeUserMeta: false, urlEncoding: true, pageSize: 1000, parallel: 8, ordered: false, ...extra,
});
const key = (objectName: string): ObjectInfo => ({ bucketName: "b", objectName, isDir: false, isDeleteMarker: false });
const dir = (objectName: string): ObjectInfo => ({ bucketName: "b", objectName, isDir: true, isDeleteMarker: false });
/** A segment list as short strings: "k:name" for entries, "s:prefix>startAfter" for scans. */
const show = (segments: FanoutSegment[]) =>
  segments.map((s) => (s.kind === "entry" ? `k:${s.entry.objectName}` : `s:${s.node.prefix}${s.node.startAfter !== undefined ? `>${s.node.startAfter}` : ""}`));

describe("ObjectsQuery.parallel() / ordered()", () => {
  it("explain() shows the fan-out on a recursive query; parallel(1) is the plain sequential plan", () => {
    expect(q.recursive().parallel(8).explain().scans[0]).toEqual({
      kind: "ListObjects", bucket: "photos", api: "v2", prefix: "", includeUserMeta: false, urlEncoding: true, pageSize: 1000, parallel: 8, ordered: false,
    });
    expect(q.recursive().parallel(4).ordered().explain().scans[0]).toMatchObject({ parallel: 4, ordered: true });
    expect(q.recursive().parallel(1).explain().scans[0]).not.toHaveProperty("parallel");
    expect(q.recursive().parallel(64).explain().scans[0]).toMatchObject({ parallel: 64 });
  });

  it("refuses a count outside 1..64 or not an integer, before anything is sent", () => {
    for (const n of [0, 65, 1.5, -1, Number.NaN]) expect(() => q.parallel(n)).toThrow(InvalidArgumentError);
  });

  it("refuses to fan out a non-recursive (one-level) listing", () => {
    expect(() => q.parallel(8).explain()).toThrow(/recursive/);
    expect(() => q.parallel(8).stream()).toThrow(InvalidArgumentError);
  });
});

describe("fan-out planning (pure)", () => {
  it("a level listing starts at the start key cut at the level's next '/'", () => {
    expect(levelStartAfter("", undefined)).toBeUndefined();
    expect(levelStartAfter("", "a/b/c")).toBe("a");
    expect(levelStartAfter("a/", "a/b/c")).toBe("a/b");
    expect(levelStartAfter("a/", "a/k5")).toBe("a/k5");
    expect(levelStartAfter("b/", "a/k5")).toBeUndefined(); // the level is entirely after the start key
    expect(levelStartAfter("a/", "b")).toBe("b"); // the level is entirely before it: the server returns nothing
    expect(levelNode(query({ startAfter: "p3/k9" }), "")).toMatchObject({ prefix: "", delimiter: "/", startAfter: "p3" });
    expect(levelNode(query(), "x/")).not.toHaveProperty("parallel");
  });

  it("a scan is a recursive listing of one prefix, starting after the start key only when it falls inside", () => {
    expect(scanNode(query({ startAfter: "p3/k9" }), "p3/")).toEqual({
      kind: "ListObjects", bucket: "b", api: "v2", prefix: "p3/", startAfter: "p3/k9", includeUserMeta: false, urlEncoding: true, pageSize: 1000,
    });
    expect(scanNode(query({ startAfter: "p3/k9" }), "p4/")).not.toHaveProperty("startAfter");
    expect(Object.isFrozen(scanNode(query(), "p/"))).toBe(true);
  });

  it("segments come out in key order: keys are merged with the prefixes a page lists after them", () => {
    // a page lists <Contents> before <CommonPrefixes>; "p1.txt" sorts before "p1/" ('.' < '/')
    const page = [key("a.txt"), key("p1.txt"), key("z"), dir("p0/"), dir("p1/"), dir("q/")];
    expect(show(levelSegments(query(), page))).toEqual(["k:a.txt", "s:p0/", "k:p1.txt", "s:p1/", "s:q/", "k:z"]);
  });

  it("the start key drops earlier keys and prefixes and starts the prefix it falls in", () => {
    const page = [key("a.txt"), key("p1.txt"), key("z"), dir("p0/"), dir("p1/"), dir("q/")];
    expect(show(levelSegments(query({ startAfter: "p1/k5" }), page))).toEqual(["s:p1/>p1/k5", "s:q/", "k:z"]);
    expect(show(levelSegments(query({ startAfter: "p1.txt" }), page))).toEqual(["s:p1/", "s:q/", "k:z"]);
    expect(show(levelSegments(query({ startAfter: "p1/" }), page))).toEqual(["s:p1/>p1/", "s:q/", "k:z"]);
    expect(show(levelSegments(query({ startAfter: "zz" }), page))).toEqual([]);
  });

  it("keeps the versions of one key in the server's order (the merge is stable)", () => {
    const v = (versionId: string): ObjectInfo => ({ ...key("k"), versionId });
    const out = levelSegments(query({ api: "versions" }), [dir("a/"), v("3"), v("2"), v("1")]);
    expect(out.map((s) => (s.kind === "entry" ? s.entry.versionId : s.node.prefix))).toEqual(["a/", "3", "2", "1"]);
  });

  it("descends only while too few prefixes turn up to fill the scans, and at most MAX_DESCENT levels", () => {
    const scans = (n: number) => levelSegments(query(), Array.from({ length: n }, (_, i) => dir(`d${i}/`)));
    expect(shouldDescend(scans(1), 8, 0)).toBe(true); // one top prefix holding everything
    expect(shouldDescend(scans(7), 8, 0)).toBe(true);
    expect(shouldDescend(scans(8), 8, 0)).toBe(false);
    expect(shouldDescend(scans(0), 8, 0)).toBe(false); // only keys: nothing to descend into
    expect(shouldDescend(scans(1), 8, MAX_DESCENT)).toBe(false);
  });
});
