import { describe, expect, it } from "vitest";
import { InvalidArgumentError, type ObjectInfo } from "../../lib/index.js";
import { groupOf, newerFirst, olderFirst, topReducer } from "../../lib/query/aggregates.js";
import { compile } from "../../lib/query/evaluate.js";
import { parseGlob } from "../../lib/query/glob.js";
import { PredicateBuilder } from "../../lib/query/predicate-builder.js";
import { parseDuration, parseSize } from "../../lib/query/units.js";
import { intersect, keyBefore, prefixEnd, regexHead, union } from "../../lib/planner/key-ranges.js";
import { compareUtf8 } from "../../lib/xml/listing-values.js";

const obj = (objectName: string, extra: Partial<ObjectInfo> = {}): ObjectInfo => ({ bucketName: "b", objectName, isDir: false, isDeleteMarker: false, size: 10, lastModified: new Date(0), ...extra });
const ctx = { prefix: "", now: Date.parse("2024-06-01T00:00:00Z"), functions: [], listingMeta: false };

describe("units", () => {
  it("sizes: bytes, decimal and binary units, case-insensitive", () => {
    expect([parseSize(0), parseSize("100"), parseSize("1KB"), parseSize("1KiB"), parseSize("64MiB"), parseSize("1.5gb"), parseSize(" 2 TiB ")])
      .toEqual([0, 100, 1000, 1024, 64 * 1024 ** 2, 1.5e9, 2 * 1024 ** 4]);
    for (const bad of [-1, Number.NaN, Infinity, "", "1XB", "-1KB", "KB", "1 2"]) expect(() => parseSize(bad)).toThrow(InvalidArgumentError);
  });

  it("durations: s/m/h/d/w parts, ms numbers", () => {
    expect([parseDuration("30d"), parseDuration("12h"), parseDuration("1h30m"), parseDuration("2w"), parseDuration("500ms"), parseDuration(42)])
      .toEqual([30 * 86_400_000, 12 * 3_600_000, 90 * 60_000, 14 * 86_400_000, 500, 42]);
    for (const bad of ["", "30", "30 d", "3y", "d", "-1h", -5]) expect(() => parseDuration(bad)).toThrow(InvalidArgumentError);
  });
});

describe("globs", () => {
  const m = (g: string, k: string) => new RegExp(parseGlob(g).source, "u").test(k);
  it("* stays in one level, ** crosses, ? is one character, classes and escapes", () => {
    expect([m("a/*.txt", "a/b.txt"), m("a/*.txt", "a/b/c.txt"), m("a/**.txt", "a/b/c.txt"), m("a/**/c.txt", "a/c.txt")]).toEqual([true, false, true, true]);
    expect([m("?.md", "ü.md"), m("?.md", "/.md"), m("[a-c]x", "bx"), m("[!a-c]x", "bx"), m("\\*x", "*x"), m("\\*x", "ax")]).toEqual([true, false, true, false, true, false]);
    expect([m("a.b", "axb"), m("(x)+", "(x)+"), m("a$", "a$")]).toEqual([false, true, true]);
  });

  it("literal head and one-level facts for the planner", () => {
    expect(parseGlob("logs/ap*.txt")).toMatchObject({ head: "logs/ap", oneLevel: true, literal: false });
    expect(parseGlob("logs/*/x")).toMatchObject({ head: "logs/", oneLevel: false });
    expect(parseGlob("a\\*b*")).toMatchObject({ head: "a*b" });
    expect(parseGlob("plain")).toMatchObject({ head: "plain", literal: true });
  });
});

describe("key-range algebra", () => {
  it("prefixEnd, keyBefore, union, intersect (UTF-8 order)", () => {
    expect([prefixEnd("ab"), prefixEnd("a\u{10FFFF}"), prefixEnd(""), prefixEnd("\u{D7FF}")]).toEqual(["ac", "b", undefined, "\u{E000}"]);
    expect(compareUtf8(keyBefore("k05"), "k05")).toBeLessThan(0);
    expect(compareUtf8(keyBefore("k05"), "k04zzzz")).toBeGreaterThan(0);
    expect(keyBefore("k\u0000")).toBe("k");
    expect(union([{ lo: "c", hi: "d" }, { lo: "a", hi: "b" }, { lo: "b", hi: "c" }])).toEqual([{ lo: "a", hi: "d" }]);
    expect(intersect([{ lo: "a", hi: "m" }], [{ lo: "f" }])).toEqual([{ lo: "f", hi: "m" }]);
    expect(intersect([{ lo: "a", hi: "b" }], [{ lo: "c" }])).toEqual([]);
  });

  it("regex heads: only ^-anchored, no alternation, no i/m flags; quantified last literal dropped", () => {
    expect([regexHead({ source: "^logs\\/2024-0?1", flags: "" }), regexHead({ source: "^ab+", flags: "" }), regexHead({ source: "^a\\.b", flags: "" })]).toEqual(["logs/2024-", "a", "a.b"]);
    expect([regexHead({ source: "ab", flags: "" }), regexHead({ source: "^ab", flags: "i" }), regexHead({ source: "^a|b", flags: "" }), regexHead({ source: "^\\d", flags: "" })]).toEqual(["", "", "", ""]);
  });
});

describe("evaluation is three-valued", () => {
  const fns: Array<(o: ObjectInfo) => boolean> = [];
  const p = new PredicateBuilder(fns);
  it("lookups are asked for only when the listing cannot decide", () => {
    const t = compile(p.or(p.name("*.jpg"), p.tags({ env: "prod" })), ctx);
    expect(t(obj("a.jpg"), undefined)).toBe(true);
    expect(t(obj("a.png"), undefined)).toBe(undefined);
    expect(t(obj("a.png"), { tags: { env: "prod" } })).toBe(true);
    expect(t(obj("a.png"), { tags: {} })).toBe(false);
    const n = compile(p.not(p.contentType("image/*")), ctx);
    expect([n(obj("x"), undefined), n(obj("x"), { contentType: "IMAGE/PNG" }), n(obj("x"), { contentType: "text/plain" })]).toEqual([undefined, false, true]);
    expect(compile(p.and(p.larger(100), p.tags({ a: "b" })), ctx)(obj("x"), undefined)).toBe(false); // decided by size alone
  });

  it("an entry carrying its own content type and metadata (a notification record) needs no lookup", () => {
    const record = obj("x", { contentType: "image/png", metadata: { "X-Amz-Meta-Camera": "x100", "content-type": "image/png" } });
    expect(compile(p.contentType("image/*"), ctx)(record, undefined)).toBe(true);
    expect(compile(p.contentType("text/*"), ctx)(record, undefined)).toBe(false);
    expect(compile(p.metadata({ camera: /^x/ }), ctx)(record, undefined)).toBe(true);
    expect(compile(p.metadata({ camera: "canon" }), ctx)(record, undefined)).toBe(false);
    expect(compile(p.tags({ a: "b" }), ctx)(record, undefined)).toBe(undefined); // records carry no tags
  });

  it("ages count back from the run's now; common prefixes and delete markers never match object fields", () => {
    const older = compile(p.olderThan("1d"), ctx);
    expect([older(obj("x", { lastModified: new Date(ctx.now - 2 * 86_400_000) }), undefined), older(obj("x", { lastModified: new Date(ctx.now - 1000) }), undefined)]).toEqual([true, false]);
    expect(compile(p.smaller(1e9), ctx)(obj("d/", { isDir: true, size: undefined }), undefined)).toBe(false);
    expect(compile(p.metadata({ a: "b" }), ctx)(obj("x", { isDeleteMarker: true }), undefined)).toBe(false);
  });

  it("maxDepth counts '/' after the prefix; name and ignore look at the last segment", () => {
    const d = compile(p.maxDepth(2), { ...ctx, prefix: "p/" });
    expect([d(obj("p/a"), undefined), d(obj("p/a/b"), undefined), d(obj("p/a/b/c"), undefined), d(obj("p/a/", { isDir: true }), undefined)]).toEqual([true, true, false, true]);
    expect(compile(p.ignore("*.tmp"), ctx)(obj("a.tmp/b.txt"), undefined)).toBe(true);
  });
});

describe("aggregation reducers", () => {
  it("newest/oldest keep a heap of n that equals sorting everything", () => {
    const xs = Array.from({ length: 500 }, (_, i) => obj(`k${(i * 7919) % 500}`, { lastModified: new Date(((i * 104729) % 97) * 1000) }));
    for (const [order, n] of [[newerFirst, 10], [olderFirst, 25], [newerFirst, 600]] as const) {
      const r = topReducer(n, order);
      const acc = r.seed();
      for (const x of xs) r.step(acc, x);
      expect(acc.length).toBe(Math.min(n, xs.length));
      expect(r.result(acc)).toEqual([...xs].sort(order).slice(0, n));
    }
  });

  it("groupOf: the prefix plus up to depth directory levels", () => {
    expect([groupOf("p/a/b/c.txt", "p/", 1), groupOf("p/a/b/c.txt", "p/", 2), groupOf("p/c.txt", "p/", 2), groupOf("p/a/b/c.txt", "p/", 0)]).toEqual(["p/a/", "p/a/b/", "p/", "p/"]);
  });
});
