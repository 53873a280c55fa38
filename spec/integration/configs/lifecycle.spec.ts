import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Error } from "../../../lib/errors.js";
import { AndOperator, Filter, Tag } from "../../../lib/model/filter.js";
import {
  AbortIncompleteMultipartUpload, DelMarkerExpiration, Expiration, LifecycleConfig, LifecycleRule, NoncurrentVersionExpiration, Transition,
} from "../../../lib/model/lifecycle.js";
import { plainClient, tempBucket } from "../support.js";

const s3 = plainClient();
let bucket: Awaited<ReturnType<typeof tempBucket>>;

beforeAll(async () => {
  bucket = await tempBucket(s3, "lifecycle");
});
afterAll(async () => {
  await bucket?.cleanup();
  await s3.close();
});

/** Every lifecycle feature this MinIO keeps, one rule each. */
function fullConfig(): LifecycleConfig {
  return new LifecycleConfig([
    new LifecycleRule("Enabled", { ruleId: "prefix-days", ruleFilter: new Filter({ prefix: "logs/" }), expiration: new Expiration({ days: 1 }) }),
    new LifecycleRule("Disabled", {
      ruleId: "tag-date",
      ruleFilter: new Filter({ tag: new Tag("class", "temp") }),
      expiration: new Expiration({ date: new Date("2031-03-01T00:00:00Z") }),
    }),
    new LifecycleRule("Enabled", {
      ruleId: "and-noncurrent",
      ruleFilter: new Filter({ andOperator: new AndOperator({ prefix: "docs/", tags: { team: "a", tier: "cold" } }) }),
      noncurrentVersionExpiration: new NoncurrentVersionExpiration({ noncurrentDays: 7, newerNoncurrentVersions: 3 }),
    }),
    new LifecycleRule("Enabled", { ruleId: "markers", ruleFilter: new Filter({ prefix: "" }), expiration: new Expiration({ expiredObjectDeleteMarker: true }) }),
    new LifecycleRule("Enabled", { ruleId: "lone-markers", ruleFilter: new Filter({ prefix: "old/" }), delMarkerExpiration: new DelMarkerExpiration(4) }),
    new LifecycleRule("Enabled", { ruleId: "size", ruleFilter: new Filter({ objectSizeGreaterThan: 1024 }), expiration: new Expiration({ days: 30 }) }),
  ]);
}

describe("lifecycle against MinIO", () => {
  it("get → null on a bucket without lifecycle (NoSuchLifecycleConfiguration, as the seed)", async () => {
    expect(await bucket.bucket.lifecycle().get()).toBeNull();
  });

  it("set → get gives back every rule, field for field → delete → get is null", async () => {
    const lifecycle = bucket.bucket.lifecycle();
    const config = fullConfig();
    await lifecycle.set(config);
    expect(await lifecycle.get()).toStrictEqual(config);
    await lifecycle.delete();
    expect(await lifecycle.get()).toBeNull();
  });

  it("set replaces the whole configuration", async () => {
    const lifecycle = bucket.bucket.lifecycle();
    await lifecycle.set(fullConfig());
    const one = new LifecycleConfig([
      new LifecycleRule("Enabled", { ruleId: "only", ruleFilter: new Filter({ prefix: "tmp/" }), expiration: new Expiration({ days: 2 }) }),
    ]);
    await lifecycle.set(one);
    expect(await lifecycle.get()).toStrictEqual(one);
    await lifecycle.delete();
  });

  it("MinIO accepts but drops AbortIncompleteMultipartUpload (it has no such action)", async () => {
    const lifecycle = bucket.bucket.lifecycle();
    const filter = new Filter({ prefix: "up/" });
    await lifecycle.set(new LifecycleConfig([
      new LifecycleRule("Enabled", {
        ruleId: "abort", ruleFilter: filter, expiration: new Expiration({ days: 3 }),
        abortIncompleteMultipartUpload: new AbortIncompleteMultipartUpload({ daysAfterInitiation: 2 }),
      }),
    ]));
    expect(await lifecycle.get()).toStrictEqual(new LifecycleConfig([
      new LifecycleRule("Enabled", { ruleId: "abort", ruleFilter: filter, expiration: new Expiration({ days: 3 }) }),
    ]));
    await lifecycle.delete();
  });

  it("a transition to a storage class that is no configured tier is refused by the server", async () => {
    const config = new LifecycleConfig([
      new LifecycleRule("Enabled", { ruleFilter: new Filter({ prefix: "t/" }), transition: new Transition({ days: 30, storageClass: "NO-SUCH-TIER" }) }),
    ]);
    const err = await bucket.bucket.lifecycle().set(config).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3Error);
    expect((err as S3Error).status).toBe(400);
  });

  it("delete on a bucket without lifecycle succeeds, and get stays null", async () => {
    await bucket.bucket.lifecycle().delete();
    expect(await bucket.bucket.lifecycle().get()).toBeNull();
  });
});
