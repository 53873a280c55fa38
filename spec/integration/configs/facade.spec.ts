import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Expiration, Filter, LifecycleConfig, LifecycleRule, Minio, NotificationConfig, ObjectLockConfig, QueueConfig, Retention, SSEConfig, SseRule, Tags, VersioningConfig } from "../../../lib/index.js";
import { plainClient, servers, tempBucket } from "../support.js";

const s3 = plainClient();
const s = servers().plain;
const minio = new Minio(s.endpoint, { accessKey: s.accessKey, secretKey: s.secretKey });
let t: Awaited<ReturnType<typeof tempBucket>>;
beforeAll(async () => {
  t = await tempBucket(s3, "fcfg", { objectLock: true });
});
afterAll(async () => {
  await t.cleanup();
  minio.close();
  s3.close();
});

/** The seed's configuration calls, by their names, on the real server. */
describe("facade configuration methods", () => {
  it("versioning, encryption, bucket tags, policy", async () => {
    expect((await minio.getBucketVersioning(t.name)).status).toBe("Enabled"); // object lock enables it
    const plain = await tempBucket(s3, "fver"); // excluded prefixes are refused on object-lock buckets
    try {
      expect((await minio.getBucketVersioning(plain.name)).status).toBe("Off");
      await minio.setBucketVersioning(plain.name, new VersioningConfig(VersioningConfig.ENABLED, { excludedPrefixes: ["tmp/"] }));
      expect(await minio.getBucketVersioning(plain.name)).toMatchObject({ status: "Enabled", excludedPrefixes: ["tmp/"] });
    } finally {
      await plain.cleanup();
    }

    expect(await minio.getBucketEncryption(t.name)).toBeNull();
    await minio.setBucketEncryption(t.name, new SSEConfig(SseRule.newSseS3Rule()));
    expect((await minio.getBucketEncryption(t.name))?.rule.sseAlgorithm).toBe("AES256");
    await minio.deleteBucketEncryption(t.name);
    expect(await minio.getBucketEncryption(t.name)).toBeNull();

    const tags = Tags.newBucketTags();
    tags.set("team", "storage");
    await minio.setBucketTags(t.name, tags);
    expect(Object.fromEntries((await minio.getBucketTags(t.name))!)).toEqual({ team: "storage" });
    await minio.deleteBucketTags(t.name);
    expect(await minio.getBucketTags(t.name)).toBeNull();

    await expect(minio.getBucketPolicy(t.name)).rejects.toMatchObject({ code: "NoSuchBucketPolicy" });

    expect(await minio.getBucketLifecycle(t.name)).toBeNull();
    await minio.setBucketLifecycle(t.name, new LifecycleConfig([
      new LifecycleRule("Enabled", { ruleId: "tmp", ruleFilter: new Filter({ prefix: "tmp/" }), expiration: new Expiration({ days: 3 }) }),
    ]));
    expect((await minio.getBucketLifecycle(t.name))?.rules[0]).toMatchObject({ ruleId: "tmp", status: "Enabled" });
    await minio.deleteBucketLifecycle(t.name);
    expect(await minio.getBucketLifecycle(t.name)).toBeNull();
    expect(await minio.getBucketReplication(t.name)).toBeNull();

    const arn = servers().plain.webhook?.arn;
    if (!arn) throw new Error("the test server has no webhook target (see spec/support/server/env-servers.ts)");
    await minio.setBucketNotification(t.name, new NotificationConfig({ queueConfigList: [new QueueConfig(arn, ["s3:ObjectCreated:*"])] }));
    expect((await minio.getBucketNotification(t.name)).queueConfigList[0]?.arn).toBe(arn);
    await minio.deleteBucketNotification(t.name);
    expect((await minio.getBucketNotification(t.name)).isEmpty).toBe(true);
  });

  it("object lock config, object tags, retention, legal hold", async () => {
    await minio.setObjectLockConfig(t.name, new ObjectLockConfig(ObjectLockConfig.GOVERNANCE, 1, ObjectLockConfig.DAYS));
    expect(await minio.getObjectLockConfig(t.name)).toMatchObject({ mode: "GOVERNANCE", duration: 1, unit: "Days" });
    await minio.deleteObjectLockConfig(t.name);
    expect((await minio.getObjectLockConfig(t.name)).mode).toBeNull();

    const w = await s3.bucket(t.name).object("doc").put("x");
    const opts = { versionId: w.versionId! };
    await minio.setObjectTags(t.name, "doc", { a: "1" }, opts);
    expect(Object.fromEntries((await minio.getObjectTags(t.name, "doc", opts))!)).toEqual({ a: "1" });
    await minio.deleteObjectTags(t.name, "doc", opts);

    expect(await minio.isObjectLegalHoldEnabled(t.name, "doc", opts)).toBe(false);
    await minio.enableObjectLegalHold(t.name, "doc", opts);
    expect(await minio.isObjectLegalHoldEnabled(t.name, "doc", opts)).toBe(true);
    await minio.disableObjectLegalHold(t.name, "doc", opts);
    expect(await minio.isObjectLegalHoldEnabled(t.name, "doc", opts)).toBe(false);

    const until = new Date(Date.now() + 3_600_000);
    await minio.setObjectRetention(t.name, "doc", new Retention(Retention.GOVERNANCE, until), opts);
    const r = await minio.getObjectRetention(t.name, "doc", opts);
    expect(r?.mode).toBe("GOVERNANCE");
    expect(Math.abs(r!.retainUntilDate.getTime() - until.getTime())).toBeLessThan(1000);
  });
});
