import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Error } from "../../../lib/index.js";
import { SSEConfig, SseRule } from "../../../lib/model/sse-config.js";
import { plainClient, servers, tempBucket } from "../support.js";

const s3 = plainClient();
const kmsKey = servers().plain.kmsKeyName;
let t: Awaited<ReturnType<typeof tempBucket>>;
beforeAll(async () => {
  t = await tempBucket(s3, "sse");
});
afterAll(async () => {
  await t.cleanup();
  s3.close();
});

describe("default encryption against MinIO", () => {
  it("none set: get() resolves to null, as in the seed", async () => {
    expect(await t.bucket.encryption().get()).toBeNull();
  });

  it("SSE-S3: set, get, and new objects are encrypted with AES256", async () => {
    const cfg = new SSEConfig(SseRule.newSseS3Rule());
    await t.bucket.encryption().set(cfg);
    expect(await t.bucket.encryption().get()).toStrictEqual(cfg);
    await t.bucket.object("s3.txt").put("secret");
    const info = await t.bucket.object("s3.txt").stat();
    expect(info.metadata?.["x-amz-server-side-encryption"]).toBe("AES256");
  });

  it("SSE-KMS with the server's key: set, get, and new objects name the key", async () => {
    expect(kmsKey).not.toBe("");
    const cfg = new SSEConfig(SseRule.newSseKmsRule(kmsKey));
    await t.bucket.encryption().set(cfg);
    expect(await t.bucket.encryption().get()).toStrictEqual(cfg);
    await t.bucket.object("kms.txt").put("secret");
    const meta = (await t.bucket.object("kms.txt").stat()).metadata ?? {};
    expect(meta["x-amz-server-side-encryption"]).toBe("aws:kms");
    expect(meta["x-amz-server-side-encryption-aws-kms-key-id"]).toBe(`arn:aws:kms:${kmsKey}`); // MinIO prefixes "arn:aws:kms:"
  });

  it("an unknown KMS key is refused by MinIO with an S3Error", async () => {
    const err = await t.bucket.encryption().set(new SSEConfig(SseRule.newSseKmsRule("no-such-key"))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3Error);
    expect(err).toMatchObject({ code: "kms:KeyNotFound", status: 404 }); // MinIO's own code
  });

  it("delete: get() resolves to null again, and new objects are not encrypted", async () => {
    await t.bucket.encryption().delete();
    expect(await t.bucket.encryption().get()).toBeNull();
    await t.bucket.object("plain.txt").put("open");
    expect((await t.bucket.object("plain.txt").stat()).metadata?.["x-amz-server-side-encryption"]).toBeUndefined();
  });

  it("delete when none is set", async () => {
    // The seed ignores ServerSideEncryptionConfigurationNotFoundError here.
    await t.bucket.encryption().delete();
    expect(await t.bucket.encryption().get()).toBeNull();
  });
});
