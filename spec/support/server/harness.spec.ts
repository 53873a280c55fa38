import { describe, expect, inject, it } from "vitest";
import { probe } from "./health.js";

describe("real-server harness", () => {
  const { plain, tls } = inject("s3");

  it("provides a plain endpoint that answers /minio/health/live", async () => {
    expect(plain.endpoint).toMatch(/^https?:\/\//);
    expect(await probe(plain.endpoint, "/minio/health/live", plain.ca)).toBe(200);
  });

  it("provides a TLS endpoint that answers when its CA is trusted", async () => {
    expect(tls.endpoint).toMatch(/^https:\/\//);
    expect(await probe(tls.endpoint, "/minio/health/live", tls.ca)).toBe(200);
  });

  it("serves a certificate that fails verification without that CA", async () => {
    if (tls.ca === undefined) {
      // Only an env-provided server may come without a CA: then a public CA must vouch for it.
      expect(tls.source).toBe("env");
      expect(await probe(tls.endpoint, "/minio/health/live")).toBe(200);
      return;
    }
    expect(tls.ca).toContain("BEGIN CERTIFICATE");
    await expect(probe(tls.endpoint, "/minio/health/live")).rejects.toMatchObject({
      code: expect.stringMatching(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/),
    });
  });

  it("gives each server random root credentials and the static KMS key", () => {
    for (const server of [plain, tls].filter((s) => s.source !== "env")) {
      expect(server.accessKey).toMatch(/^[0-9a-f]{20,}$/);
      expect(server.secretKey).toMatch(/^[0-9a-f]{32,}$/);
      expect(server.kmsKeyName).toBe("quarry-test-key");
      expect(server.region).toBe("us-east-1");
    }
    if (plain.source !== "env") expect(plain.accessKey).not.toBe(tls.accessKey);
  });
});
