import { afterAll, describe, expect, it } from "vitest";
import { Minio, S3Error } from "../../lib/index.js";
import { bucketName, plainClient, servers } from "./support.js";

const s3 = plainClient();
afterAll(() => s3.close());

describe("buckets against MinIO", () => {
  it("create → exists → listed → remove → gone", async () => {
    const name = bucketName("life");
    const b = s3.bucket(name);
    expect(await b.exists()).toBe(false);
    await b.create();
    expect(await b.exists()).toBe(true);
    const listed = await s3.buckets().list();
    const mine = listed.find((x) => x.name === name);
    expect(mine).toBeDefined();
    expect(mine!.creationDate).toBeInstanceOf(Date);
    expect(Math.abs(mine!.creationDate.getTime() - Date.now())).toBeLessThan(5 * 60_000);
    await b.remove();
    expect(await b.exists()).toBe(false);
    expect((await s3.buckets().list()).some((x) => x.name === name)).toBe(false);
  });

  it("creating an existing bucket fails with a typed S3Error", async () => {
    const name = bucketName("dup");
    await s3.bucket(name).create();
    const err = await s3.bucket(name).create().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3Error);
    expect((err as S3Error).code).toMatch(/BucketAlreadyOwnedByYou|BucketAlreadyExists/);
    expect((err as S3Error).status).toBe(409);
    expect((err as S3Error).bucketName).toBe(name);
    await s3.bucket(name).remove();
  });

  it("removing a missing bucket is NoSuchBucket; a non-empty one is BucketNotEmpty", async () => {
    const missing = await s3.bucket(bucketName("none")).remove().catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: "S3Error", code: "NoSuchBucket", status: 404 });
    expect((missing as S3Error).requestId).toBeTruthy();
    const name = bucketName("full");
    await s3.bucket(name).create();
    await s3.bucket(name).object("k").put("x");
    await expect(s3.bucket(name).remove()).rejects.toMatchObject({ code: "BucketNotEmpty", status: 409 });
    await s3.bucket(name).object("k").remove();
    await s3.bucket(name).remove();
  });

  it("object lock at creation: versioning comes with it, so writes get version ids", async () => {
    const name = bucketName("lock");
    await s3.bucket(name).create({ objectLock: true });
    const a = await s3.bucket(name).object("k").put("one");
    const b = await s3.bucket(name).object("k").put("two");
    expect(a.versionId).toBeTruthy();
    expect(b.versionId).toBeTruthy();
    expect(a.versionId).not.toBe(b.versionId);
    const plain = bucketName("nolock");
    await s3.bucket(plain).create();
    expect((await s3.bucket(plain).object("k").put("x")).versionId).toBeUndefined();
    await s3.bucket(plain).object("k").remove();
    await s3.bucket(plain).remove();
    for (const v of [a.versionId!, b.versionId!]) await s3.bucket(name).object("k").version(v).remove();
    await s3.bucket(name).remove();
  });

  it("region: the server's region is discovered with GetBucketLocation", async () => {
    const name = bucketName("loc");
    await s3.bucket(name).create({ region: "us-east-1" });
    const fresh = plainClient(); // empty region cache
    expect(await fresh.bucket(name).location()).toBe("us-east-1");
    fresh.close();
    await s3.bucket(name).remove();
  });

  it("wrong credentials are a typed error, and the secret is not in it", async () => {
    const s = servers().plain;
    const bad = plainClient({ secretKey: "not-the-secret-key-at-all", region: "us-east-1" });
    const err = await bad.buckets().list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3Error);
    expect((err as S3Error).code).toBe("SignatureDoesNotMatch");
    expect(JSON.stringify(err) + String(err) + (err as Error).stack).not.toContain(s.secretKey);
    bad.close();
  });

  it("facade: makeBucket, bucketExists, listBuckets, removeBucket", async () => {
    const s = servers().plain;
    const minio = new Minio(s.endpoint, { accessKey: s.accessKey, secretKey: s.secretKey });
    const name = bucketName("facade");
    await minio.makeBucket(name, { location: "us-east-1" });
    expect(await minio.bucketExists(name)).toBe(true);
    expect((await minio.listBuckets()).map((b) => b.name)).toContain(name);
    await minio.removeBucket(name);
    expect(await minio.bucketExists(name)).toBe(false);
    minio.close();
  });
});
