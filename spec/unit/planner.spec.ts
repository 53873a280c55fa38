import { describe, expect, it } from "vitest";
import { InvalidArgumentError, S3, type ListObjectsNode } from "../../lib/index.js";

// The planner like a SQL planner: a query in, the expected physical plan out — no server.
const s3 = new S3({ endpoint: "http://127.0.0.1:9000", accessKey: "AKIAEXAMPLE", secretKey: "secret" });
const q = () => s3.bucket("bkt").objects().recursive();
const base = { kind: "ListObjects", bucket: "bkt", api: "v2", includeUserMeta: false, urlEncoding: true, pageSize: 1000 } as const;
const scan = (extra: Partial<ListObjectsNode>) => ({ ...base, prefix: "", ...extra });
const MAX = "\u{10FFFF}"; // the greatest character: what a start-after just before a key ends with
const kinds = (plan: { client: readonly { predicate: { kind: string } }[] }) => plan.client.map((c) => c.predicate.kind);

describe("push-down of key ranges, globs and regexes", () => {
  it("a plain query is today's listing node inside the plan, with nothing client-side", () => {
    expect(q().prefix("a/").explain()).toEqual({ kind: "Query", bucket: "bkt", prefix: "a/", scans: [scan({ prefix: "a/" })], client: [], enrich: [] });
    expect(q().startAfter("a/k").explain().scans).toEqual([scan({ startAfter: "a/k" })]);
  });

  it("keyBetween: prefix = what every key in the range shares, start after the key one shorter, stop at `to`", () => {
    expect(q().keyBetween("k05000", "k05100").explain().scans).toEqual([scan({ prefix: "k05", startAfter: `k0500/${MAX}`, startAt: "k05000", stopAt: "k05100" })]);
    expect(q().keyBetween("logs/2024-03", "logs/2024-05").explain().scans).toEqual([
      scan({ prefix: "logs/2024-0", startAfter: `logs/2024-02${MAX}`, startAt: "logs/2024-03", stopAt: "logs/2024-05" }),
    ]);
    // A range that is exactly "every key with this prefix" is a prefix, nothing more.
    expect(q().keyBetween("logs/2024-03", "logs/2024-04").explain().scans).toEqual([scan({ prefix: "logs/2024-03" })]);
    // Start after a NUL is exact.
    expect(q().keyBetween("k\u0000", "l").explain().scans).toEqual([scan({ prefix: "k", startAfter: "k" })]);
    // An open range has no stop; a range starting at the prefix needs no start-after.
    expect(q().prefix("p/").keyBetween("p/m").explain().scans).toEqual([scan({ prefix: "p/", startAfter: `p/l${MAX}`, startAt: "p/m" })]);
  });

  it("a glob or regex with a literal head becomes a prefix; a literal glob is one key", () => {
    expect(q().glob("2024/*/app-*.log").explain().scans).toEqual([scan({ prefix: "2024/" })]);
    expect(q().match(/^logs\/2024-0?1/).explain().scans).toEqual([scan({ prefix: "logs/2024-" })]);
    expect(q().match(/^logs/i).explain().scans).toEqual([scan({})]); // case-insensitive: nothing to push
    expect(q().match(/^a|^b/).explain().scans).toEqual([scan({})]); // alternation: nothing to push
    expect(q().glob("exact/key.txt").explain().scans).toEqual([scan({ prefix: "exact/key.txt", delimiter: "/", skipDirs: true, stopAt: "exact/key.txt\u0000" })]);
  });

  it("a glob on one path level is a '/' listing that drops common prefixes", () => {
    expect(q().prefix("logs/").glob("logs/ap*.txt").explain().scans).toEqual([scan({ prefix: "logs/ap", delimiter: "/", skipDirs: true })]);
    expect(q().prefix("p/").maxDepth(1).explain().scans).toEqual([scan({ prefix: "p/", delimiter: "/", skipDirs: true })]);
    // ** crosses levels, maxDepth(2) spans two: no delimiter.
    expect(q().glob("logs/**.txt").explain().scans[0]).not.toHaveProperty("delimiter");
    expect(q().prefix("p/").maxDepth(2).explain().scans[0]).not.toHaveProperty("delimiter");
    // A "/" after the scan's prefix in the glob's head: a "/" listing would roll the matches up.
    expect(q().glob("a/b*").keyBetween("a", "b").explain().scans[0]).toMatchObject({ prefix: "a/b", delimiter: "/" });
  });

  it("or of disjoint key ranges: one scan per range, in key order; overlapping ranges merge", () => {
    const plan = q().where((p) => p.or(p.keyBetween("x1", "x5"), p.keyBetween("a1", "a3"), p.keyBetween("m", "n"))).explain();
    expect(plan.scans.map((s) => [s.prefix, s.startAt ?? null, s.stopAt ?? null])).toEqual([["a", "a1", "a3"], ["m", null, null], ["x", "x1", "x5"]]);
    const merged = q().where((p) => p.or(p.keyBetween("a", "c"), p.keyBetween("b", "d"))).explain();
    expect(merged.scans).toEqual([scan({ startAfter: `\`${MAX}`, startAt: "a", stopAt: "d" })]);
  });

  it("and intersects: ranges narrow each other; disjoint conditions plan no scan at all", () => {
    expect(q().keyBetween("a", "m").keyBetween("f", "z").explain().scans).toEqual([scan({ startAfter: `e${MAX}`, startAt: "f", stopAt: "m" })]);
    expect(q().keyBetween("b", "c").glob("x*").explain().scans).toEqual([]);
    expect(q().prefix("a/").keyBetween("b", "c").explain().scans).toEqual([]);
    expect(q().limit(0).explain().scans).toEqual([]);
  });

  it("the query's own startAfter is exact (no startAt); a range inside it keeps the later start", () => {
    expect(q().startAfter("k3").keyBetween("k1", "k5").explain().scans).toEqual([scan({ prefix: "k", startAfter: "k3", stopAt: "k5" })]);
  });

  it("not and name push nothing down", () => {
    expect(q().where((p) => p.not(p.keyBetween("a", "b"))).explain().scans).toEqual([scan({})]);
    expect(q().name("*.jpg").explain().scans).toEqual([scan({})]);
  });

  it("a non-recursive query never narrows its prefix past a '/' (that would change its common prefixes)", () => {
    const nr = s3.bucket("bkt").objects().prefix("a/");
    expect(nr.keyBetween("a/b/c", "a/b/d").explain().scans).toEqual([scan({ prefix: "a/b", delimiter: "/", startAfter: `a/b/b${MAX}`, startAt: "a/b/c", stopAt: "a/b/d" })]);
  });

  it("limit without client filters shrinks the page to the limit", () => {
    expect(q().limit(5).explain()).toMatchObject({ limit: 5, scans: [scan({ pageSize: 5 })] });
    expect(q().name("*.x").limit(5).explain().scans[0].pageSize).toBe(1000);
  });
});

describe("client filters and enrichment", () => {
  it("orders cheap tests first: key tests, size/age, user code, HEAD, tags (stable among equals)", () => {
    const plan = q().tags({ env: "prod" }).contentType("image/*").filter(function big() { return true; }).larger(10).name("*.jpg").explain();
    expect(kinds(plan)).toEqual(["Name", "Size", "UserFilter", "ContentType", "Tags"]);
    expect(plan.client.map((c) => c.needs)).toEqual([[], [], [], ["head"], ["tags"]]);
    expect(plan.enrich).toEqual([
      { lookup: "HeadObject", fields: ["contentType", "metadata"], concurrency: 8 },
      { lookup: "GetObjectTagging", fields: ["tags"], concurrency: 8 },
    ]);
    expect(plan.client[2].predicate).toEqual({ kind: "UserFilter", name: "big", index: 0 });
  });

  it("a composed predicate costs what its dearest part costs and needs what its parts need", () => {
    const plan = q().where((p) => p.or(p.name("*.jpg"), p.metadata({ Camera: /nikon/i }))).larger("1KiB").lookups(3).explain();
    expect(kinds(plan)).toEqual(["Size", "Or"]);
    expect(plan.client[1].needs).toEqual(["head"]);
    expect(plan.enrich).toEqual([{ lookup: "HeadObject", fields: ["contentType", "metadata"], concurrency: 3 }]);
    expect(plan.client[1].predicate).toEqual({ kind: "Or", of: [{ kind: "Name", pattern: "*.jpg" }, { kind: "Metadata", match: [{ name: "camera", regex: { source: "nikon", flags: "i" } }] }] });
  });

  it("withMetadata(): MinIO's metadata listing serves content type, metadata and tags — no lookups", () => {
    const plan = q().withMetadata().tags({ env: "prod" }).contentType("text/*").explain();
    expect(plan.enrich).toEqual([{ lookup: "MetadataListing", fields: ["contentType", "metadata", "tags"], concurrency: 0 }]);
    expect(plan.client.every((c) => c.needs.length === 0)).toBe(true);
    expect(plan.scans[0].includeUserMeta).toBe(true);
  });

  it("explain() is JSON-safe and frozen: no Date, RegExp, function or class instance", () => {
    const plan = q().olderThan(new Date("2024-01-02T03:04:05Z")).newerThan("12h").match(/x+/g).filter((o) => o.size! > 1).tags({ a: /b/ }).explain();
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    expect(Object.isFrozen(plan) && Object.isFrozen(plan.client) && Object.isFrozen(plan.client[0].predicate)).toBe(true);
    expect(plan.client.map((c) => c.predicate)).toContainEqual({ kind: "Age", op: "olderThan", at: "2024-01-02T03:04:05.000Z" });
    expect(plan.client.map((c) => c.predicate)).toContainEqual({ kind: "Age", op: "newerThan", ageMs: 12 * 3600_000 });
    expect(plan.client.map((c) => c.predicate)).toContainEqual({ kind: "Match", regex: { source: "x+", flags: "" } });
    expect(plan.client.map((c) => c.predicate)).toContainEqual({ kind: "UserFilter", name: "anonymous", index: 0 });
  });

  it("explain('text') renders the same plan as an indented tree", () => {
    const text = q().keyBetween("k05000", "k05100").larger("1MiB").tags({ env: "prod" }).limit(10).explain("text");
    expect(text).toBe([
      'Query bucket="bkt" prefix=""',
      "  scans (1, in key order):",
      '    ListObjectsV2 prefix="k05" startAfter="k0500/\\u{10FFFF}" startAt="k05000" stopAt="k05100" pageSize=1000',
      "  client filters (in order):",
      '    keyBetween("k05000", "k05100")',
      "    larger(1048576 bytes)",
      '    tags({ env: "prod" })   [needs tags]',
      "  enrich (only entries the listing cannot decide):",
      "    GetObjectTagging -> tags, 8 in flight",
      "  limit 10",
    ].join("\n"));
  });
});

describe("bad input is refused when the query is built", () => {
  const bad: Array<[string, () => unknown]> = [
    ["malformed glob", () => q().glob("a[b")],
    ["*** glob", () => q().glob("a/***")],
    ["name with /", () => q().name("a/*.jpg")],
    ["malformed duration", () => q().olderThan("30 days")],
    ["unknown duration unit", () => q().newerThan("3y")],
    ["negative age", () => q().olderThan(-5)],
    ["invalid Date", () => q().olderThan(new Date("nope"))],
    ["negative size", () => q().larger(-1)],
    ["malformed size", () => q().smaller("12 parsecs")],
    ["reversed range", () => q().keyBetween("b", "a")],
    ["maxDepth 0", () => q().maxDepth(0)],
    ["empty metadata", () => q().metadata({})],
    ["tag value of a wrong type", () => q().tags({ a: 1 as unknown as string })],
    ["negative limit", () => q().limit(-1)],
    ["empty or", () => q().where((p) => p.or())],
    ["not a predicate", () => q().where((p) => p.and({ kind: "Glob", pattern: "x" }))],
    ["latest() without versions()", () => q().latest().explain()],
    ["deleteMarkers() without versions()", () => q().deleteMarkers().count()],
  ];
  for (const [what, f] of bad) {
    it(what, () => expect(f).toThrow(InvalidArgumentError));
  }

  it("versions predicates are accepted on a versions() query, in any call order", () => {
    expect(kinds(q().latest().versions().explain())).toEqual(["Latest"]);
  });
});
