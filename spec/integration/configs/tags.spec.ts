import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Tags } from "../../../lib/index.js";
import { VersioningConfig } from "../../../lib/model/versioning.js";
import { plainClient, tempBucket } from "../support.js";

const s3 = plainClient();
let t: Awaited<ReturnType<typeof tempBucket>>;
beforeAll(async () => {
  t = await tempBucket(s3, "tags");
});
afterAll(async () => {
  await t.cleanup();
  s3.close();
});

describe("bucket tags against MinIO", () => {
  it("none set: get() resolves to null (NoSuchTagSet), as in the seed", async () => {
    expect(await t.bucket.tags().get()).toBeNull();
  });

  it("set, get, compare; replace; delete → null", async () => {
    const tags = Tags.newBucketTags().set("project", "quarry").set("owner", "a b+-=._:/@").set("empty", "");
    await t.bucket.tags().set(tags);
    const back = await t.bucket.tags().get();
    expect(back).toBeInstanceOf(Tags);
    expect(back?.isObject).toBe(false);
    expect(back?.toJSON()).toStrictEqual(tags.toJSON());
    await t.bucket.tags().set({ only: "one" });
    expect((await t.bucket.tags().get())?.toJSON()).toStrictEqual({ only: "one" });
    await t.bucket.tags().delete();
    expect(await t.bucket.tags().get()).toBeNull();
  });

  it("MinIO refuses characters outside [A-Za-z0-9 +-=._:/@] (even Unicode letters, which AWS allows)", async () => {
    await expect(t.bucket.tags().set({ "ünï": "x" })).rejects.toMatchObject({ name: "S3Error", code: "MalformedXML" });
    await expect(t.bucket.tags().set({ x: "a&b" })).rejects.toMatchObject({ name: "S3Error", code: "MalformedXML" });
  });

  it("50 bucket tags are accepted; 51 never leave the client", async () => {
    const fifty = new Tags(false, Array.from({ length: 50 }, (_, i): [string, string] => [`k${i}`, `v${i}`]));
    await t.bucket.tags().set(fifty);
    expect((await t.bucket.tags().get())?.size).toBe(50);
    await expect(t.bucket.tags().set({ ...fifty.toJSON(), k50: "x" })).rejects.toMatchObject({ name: "InvalidArgumentError" });
    await t.bucket.tags().delete();
  });
});

describe("object tags against MinIO", () => {
  it("an untagged object: MinIO answers an empty tag set, so get() resolves to an empty Tags", async () => {
    await t.bucket.object("plain.txt").put("x");
    const tags = await t.bucket.object("plain.txt").tags().get();
    expect(tags?.size ?? 0).toBe(0);
  });

  it("set, get, compare; delete → empty", async () => {
    const o = t.bucket.object("tagged.txt");
    await o.put("x");
    const tags = Tags.newObjectTags().set("tier", "hot").set("path", "a/b c:d@e");
    await o.tags().set(tags);
    const back = await o.tags().get();
    expect(back?.isObject).toBe(true);
    expect(back?.toJSON()).toStrictEqual({ tier: "hot", path: "a/b c:d@e" });
    await o.tags().delete();
    expect((await o.tags().get())?.size ?? 0).toBe(0);
  });

  it("MinIO refuses non-ASCII letters in object tags too, with another code", async () => {
    await expect(t.bucket.object("tagged.txt").tags().set({ k: "cödé" })).rejects.toMatchObject({ name: "S3Error", code: "InvalidTag" });
  });

  it("11 object tags never leave the client", async () => {
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"]));
    await expect(t.bucket.object("tagged.txt").tags().set(eleven)).rejects.toMatchObject({ name: "InvalidArgumentError" });
  });

  it("tags of one object version", async () => {
    await t.bucket.versioning().set(new VersioningConfig(VersioningConfig.ENABLED));
    const o = t.bucket.object("versioned.txt");
    const v1 = (await o.put("one")).versionId!;
    const v2 = (await o.put("two")).versionId!;
    await o.version(v1).tags().set({ v: "1" });
    await o.tags().set({ v: "latest" });
    expect((await o.version(v1).tags().get())?.toJSON()).toStrictEqual({ v: "1" });
    expect((await o.version(v2).tags().get())?.toJSON()).toStrictEqual({ v: "latest" });
  });
});
