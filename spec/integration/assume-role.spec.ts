import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AssumeRoleProvider, CredentialsError, Minio, S3 } from "../../lib/index.js";
import { drain, plainClient, servers, tempBucket } from "./support.js";

const admin = plainClient();
let t: Awaited<ReturnType<typeof tempBucket>>;
beforeAll(async () => {
  t = await tempBucket(admin, "sts");
});
afterAll(async () => {
  await t.cleanup();
  admin.close();
});

describe("AssumeRoleProvider against the real MinIO STS", () => {
  it("gets temporary keys with a session token and an expiry, and they put and get an object", async () => {
    const s = servers().plain;
    const provider = new AssumeRoleProvider(s.endpoint, s.accessKey, s.secretKey, { durationSeconds: 900 });
    const creds = await provider.retrieve();
    expect(creds.accessKey).not.toBe(s.accessKey);
    expect(creds.sessionToken).toMatch(/\S{20,}/);
    const ttl = creds.expiration!.getTime() - Date.now();
    expect(ttl).toBeGreaterThan(800_000);
    expect(ttl).toBeLessThanOrEqual(905_000);
    expect(await provider.retrieve()).toBe(creds); // cached

    const temp = new S3({ endpoint: s.endpoint, credentials: provider, region: s.region });
    try {
      await temp.bucket(t.name).object("sts/hello.txt").put("from temporary keys");
      const got = await drain(await temp.bucket(t.name).object("sts/hello.txt").get());
      expect(got.toString()).toBe("from temporary keys");
      // The object was written by the temporary identity, read back by root too.
      expect((await admin.bucket(t.name).object("sts/hello.txt").stat()).size).toBe(19);
    } finally {
      temp.close();
    }
  });

  it("concurrent first callers share one AssumeRole call (all get the same temporary key)", async () => {
    const s = servers().plain;
    const provider = new AssumeRoleProvider(s.endpoint, s.accessKey, s.secretKey);
    const all = await Promise.all(Array.from({ length: 10 }, () => provider.retrieve()));
    expect(new Set(all.map((c) => c.accessKey)).size).toBe(1);
    expect(new Set(all).size).toBe(1);
  });

  it("the Minio facade takes the provider too", async () => {
    const s = servers().plain;
    const minio = new Minio(s.endpoint, { credentials: new AssumeRoleProvider(s.endpoint, s.accessKey, s.secretKey), region: s.region });
    try {
      expect(await minio.bucketExists(t.name)).toBe(true);
    } finally {
      minio.s3.close();
    }
  });

  it("over TLS: the server's CA is trusted through the ca option, and verification stays on without it", async () => {
    const tls = servers().tls;
    const creds = await new AssumeRoleProvider(tls.endpoint, tls.accessKey, tls.secretKey, { ca: tls.ca }).retrieve();
    expect(creds.sessionToken).toBeTruthy();
    if (tls.ca) {
      await expect(new AssumeRoleProvider(tls.endpoint, tls.accessKey, tls.secretKey).retrieve()).rejects.toMatchObject({ name: "CredentialsError" });
    }
  });

  it("without the session token the temporary keys are refused (the token is what makes them valid)", async () => {
    const s = servers().plain;
    const creds = await new AssumeRoleProvider(s.endpoint, s.accessKey, s.secretKey).retrieve();
    const noToken = new S3({ endpoint: s.endpoint, accessKey: creds.accessKey, secretKey: creds.secretKey, region: s.region });
    try {
      await expect(noToken.bucket(t.name).object("sts/x").put("x")).rejects.toMatchObject({ name: "S3Error" });
    } finally {
      noToken.close();
    }
  });

  it("a session policy limits the temporary keys: read allowed, write refused", async () => {
    const s = servers().plain;
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: [`arn:aws:s3:::${t.name}/*`] }],
    });
    await admin.bucket(t.name).object("sts/readable").put("ok");
    const limited = new S3({ endpoint: s.endpoint, credentials: new AssumeRoleProvider(s.endpoint, s.accessKey, s.secretKey, { policy }), region: s.region });
    try {
      expect((await drain(await limited.bucket(t.name).object("sts/readable").get())).toString()).toBe("ok");
      await expect(limited.bucket(t.name).object("sts/denied").put("no")).rejects.toMatchObject({ name: "S3Error", code: "AccessDenied" });
    } finally {
      limited.close();
    }
  });

  it("a wrong secret is a CredentialsError with the STS code, naming the provider, without the secret", async () => {
    const s = servers().plain;
    const wrong = "wrong-secret-" + "x".repeat(20);
    const err = await new AssumeRoleProvider(s.endpoint, s.accessKey, wrong).retrieve().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err).toMatchObject({ provider: "AssumeRoleProvider", code: "AccessDenied" }); // MinIO's STS answers a bad signature so
    expect((err as Error).message).toContain("AssumeRoleProvider");
    expect((err as Error).message).not.toContain(wrong);
  });
});
