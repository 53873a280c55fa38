import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3, S3Error } from "../../../lib/index.js";
import { drain, plainClient, servers, tempBucket } from "../support.js";

const s3 = plainClient();
// An anonymous client with no region: like the seed, it does not ask GetBucketLocation
// (which a GetObject-only policy denies) and signs nothing.
const anonymous = new S3({ endpoint: servers().plain.endpoint });
let t: Awaited<ReturnType<typeof tempBucket>>;
beforeAll(async () => {
  t = await tempBucket(s3, "pol");
  await t.bucket.object("public/hello.txt").put("hello");
});
afterAll(async () => {
  await t.cleanup();
  s3.close();
  anonymous.close();
});

function readOnly(bucket: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: ["*"] }, Action: ["s3:GetObject"], Resource: [`arn:aws:s3:::${bucket}/*`] }],
  });
}

describe("bucket policy against MinIO", () => {
  it("no policy: get() rejects with NoSuchBucketPolicy, and anonymous reads are denied", async () => {
    const err = await t.bucket.policy().get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3Error);
    expect(err).toMatchObject({ code: "NoSuchBucketPolicy", status: 404 });
    await expect(anonymous.bucket(t.name).object("public/hello.txt").get()).rejects.toMatchObject({ code: "AccessDenied", status: 403 });
  });

  it("set a read-only policy, get it back (compared parsed), and it lets anonymous clients read", async () => {
    const policy = readOnly(t.name);
    await t.bucket.policy().set(policy);
    const back = await t.bucket.policy().get();
    expect(JSON.parse(back)).toStrictEqual(JSON.parse(policy));
    expect((await drain(await anonymous.bucket(t.name).object("public/hello.txt").get())).toString()).toBe("hello");
    // GetObject only: anonymous writes are still denied.
    await expect(anonymous.bucket(t.name).object("public/w.txt").put("w")).rejects.toMatchObject({ code: "AccessDenied" });
  });

  it("delete: get() rejects again and anonymous reads are denied again", async () => {
    await t.bucket.policy().delete();
    await expect(t.bucket.policy().get()).rejects.toMatchObject({ code: "NoSuchBucketPolicy" });
    await expect(anonymous.bucket(t.name).object("public/hello.txt").get()).rejects.toMatchObject({ code: "AccessDenied", status: 403 });
  });

  it("a policy MinIO refuses is an S3Error; invalid JSON never leaves the client", async () => {
    const wrongBucket = readOnly("some-other-bucket");
    const err = await t.bucket.policy().set(wrongBucket).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3Error);
    expect((err as S3Error).code).toBe("MalformedPolicy");
    await expect(t.bucket.policy().set("{")).rejects.toMatchObject({ name: "InvalidArgumentError" });
  });
});
