import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VersioningConfig } from "../../../lib/model/versioning.js";
import { plainClient, tempBucket } from "../support.js";

const s3 = plainClient();
let t: Awaited<ReturnType<typeof tempBucket>>;
beforeAll(async () => {
  t = await tempBucket(s3, "ver");
});
afterAll(async () => {
  await t.cleanup();
  s3.close();
});

describe("versioning against MinIO", () => {
  it("a never-versioned bucket reports Off, as in the seed", async () => {
    const cfg = await t.bucket.versioning().get();
    expect(cfg).toStrictEqual(new VersioningConfig(VersioningConfig.OFF));
  });

  it("Enabled then Suspended round trip; writes get version ids while enabled", async () => {
    await t.bucket.versioning().set(new VersioningConfig(VersioningConfig.ENABLED));
    expect((await t.bucket.versioning().get()).status).toBe("Enabled");
    expect((await t.bucket.object("v.txt").put("1")).versionId).toBeTruthy();
    await t.bucket.versioning().set(new VersioningConfig(VersioningConfig.SUSPENDED));
    expect(await t.bucket.versioning().get()).toStrictEqual(new VersioningConfig(VersioningConfig.SUSPENDED));
  });

  it("MinIO's excluded prefixes and exclude-folders round trip", async () => {
    const cfg = new VersioningConfig(VersioningConfig.ENABLED, { excludedPrefixes: ["tmp/", "cache/"], excludeFolders: true });
    await t.bucket.versioning().set(cfg);
    expect(await t.bucket.versioning().get()).toStrictEqual(cfg);
    // Excluded keys are not versioned; others are.
    expect((await t.bucket.object("tmp/x").put("x")).versionId ?? "null").toBe("null");
    expect((await t.bucket.object("kept/x").put("x")).versionId).toMatch(/^[0-9a-f-]{36}$/);
    await t.bucket.versioning().set(new VersioningConfig(VersioningConfig.ENABLED));
    expect(await t.bucket.versioning().get()).toStrictEqual(new VersioningConfig(VersioningConfig.ENABLED));
  });

  it("Off cannot be set and versioning cannot be deleted: both refused before any request", async () => {
    await expect(t.bucket.versioning().set(new VersioningConfig(VersioningConfig.OFF))).rejects.toMatchObject({ name: "InvalidArgumentError" });
    await expect(t.bucket.versioning().delete()).rejects.toMatchObject({ name: "InvalidArgumentError" });
  });
});
