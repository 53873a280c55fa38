import { describe, expect, it } from "vitest";
import type { ObjectInfo } from "../../lib/index.js";
import { clipToPrefix, keyInside, prefixIntersects, type ScanBounds } from "../../lib/plan/fanout-clip.js";
import { levelNode, levelSegments, scanNode, type FanoutSegment } from "../../lib/plan/fanout-plan.js";
import type { ListObjectsNode } from "../../lib/plan/nodes.js";

// The fan-out honours its scan's key interval: pure clipping, checked case by case and
// against brute force over a small key universe.
const query = (extra: Partial<ListObjectsNode> = {}): ListObjectsNode => ({
  kind: "ListObjects", bucket: "b", api: "v2", prefix: "", includeUserMeta: false, urlEncoding: true, pageSize: 1000, parallel: 8, ordered: false, ...extra,
});
const key = (objectName: string): ObjectInfo => ({ bucketName: "b", objectName, isDir: false, isDeleteMarker: false });
const dir = (objectName: string): ObjectInfo => ({ bucketName: "b", objectName, isDir: true, isDeleteMarker: false });
const show = (segments: FanoutSegment[]) => segments.map((s) => {
  if (s.kind === "entry") return `k:${s.entry.objectName}`;
  const { prefix, startAfter, startAt, stopAt } = s.node;
  return `s:${prefix}${startAfter !== undefined ? ` >${startAfter}` : ""}${startAt !== undefined ? ` >=${startAt}` : ""}${stopAt !== undefined ? ` <${stopAt}` : ""}`;
});

describe("fan-out key interval clipping", () => {
  const range: ScanBounds = { startAfter: "p42/k04\u{10FFFF}", startAt: "p42/k050", stopAt: "p43/k050" };

  it("only prefixes that intersect [startAt, stopAt) are scanned", () => {
    expect(["p41/", "p42/", "p43/", "p44/", "p4", "p43/k050/", "p43/k04/", "p42/k04/", "p42/k05/"].filter((p) => prefixIntersects(range, p)))
      .toEqual(["p42/", "p43/", "p4", "p43/k04/"]); // "p42/k05/…" sorts before "p42/k050" ("/" < "0")
    expect(prefixIntersects({ startAfter: "a/z" }, "a/z")).toBe(true); // "a/z0" is after it
    expect(prefixIntersects({ startAfter: "a/z" }, "a/y/")).toBe(false);
    expect(prefixIntersects({ stopAt: "a/" }, "a/")).toBe(false); // every key under "a/" is >= "a/"
  });

  it("each sub-scan gets the bounds that fall among its keys, and no others", () => {
    expect(clipToPrefix(range, "p42/")).toEqual({ startAfter: range.startAfter, startAt: "p42/k050" });
    expect(clipToPrefix(range, "p43/")).toEqual({ stopAt: "p43/k050" });
    expect(clipToPrefix(range, "p4")).toEqual(range);
    expect(clipToPrefix({ stopAt: "p43/" }, "p43/")).toEqual({}); // a prefix equal to a bound says it already
  });

  it("level listings stop at the stop key; level segments keep only what lies inside", () => {
    const q = query({ prefix: "p4", ...range });
    expect(levelNode(q, "p4")).toMatchObject({ prefix: "p4", delimiter: "/", startAfter: "p42", stopAt: "p43/k050" });
    expect(levelNode(q, "p42/")).not.toHaveProperty("stopAt");
    expect(levelNode(q, "p43/")).toMatchObject({ stopAt: "p43/k050" });
    expect(show(levelSegments(q, [key("p42"), key("p42x"), dir("p42/"), dir("p43/"), dir("p44/"), key("p43/k060")]))).toEqual([
      `s:p42/ >${range.startAfter} >=p42/k050`, "k:p42x", "s:p43/ <p43/k050",
    ]);
    expect(show(levelSegments(query({ prefix: "p43/", stopAt: "p43/k050" }), [key("p43/k049"), key("p43/k050"), dir("p43/k04/"), dir("p43/k05/")])))
      .toEqual(["s:p43/k04/", "k:p43/k049", "s:p43/k05/"]); // "p43/k05/…" sorts before the stop key
    expect(scanNode(q, "p43/")).toMatchObject({ prefix: "p43/", stopAt: "p43/k050" });
  });

  it("agrees with brute force: a prefix intersects iff one of its keys is inside; clipped bounds keep the same keys", () => {
    // With NUL, the least character, the universe holds every bound's successor (bound + NUL):
    // "some key between" is decided exactly.
    const alphabet = ["\u0000", "a", "/"];
    const strings = (max: number): string[] => {
      const out = [""];
      for (let i = 0; i < out.length; i++) if (out[i].length < max) for (const c of alphabet) out.push(out[i] + c);
      return out;
    };
    const keys = strings(5).filter((k) => k !== "");
    const prefixes = strings(3).filter((p) => p.endsWith("/"));
    const bounds = strings(3);
    let checked = 0;
    for (let i = 0; i < 400; i++) {
      const pick = () => bounds[(i * 7919 + checked * 104729 + 13) % bounds.length];
      checked++;
      const lo = pick();
      checked++;
      const hi = pick();
      const variant = i % 3;
      const b: ScanBounds = variant === 0 ? { startAt: lo, stopAt: hi } : variant === 1 ? { startAfter: lo } : { startAfter: lo, stopAt: hi };
      for (const p of prefixes) {
        const under = keys.filter((k) => k.startsWith(p));
        const brute = under.some((k) => keyInside(b, k));
        expect(prefixIntersects(b, p), `${JSON.stringify(b)} ${p}`).toBe(brute);
        if (brute) {
          const clipped = clipToPrefix(b, p);
          for (const k of under) expect(keyInside(clipped, k), `${JSON.stringify(b)} ${p} ${k}`).toBe(keyInside(b, k));
        }
      }
    }
    expect(checked).toBe(800);
  });
});
