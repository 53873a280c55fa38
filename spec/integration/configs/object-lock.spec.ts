import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, S3Error } from "../../../lib/index.js";
import { ObjectLockConfig } from "../../../lib/model/object-lock.js";
import { Retention } from "../../../lib/model/retention.js";
import { plainClient, tempBucket } from "../support.js";

const DAY = 86_400_000;
const BYPASS = { headers: { "x-amz-bypass-governance-retention": "true" } };
const s3 = plainClient();
let t: Awaited<ReturnType<typeof tempBucket>>;
beforeAll(async () => {
  t = await tempBucket(s3, "lock", { objectLock: true });
});
afterAll(async () => {
  await t.cleanup(); // removes every version with bypassGovernance (only GOVERNANCE retention is used on objects)
  s3.close();
});

describe("object-lock configuration against MinIO", () => {
  it("a new lock bucket has no default rule; a plain bucket rejects get(), as in the seed", async () => {
    expect(await t.bucket.objectLock().get()).toStrictEqual(new ObjectLockConfig(null, null, null));
    const plain = await tempBucket(s3, "nolock");
    try {
      await expect(plain.bucket.objectLock().get()).rejects.toMatchObject({ name: "S3Error", code: "ObjectLockConfigurationNotFoundError" });
    } finally {
      await plain.cleanup();
    }
  });

  it("COMPLIANCE default rule in years round trips, then is reset before any object is written", async () => {
    const cfg = new ObjectLockConfig(ObjectLockConfig.COMPLIANCE, 1, ObjectLockConfig.YEARS);
    await t.bucket.objectLock().set(cfg);
    try {
      expect(await t.bucket.objectLock().get()).toStrictEqual(cfg);
    } finally {
      await t.bucket.objectLock().delete();
    }
    expect(await t.bucket.objectLock().get()).toStrictEqual(new ObjectLockConfig());
  });

  it("GOVERNANCE 1 day default: round trips, and new objects inherit it", async () => {
    const cfg = new ObjectLockConfig(ObjectLockConfig.GOVERNANCE, 1, ObjectLockConfig.DAYS);
    await t.bucket.objectLock().set(cfg);
    expect(await t.bucket.objectLock().get()).toStrictEqual(cfg);
    const before = Date.now();
    const w = await t.bucket.object("inherits.txt").put("x");
    const r = await t.bucket.object("inherits.txt").version(w.versionId!).retention().get();
    expect(r?.mode).toBe("GOVERNANCE");
    const until = r!.retainUntilDate.getTime();
    expect(until).toBeGreaterThan(before + DAY - 60_000);
    expect(until).toBeLessThan(Date.now() + DAY + 60_000);
    await t.bucket.objectLock().delete();
    expect(await t.bucket.objectLock().get()).toStrictEqual(new ObjectLockConfig(null, null, null));
  });
});

describe("retention and legal hold against MinIO", () => {
  it("no retention: get() resolves to null; no legal hold: false", async () => {
    const w = await t.bucket.object("free.txt").put("x");
    const v = t.bucket.object("free.txt").version(w.versionId!);
    expect(await v.retention().get()).toBeNull();
    expect(await v.legalHold().get()).toBe(false);
  });

  it("GOVERNANCE retention on a version: set, get; removing it fails; bypassGovernance removes it", async () => {
    const w = await t.bucket.object("kept.txt").put("x");
    const v = t.bucket.object("kept.txt").version(w.versionId!);
    const until = new Date(Date.now() + DAY);
    await v.retention().set(new Retention(Retention.GOVERNANCE, until));
    const back = await v.retention().get();
    expect(back?.mode).toBe("GOVERNANCE");
    expect(back?.retainUntilDate.getTime()).toBe(until.getTime()); // MinIO keeps the milliseconds
    const err = await v.remove().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3Error);
    // MinIO answers InvalidRequest ("Object is WORM protected and cannot be overwritten"), where AWS says AccessDenied.
    expect(err).toMatchObject({ code: "InvalidRequest", status: 400 });
    expect((err as S3Error).message).toMatch(/WORM protected/);
    await v.remove({ bypassGovernance: true });
    await expect(v.stat()).rejects.toMatchObject({ name: "S3Error" });
  });

  it("shortening GOVERNANCE retention needs the bypass header; extending does not", async () => {
    const w = await t.bucket.object("shorten.txt").put("x");
    const v = t.bucket.object("shorten.txt").version(w.versionId!);
    await v.retention().set(new Retention("GOVERNANCE", new Date(Date.now() + 2 * DAY)));
    await v.retention().set(new Retention("GOVERNANCE", new Date(Date.now() + 3 * DAY)));
    const shorter = new Retention("GOVERNANCE", new Date(Date.now() + DAY));
    await expect(v.retention().set(shorter)).rejects.toMatchObject({ name: "S3Error", code: "InvalidRequest", status: 400 });
    await v.retention().set(shorter, BYPASS);
    expect((await v.retention().get())?.retainUntilDate).toStrictEqual(shorter.retainUntilDate);
  });

  it("a retain-until date in the past is refused before sending (MinIO would answer MalformedXML); the version keeps no retention", async () => {
    const w = await t.bucket.object("past.txt").put("x");
    const v = t.bucket.object("past.txt").version(w.versionId!);
    const err = await v.retention().set(new Retention("GOVERNANCE", new Date(Date.now() - DAY))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toMatch(/retainUntilDate .* is not in the future/);
    expect(await v.retention().get()).toBeNull();
  });

  it("legal hold on / get / off; while on, even bypassGovernance cannot remove the version", async () => {
    const w = await t.bucket.object("held.txt").put("x");
    const v = t.bucket.object("held.txt").version(w.versionId!);
    await v.legalHold().set(true);
    try {
      expect(await v.legalHold().get()).toBe(true);
      await expect(v.remove({ bypassGovernance: true })).rejects.toMatchObject({ name: "S3Error", code: "InvalidRequest", status: 400 });
    } finally {
      await v.legalHold().set(false); // or the bucket could not be cleaned up
    }
    expect(await v.legalHold().get()).toBe(false);
    await v.legalHold().set(true);
    await v.legalHold().delete(); // = off
    expect(await v.legalHold().get()).toBe(false);
    await v.remove();
  });

  it("retention and legal hold of the latest version, without a version id", async () => {
    const o = t.bucket.object("latest.txt");
    await o.put("x");
    await o.legalHold().set(true);
    try {
      expect(await o.legalHold().get()).toBe(true);
    } finally {
      await o.legalHold().set(false);
    }
    const until = new Date(Date.now() + DAY);
    await o.retention().set(new Retention("GOVERNANCE", until));
    expect(await o.retention().get()).toStrictEqual(new Retention("GOVERNANCE", until));
  });

  it("on a bucket without object lock, retention and legal hold reject (InvalidRequest), as in the seed", async () => {
    const plain = await tempBucket(s3, "nolock");
    try {
      await plain.bucket.object("k").put("x");
      await expect(plain.bucket.object("k").retention().get()).rejects.toMatchObject({ code: "InvalidRequest" });
      await expect(plain.bucket.object("k").legalHold().get()).rejects.toMatchObject({ code: "InvalidRequest" });
    } finally {
      await plain.cleanup();
    }
  });
});
