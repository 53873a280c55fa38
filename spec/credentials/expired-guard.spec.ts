import { afterEach, describe, expect, it } from "vitest";
import { CredentialsError, CredentialsValue, S3, type Credentials, type CredentialsProvider } from "../../lib/index.js";
import { startStub, type Stub } from "../support/credentials-stub.js";

/** A provider answering from a script, counting calls. */
class Scripted implements CredentialsProvider {
  calls = 0;
  constructor(private readonly answers: Credentials[]) {}
  retrieve(): Promise<Credentials> {
    return Promise.resolve(this.answers[Math.min(this.calls++, this.answers.length - 1)]);
  }
}

const past = () => new Date(Date.now() - 1_000);
const future = () => new Date(Date.now() + 3600_000);

let server: Stub | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** An S3 endpoint that counts what reaches it and says yes to everything. */
async function countingS3() {
  server = await startStub(() => ({ status: 200, headers: { "content-length": "0" } }));
  return server;
}

describe("the executor never signs with expired credentials", () => {
  it("expired twice: fails typed (code Expired, naming the provider) and nothing is sent", async () => {
    const s = await countingS3();
    const provider = new Scripted([new CredentialsValue("AKOLD", "old", "tok", past())]);
    const s3 = new S3({ endpoint: s.endpoint, credentials: provider, region: "us-east-1" });
    try {
      const err = await s3.bucket("bkt").exists().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CredentialsError);
      expect(err).toMatchObject({ provider: "Scripted", code: "Expired" });
      expect((err as Error).message).toContain("the request was not sent");
      expect(provider.calls).toBe(2);
      expect(s.requests).toHaveLength(0);
    } finally {
      s3.close();
    }
  });

  it("expired once: asks again and signs with the fresh credentials", async () => {
    const s = await countingS3();
    const provider = new Scripted([new CredentialsValue("AKOLD", "old", "tok-old", past()), new CredentialsValue("AKNEW", "new", "tok-new", future())]);
    const s3 = new S3({ endpoint: s.endpoint, credentials: provider, region: "us-east-1" });
    try {
      expect(await s3.bucket("bkt").exists()).toBe(true);
      expect(s.requests).toHaveLength(1);
      expect(s.requests[0].headers.authorization).toContain("Credential=AKNEW/");
      expect(s.requests[0].headers["x-amz-security-token"]).toBe("tok-new");
    } finally {
      s3.close();
    }
  });

  it("credentials without an expiration are used as they are", async () => {
    const s = await countingS3();
    const provider = new Scripted([{ accessKey: "AKPLAIN", secretKey: "plain" }]);
    const s3 = new S3({ endpoint: s.endpoint, credentials: provider, region: "us-east-1" });
    try {
      expect(await s3.bucket("bkt").exists()).toBe(true);
      expect(provider.calls).toBe(1);
      expect(s.requests[0].headers.authorization).toContain("Credential=AKPLAIN/");
    } finally {
      s3.close();
    }
  });
});
