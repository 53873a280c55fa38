import { describe, expect, it } from "vitest";
import { InvalidArgumentError, S3 } from "../../lib/index.js";

const s3 = new S3({ endpoint: "http://127.0.0.1:9", accessKey: "AKIAEXAMPLE", secretKey: "secret" });
const q = s3.bucket("photos").objects().prefix("2024/").recursive();

describe("copyTo / mirrorTo / setTags plans (no I/O)", () => {
  it("explainCopy: the query, the key mapping, the CopyObject steps; frozen and JSON-safe", () => {
    const plan = q.name("*.jpg").explainCopy("backup", { prefix: "p/", concurrency: 3 });
    expect(plan).toMatchObject({
      kind: "CopyObjects", mode: "copy", source: { bucket: "photos", stripPrefix: "2024/" }, target: { bucket: "backup", prefix: "p/" },
      concurrency: 3, dryRun: false,
    });
    expect(plan.source.query).toEqual(q.name("*.jpg").explain());
    expect(plan.steps.map((s) => s.step)).toEqual(["StatSources", "CopyObject", "MultipartCopy"]);
    expect(plan.compare).toBeUndefined();
    expect(Object.isFrozen(plan)).toBe(true);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it("explainMirror: the target listing, and the source keys of removeExtra (the matches only when the query is plain)", () => {
    const plain = q.explainMirror("mir", { prefix: "x/", removeExtra: true });
    expect(plain.compare).toEqual({
      rule: "size, then etag; multipart etags: target not older than source",
      target: { kind: "ListObjects", bucket: "mir", api: "v2", prefix: "x/", includeUserMeta: false, urlEncoding: true, pageSize: 1000 },
      removeExtra: { sourceKeys: "matches", batchSize: 1000 },
    });
    for (const filtered of [q.larger(10), q.limit(5), q.startAfter("2024/b"), q.filter(() => true)]) {
      expect(filtered.explainMirror("mir", { removeExtra: true }).compare?.removeExtra?.sourceKeys).toMatchObject({ kind: "ListObjects", bucket: "photos", prefix: "2024/" });
    }
    expect(q.explainMirror("mir").compare?.removeExtra).toBeUndefined();
    const level = s3.bucket("photos").objects().prefix("a/").explainMirror("mir");
    expect(level.compare?.target.delimiter).toBe("/");
    expect(JSON.parse(JSON.stringify(plain))).toEqual(plain);
  });

  it("explainSetTags: checked tags and the Tagging body", () => {
    const plan = q.explainSetTags(new Map([["tier", "cold"]]), { dryRun: true });
    expect(plan).toMatchObject({ kind: "TagObjects", bucket: "photos", tags: { tier: "cold" }, concurrency: 8, dryRun: true });
    expect(plan.body).toContain("<Key>tier</Key><Value>cold</Value>");
  });

  it("refuses bad input when called", () => {
    const bad: Array<() => unknown> = [
      () => q.copyTo("backup", { concurrency: 1.5 }),
      () => q.copyTo("backup", null as unknown as object),
      () => q.copyTo("backup", { prefix: 7 as unknown as string }),
      () => q.copyTo("backup", { removeExtra: true } as object),
      () => q.copyTo("photos", { prefix: "" }), // the target prefix holds the source
      () => q.copyTo("photos", { prefix: "2024/copies/" }),
      () => q.mirrorTo("backup", { signal: {} as AbortSignal }),
      () => q.versions().mirrorTo("backup"),
      () => q.setTags(null as unknown as Record<string, string>),
      () => q.setTags({ "": "v" }),
      () => q.setTags({ k: "v" }, { concurrency: 100 }),
    ];
    for (const f of bad) expect(f).toThrow(InvalidArgumentError);
    expect(q.explainCopy("photos", { prefix: "2023/" }).target).toEqual({ bucket: "photos", prefix: "2023/" }); // same bucket, apart: fine
  });
});
