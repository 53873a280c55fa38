import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, S3, VersioningConfig, type BucketRef, type MutationResult } from "../../lib/index.js";
import { startRecordingProxy } from "../support/recording-proxy.js";
import { drain, plainClient, servers, tempBucket } from "./support.js";

const s3 = plainClient({ region: "us-east-1" });
let src: Awaited<ReturnType<typeof tempBucket>>;
let dst: Awaited<ReturnType<typeof tempBucket>>;
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
/** A client whose every request passes the recording proxy. */
let counted: S3;

beforeAll(async () => {
  [src, dst] = await Promise.all([tempBucket(s3, "qm-src"), tempBucket(s3, "qm-dst")]);
  const url = new URL(servers().plain.endpoint);
  proxy = await startRecordingProxy({ host: url.hostname, port: Number(url.port) });
  const s = servers().plain;
  counted = new S3({ endpoint: proxy.endpoint, accessKey: s.accessKey, secretKey: s.secretKey, region: "us-east-1" });
});
afterAll(async () => {
  counted.close();
  await proxy.close();
  await Promise.all([src.cleanup(), dst.cleanup()]);
  s3.close();
});

/** Puts `keys` with small distinct bodies (the key itself), 16 at a time. */
async function putMany(bucket: BucketRef, keys: readonly string[], body: (k: string) => string = (k) => `body of ${k}`): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < keys.length) {
      const k = keys[next++]!;
      await bucket.object(k).put(body(k));
    }
  }));
}

/** Every object under `prefix` (brute force: a plain recursive listing), key → { etag, size }. */
async function listing(bucket: BucketRef, prefix: string): Promise<Map<string, { etag: string; size: number }>> {
  const out = new Map<string, { etag: string; size: number }>();
  for await (const o of bucket.objects().prefix(prefix).recursive()) out.set(o.objectName, { etag: o.etag ?? "", size: o.size ?? -1 });
  return out;
}

const md5 = (b: Buffer) => createHash("md5").update(b).digest("hex");
const names = (rs: readonly MutationResult[]) => rs.map((r) => r.objectName).sort();

describe("copyTo", () => {
  it("copies exactly the matches (brute force: listing, etag and bytes), one CopyObject each and no HEAD", async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `cp/${i % 4}/f${String(i).padStart(2, "0")}.${i % 3 === 0 ? "log" : "txt"}`);
    await putMany(src.bucket, [...keys, "cpx/outside.txt"]);
    await src.bucket.object("cp/meta.txt").put("with metadata", { metadata: { "x-amz-meta-camera": "leica", "content-type": "text/x-test" } });
    const expected = [...keys, "cp/meta.txt"].filter((k) => k.endsWith(".txt")).sort();
    const q = counted.bucket(src.name).objects().prefix("cp/").recursive().name("*.txt");
    const plan = q.explainCopy(dst.name, { prefix: "copy/" });
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    expect(plan).toMatchObject({ kind: "CopyObjects", mode: "copy", target: { bucket: dst.name, prefix: "copy/" }, concurrency: 8, dryRun: false });
    proxy.reset();
    const copy = q.copyTo(dst.name, { prefix: "copy/", concurrency: 4 });
    const results: MutationResult[] = [];
    copy.subscribe((r) => results.push(r));
    const summary = await copy;
    expect(summary).toEqual({ matched: expected.length, done: expected.length, skipped: 0, failed: 0, errors: [] });
    expect(names(results)).toEqual(expected);
    expect(proxy.count("CopyObject")).toBe(expected.length);
    expect(proxy.count("Head")).toBe(0);
    const source = await listing(src.bucket, "cp/");
    const target = await listing(dst.bucket, "copy/");
    expect([...target.keys()].sort()).toEqual(expected.map((k) => `copy/${k.slice(3)}`));
    for (const k of expected) expect(target.get(`copy/${k.slice(3)}`)).toEqual(source.get(k));
    const sample = expected[5]!;
    expect(md5(await drain(await dst.bucket.object(`copy/${sample.slice(3)}`).get()))).toBe(md5(Buffer.from(`body of ${sample}`)));
    const meta = await dst.bucket.object("copy/meta.txt").stat();
    expect(meta.contentType).toBe("text/x-test");
    expect(meta.metadata?.["x-amz-meta-camera"]).toBe("leica");
  });

  it("on a versions() query copies each listed version (versionId in the copy source)", async () => {
    const v = await tempBucket(s3, "qm-ver");
    try {
      await v.bucket.versioning().set(new VersioningConfig("Enabled"));
      await v.bucket.object("doc").put("first");
      await v.bucket.object("doc").put("second");
      await v.bucket.object("gone").put("x");
      await v.bucket.object("gone").remove();
      proxy.reset();
      const all = await counted.bucket(v.name).objects().versions().recursive().toArray();
      const oldest = all.find((o) => o.objectName === "doc" && o.isLatest === false)!;
      const summary = await counted.bucket(v.name).objects().versions().recursive().noncurrent().keyBetween("doc", "doc\0").copyTo(dst.name, { prefix: "ver/" });
      expect(summary).toMatchObject({ matched: 1, done: 1, failed: 0 });
      expect(proxy.requests.filter((r) => r.copySource !== undefined).map((r) => r.copySource)).toEqual([`/${v.name}/doc?versionId=${oldest.versionId}`]);
      expect((await drain(await dst.bucket.object("ver/doc").get())).toString()).toBe("first");
      const markers = await counted.bucket(v.name).objects().versions().recursive().deleteMarkers().copyTo(dst.name, { prefix: "ver/" });
      expect(markers).toMatchObject({ matched: 1, done: 0, skipped: 1 });
    } finally {
      await v.cleanup();
    }
  });

  it("a key the server refuses is a failed result and every other key is done", async () => {
    const long = `fail/${"k".repeat(200)}`;
    await putMany(src.bucket, ["fail/a", "fail/b", "fail/c", long]);
    // The target prefix (no trailing "/") makes only the long key's last segment longer than the 255 bytes MinIO allows.
    const summary = await s3.bucket(src.name).objects().prefix("fail/").recursive().copyTo(dst.name, { prefix: `f/${"p".repeat(100)}` });
    expect(summary).toMatchObject({ matched: 4, done: 3, skipped: 0, failed: 1 });
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]!.objectName).toBe(long);
    expect(summary.errors[0]!.code).toMatch(/KeyTooLong|InvalidObjectName|XMinioInvalidObjectName/);
    expect((await listing(dst.bucket, "f/")).size).toBe(3);
  });
});

describe("mirrorTo", () => {
  const six = randomBytes(6 * 1024 * 1024);

  it("copies N, then 0 (N skipped, no CopyObject sent) — single-part and multipart — re-copies changes, removes extras only", async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `mir/${i % 3}/o${String(i).padStart(2, "0")}.dat`);
    await putMany(src.bucket, keys);
    await src.bucket.object("mir/big.bin").put(six, { partSize: 5 * 1024 * 1024 });
    await src.bucket.object("mir/skip.tmp").put("not matched"); // exists at the source, fails the predicate
    const srcBig = (await listing(src.bucket, "mir/big.bin")).get("mir/big.bin")!;
    expect(srcBig.etag).toMatch(/-2$/); // a multipart ETag
    const q = counted.bucket(src.name).objects().prefix("mir/").recursive().ignore("*.tmp");
    const n = keys.length + 1;

    const first = await q.mirrorTo(dst.name, { prefix: "m/" });
    expect(first).toEqual({ matched: n, done: n, skipped: 0, failed: 0, errors: [] });
    const copiedBig = (await listing(dst.bucket, "m/big.bin")).get("m/big.bin")!;
    expect(copiedBig.size).toBe(six.length);
    expect(copiedBig.etag).not.toBe(srcBig.etag); // a server-side copy does not keep a multipart ETag: the case the rule is for
    expect(md5(await drain(await dst.bucket.object("m/big.bin").get()))).toBe(md5(six));

    proxy.reset();
    const second = await q.mirrorTo(dst.name, { prefix: "m/" });
    expect(second).toEqual({ matched: n, done: 0, skipped: n, failed: 0, errors: [] });
    expect(proxy.count("CopyObject") + proxy.count("UploadPartCopy")).toBe(0);
    expect(proxy.count("Mutation")).toBe(0);
    expect(proxy.count("Head")).toBe(0);

    // Changes: one single-part object rewritten (same size, new bytes), the multipart one rewritten
    // (same size), a new source key; extras in the target: one with no source, one whose source fails the predicate.
    await src.bucket.object("mir/0/o00.dat").put("body of mir/0/o99.dat");
    await src.bucket.object("mir/big.bin").put(randomBytes(six.length), { partSize: 5 * 1024 * 1024 });
    await src.bucket.object("mir/new.dat").put("new");
    await dst.bucket.object("m/extra/x").put("extra");
    await dst.bucket.object("m/skip.tmp").put("a copy of a source that exists");
    proxy.reset();
    const third = q.mirrorTo(dst.name, { prefix: "m/", removeExtra: true });
    const results: MutationResult[] = [];
    third.subscribe((r) => results.push(r));
    const summary = await third;
    expect(summary).toMatchObject({ matched: n + 2, done: 4, skipped: n - 2, failed: 0 });
    expect(names(results.filter((r) => r.status === "done"))).toEqual(["m/extra/x", "mir/0/o00.dat", "mir/big.bin", "mir/new.dat"]);
    expect(results.filter((r) => r.extra)).toEqual([{ objectName: "m/extra/x", status: "done", extra: true }]);
    const replayed: MutationResult[] = [];
    third.subscribe((r) => replayed.push(r)); // after the end: the log replays, extra flag included
    expect(replayed).toEqual(results);
    expect(proxy.count("CopyObject")).toBe(3);
    expect(proxy.count("DeleteObjects")).toBe(1);
    const target = await listing(dst.bucket, "m/");
    expect(target.has("m/extra/x")).toBe(false);
    expect(target.has("m/skip.tmp")).toBe(true);
    expect((await drain(await dst.bucket.object("m/0/o00.dat").get())).toString()).toBe("body of mir/0/o99.dat");
    expect(md5(await drain(await dst.bucket.object("m/big.bin").get()))).toBe(md5(await drain(await src.bucket.object("mir/big.bin").get())));

    proxy.reset();
    const fourth = await q.mirrorTo(dst.name, { prefix: "m/", removeExtra: true });
    expect(fourth).toMatchObject({ matched: n + 1, done: 0, skipped: n + 1 });
    expect(proxy.count("Mutation")).toBe(0);
  });

  it("a parallel() query is mirrored in key order (the plan asks ordered); a one-level query mirrors one level", async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `par/${String.fromCharCode(97 + (i % 6))}/k${String(i).padStart(2, "0")}`);
    await putMany(src.bucket, [...keys, "par/top1", "par/top2"]);
    const q = counted.bucket(src.name).objects().prefix("par/").recursive().parallel(4);
    expect(q.explainMirror(dst.name, { prefix: "pp/" }).source.query.scans[0]).toMatchObject({ parallel: 4, ordered: true });
    expect(await q.mirrorTo(dst.name, { prefix: "pp/" })).toMatchObject({ matched: 62, done: 62, failed: 0 });
    proxy.reset();
    expect(await q.mirrorTo(dst.name, { prefix: "pp/" })).toMatchObject({ matched: 62, done: 0, skipped: 62 });
    expect(proxy.count("Mutation")).toBe(0);

    await dst.bucket.object("lv/nested/extra").put("x"); // below the one level: neither copied over nor removed
    const level = counted.bucket(src.name).objects().prefix("par/");
    const first = await level.mirrorTo(dst.name, { prefix: "lv/", removeExtra: true });
    expect(first).toMatchObject({ matched: 2, done: 2, failed: 0 });
    expect([...(await listing(dst.bucket, "lv/")).keys()].sort()).toEqual(["lv/nested/extra", "lv/top1", "lv/top2"]);
    expect(await level.mirrorTo(dst.name, { prefix: "lv/", removeExtra: true })).toMatchObject({ matched: 2, done: 0, skipped: 2 });
  });

  it("with a plain query (no predicate) removeExtra takes the matches as the source keys and lists the source once", async () => {
    await putMany(src.bucket, ["pl/a", "pl/b"]);
    await putMany(dst.bucket, ["pm/a", "pm/zz"]);
    const plan = counted.bucket(src.name).objects().prefix("pl/").recursive().explainMirror(dst.name, { prefix: "pm/", removeExtra: true });
    expect(plan.compare).toMatchObject({ removeExtra: { sourceKeys: "matches" } });
    proxy.reset();
    const summary = await counted.bucket(src.name).objects().prefix("pl/").recursive().mirrorTo(dst.name, { prefix: "pm/", removeExtra: true });
    expect(summary).toMatchObject({ matched: 3, done: 3, failed: 0 }); // a (different body), b (missing), zz (extra)
    expect(proxy.count("List")).toBe(2);
    expect([...(await listing(dst.bucket, "pm/")).keys()].sort()).toEqual(["pm/a", "pm/b"]);
  });
});

describe("setTags", () => {
  it("tags every match; q.tags({...}).count() then equals the matches", async () => {
    const keys = Array.from({ length: 24 }, (_, i) => `tg/${i % 2 ? "x" : "y"}/t${i}`);
    await putMany(src.bucket, keys);
    const q = counted.bucket(src.name).objects().prefix("tg/").recursive();
    proxy.reset();
    const summary = await q.glob("tg/x/*").setTags({ tier: "cold", owner: "quarry" }, { concurrency: 3 });
    expect(summary).toEqual({ matched: 12, done: 12, skipped: 0, failed: 0, errors: [] });
    expect(proxy.count("PutObjectTagging")).toBe(12);
    expect(await q.tags({ tier: "cold" }).count()).toBe(12);
    expect(Object.fromEntries((await src.bucket.object("tg/x/t1").tags().get())!)).toEqual({ tier: "cold", owner: "quarry" });
  });
});

describe("dryRun and bad options", () => {
  it("dryRun of each mutation reports every match skipped and sends no mutation", async () => {
    await putMany(src.bucket, ["dry/1", "dry/2", "dry/3"]);
    await putMany(dst.bucket, ["dm/extra"]);
    const q = counted.bucket(src.name).objects().prefix("dry/").recursive();
    proxy.reset();
    const copy = await q.copyTo(dst.name, { prefix: "dc/", dryRun: true });
    const mirror = await q.mirrorTo(dst.name, { prefix: "dm/", dryRun: true, removeExtra: true });
    const tags = await q.setTags({ a: "b" }, { dryRun: true });
    expect(copy).toEqual({ matched: 3, done: 0, skipped: 3, failed: 0, errors: [] });
    expect(mirror).toEqual({ matched: 4, done: 0, skipped: 4, failed: 0, errors: [] }); // 3 matches + 1 extra
    expect(tags).toEqual({ matched: 3, done: 0, skipped: 3, failed: 0, errors: [] });
    expect(proxy.count("Mutation")).toBe(0);
    expect(proxy.requests.every((r) => r.method === "GET")).toBe(true);
    expect((await listing(dst.bucket, "dc/")).size).toBe(0);
    expect((await listing(dst.bucket, "dm/")).size).toBe(1);
  });

  it("a mirror's dry run says why each key is skipped: dryRun (would copy or remove) or unchanged", async () => {
    await putMany(src.bucket, ["why/1", "why/2", "why/3"]);
    await putMany(dst.bucket, ["wm/1"], () => "body of why/1"); // same bytes: unchanged
    await putMany(dst.bucket, ["wm/2"], () => "changed body"); // differs
    await putMany(dst.bucket, ["wm/extra"]);
    proxy.reset();
    const results: MutationResult[] = [];
    for await (const r of counted.bucket(src.name).objects().prefix("why/").recursive().mirrorTo(dst.name, { prefix: "wm/", dryRun: true, removeExtra: true })) results.push(r);
    const why = Object.fromEntries(results.map((r) => [r.objectName, [r.status, r.reason, r.extra ?? false]]));
    expect(why).toEqual({
      "why/1": ["skipped", "unchanged", false],
      "why/2": ["skipped", "dryRun", false],
      "why/3": ["skipped", "dryRun", false],
      "wm/extra": ["skipped", "dryRun", true],
    });
    expect(proxy.requests.every((r) => r.method === "GET")).toBe(true);
  });

  it("abort() stops a running copy: no new CopyObject is sent, the summary rejects, the results so far stay", async () => {
    const keys = Array.from({ length: 80 }, (_, i) => `ab/k${String(i).padStart(2, "0")}`);
    await putMany(src.bucket, keys);
    proxy.reset();
    const copy = counted.bucket(src.name).objects().prefix("ab/").recursive().copyTo(dst.name, { prefix: "ab/", concurrency: 1 });
    const seen: MutationResult[] = [];
    copy.subscribe({ next: (r) => { seen.push(r); if (seen.length === 3) copy.abort(new Error("enough")); }, error: () => undefined });
    await expect(copy).rejects.toThrow("enough");
    const sent = proxy.count("CopyObject");
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(sent).toBeLessThan(keys.length);
    await new Promise((r) => setTimeout(r, 100));
    expect(proxy.count("CopyObject")).toBe(sent);
    expect(copy.finished).toBe(true);
    const replay: MutationResult[] = [];
    copy.subscribe({ next: (r) => replay.push(r), error: () => undefined });
    expect(replay).toEqual(seen);
  });

  it("bad options throw InvalidArgumentError before any request", async () => {
    const q = counted.bucket(src.name).objects().prefix("bad/").recursive();
    proxy.reset();
    expect(() => q.copyTo(dst.name, { concurrency: 0 })).toThrow(InvalidArgumentError);
    expect(() => q.copyTo(dst.name, { concurrency: 65 })).toThrow(InvalidArgumentError);
    expect(() => q.copyTo("x")).toThrow(InvalidArgumentError);
    expect(() => q.copyTo(src.name, { prefix: "bad/inner/" })).toThrow(/overlaps/);
    expect(() => q.mirrorTo(dst.name, { removeExtra: "yes" as unknown as boolean })).toThrow(InvalidArgumentError);
    expect(() => q.versions().mirrorTo(dst.name)).toThrow(InvalidArgumentError);
    expect(() => q.setTags({ k: "x".repeat(257) })).toThrow(InvalidArgumentError);
    expect(() => q.setTags(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"])))).toThrow(InvalidArgumentError);
    expect(() => q.setTags({ a: "b" }, { dryRun: 1 as unknown as boolean })).toThrow(InvalidArgumentError);
    await new Promise((r) => setTimeout(r, 50));
    expect(proxy.requests).toHaveLength(0);
  });
});
