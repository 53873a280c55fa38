import { describe, expect, it } from "vitest";
import type { ObjectInfo } from "../../lib/index.js";
import { isMultipartETag, mirrorJoin, sameContent, type MirrorStep } from "../../lib/exec/mirror-join.js";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const obj = (objectName: string, size = 1, etag = "aa", lastModified = at(0)): ObjectInfo => ({
  bucketName: "b", objectName, size, etag, lastModified, isDeleteMarker: false, isDir: false,
});
const dir = (objectName: string): ObjectInfo => ({ bucketName: "b", objectName, isDeleteMarker: false, isDir: true });

async function* from(items: readonly ObjectInfo[]): AsyncGenerator<ObjectInfo> {
  for (const o of items) yield o;
}

async function join(matches: ObjectInfo[], target: ObjectInfo[], sourceKeys?: ObjectInfo[] | "matches"): Promise<string[]> {
  const out: string[] = [];
  const steps: AsyncIterable<MirrorStep> = mirrorJoin({
    matches: from(matches), target: from(target), targetKey: (k) => `t/${k.slice(2)}`,
    ...(sourceKeys === undefined ? {} : { sourceKeys: sourceKeys === "matches" ? "matches" : from(sourceKeys) }),
  });
  for await (const s of steps) out.push(s.type === "extra" ? `extra ${s.targetKey}` : `${s.type} ${s.source.objectName}->${s.targetKey}`);
  return out;
}

describe("sameContent (the mirror's unchanged test)", () => {
  it("needs the same size; then the same single-part ETag", () => {
    expect(sameContent(obj("a", 1, "x"), obj("a", 2, "x"))).toBe(false);
    expect(sameContent(obj("a", 1, "x"), obj("a", 1, "x"))).toBe(true);
    expect(sameContent(obj("a", 1, "x", at(5)), obj("a", 1, "y", at(9)))).toBe(false); // MD5s differ: changed, however new the target
  });

  it("with a multipart ETag on either side: a target no older than the source", () => {
    expect(isMultipartETag("abc-2")).toBe(true);
    expect(isMultipartETag("abc")).toBe(false);
    expect(sameContent(obj("a", 9, "m-2", at(5)), obj("a", 9, "md5", at(6)))).toBe(true);
    expect(sameContent(obj("a", 9, "m-2", at(5)), obj("a", 9, "md5", at(5)))).toBe(true);
    expect(sameContent(obj("a", 9, "m-2", at(7)), obj("a", 9, "md5", at(6)))).toBe(false); // source rewritten after the copy
    expect(sameContent(obj("a", 9, "md5", at(5)), obj("a", 9, "m-3", at(6)))).toBe(true);
    expect(sameContent(obj("a", 8, "m-2", at(5)), obj("a", 9, "md5", at(6)))).toBe(false);
  });
});

describe("mirrorJoin (merge-join of sorted listings)", () => {
  it("copies what is missing or different, keeps what is the same, in key order", async () => {
    const matches = [obj("s/a"), obj("s/b", 2), obj("s/c"), obj("s/e")];
    const target = [obj("t/a"), obj("t/b", 3), dir("t/d/"), obj("t/d2"), obj("t/e")];
    expect(await join(matches, target)).toEqual(["same s/a->t/a", "copy s/b->t/b", "copy s/c->t/c", "same s/e->t/e"]);
  });

  it("matches past the end of the target listing are copied; an empty target copies everything", async () => {
    expect(await join([obj("s/x"), obj("s/y")], [obj("t/a")])).toEqual(["copy s/x->t/x", "copy s/y->t/y"]);
    expect(await join([obj("s/x")], [])).toEqual(["copy s/x->t/x"]);
  });

  it("extras: target keys with no source object at all; a source object the predicates left out keeps its copy", async () => {
    const all = [obj("s/a"), obj("s/skip.tmp"), obj("s/z")];
    const matches = [obj("s/a"), obj("s/z")];
    const target = [obj("t/0"), obj("t/a"), obj("t/m"), obj("t/skip.tmp"), obj("t/zz")];
    expect(await join(matches, target, all)).toEqual(["extra t/0", "same s/a->t/a", "extra t/m", "copy s/z->t/z", "extra t/zz"]);
    expect(await join(matches, target, "matches")).toEqual(["extra t/0", "same s/a->t/a", "extra t/m", "extra t/skip.tmp", "copy s/z->t/z", "extra t/zz"]);
    expect(await join(matches, target)).toEqual(["same s/a->t/a", "copy s/z->t/z"]);
  });

  it("orders by UTF-8 bytes as S3 lists (a key above U+FFFF sorts after U+E000–FFFF)", async () => {
    const high = "s/\u{1F600}";
    const bmp = "s/\uFF01";
    // S3 lists U+FF01 before the emoji; a UTF-16 comparison would take the target's emoji key
    // for one before the U+FF01 match and never pair it with its own match (copying it again).
    expect(await join([obj(bmp), obj(high)], [obj(`t/${high.slice(2)}`)])).toEqual([
      `copy ${bmp}->t/${bmp.slice(2)}`, `same ${high}->t/${high.slice(2)}`,
    ]);
  });
});
