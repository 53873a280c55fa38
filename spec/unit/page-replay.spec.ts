import { describe, expect, it } from "vitest";
import { PageReplay } from "../../lib/exec/page-replay.js";
import type { ObjectInfo } from "../../lib/model/object-info.js";

const o = (objectName: string, extra: Partial<ObjectInfo> = {}): ObjectInfo => ({ bucketName: "b", objectName, isDir: false, isDeleteMarker: false, ...extra });

describe("PageReplay (exactly-once entries across re-reads of a page)", () => {
  it("delivers everything once, then skips what an earlier reading delivered", () => {
    const out: string[] = [];
    const page = new PageReplay((x) => out.push(x.objectName));
    for (const k of ["a", "b", "c"]) page.onItem(o(k));
    page.replay();
    expect(page.progressed()).toBe(false);
    for (const k of ["a", "b", "c", "d", "e"]) page.onItem(o(k));
    expect(out).toEqual(["a", "b", "c", "d", "e"]);
    expect(page.progressed()).toBe(true);
  });

  it("tells versions of one key, and a key from a prefix of the same name, apart", () => {
    const out: ObjectInfo[] = [];
    const page = new PageReplay((x) => out.push(x));
    const first = [o("k", { versionId: "v3" }), o("k", { versionId: "v2", isDeleteMarker: true })];
    const all = [...first, o("k", { versionId: "v1" }), o("k/", { isDir: true }), o("k/")];
    for (const x of first) page.onItem(x);
    page.replay();
    for (const x of all) page.onItem(x);
    expect(out).toEqual(all);
  });

  it("skips only what was delivered, across several replays (a shorter second reading)", () => {
    const out: string[] = [];
    const page = new PageReplay((x) => out.push(x.objectName));
    page.onItem(o("a"));
    page.replay();
    page.onItem(o("a"));
    page.onItem(o("b"));
    page.replay();
    for (const k of ["a", "b", "c"]) page.onItem(o(k));
    expect(out).toEqual(["a", "b", "c"]);
  });
});
