import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { IamAwsProvider, InvalidArgumentError } from "../../lib/index.js";
import { startStub, stsSuccess, stubCreds, type Stub, type StubAnswer, type StubHandler } from "../support/credentials-stub.js";

const AWS_VARS = [
  "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_REGION", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_EC2_METADATA_DISABLED",
];
const saved = Object.fromEntries(AWS_VARS.map((k) => [k, process.env[k]]));
const stubs: Stub[] = [];
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "quarry-iam-"));
});
beforeEach(() => {
  for (const k of AWS_VARS) delete process.env[k];
});
afterEach(async () => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});
async function stub(handler: StubHandler) {
  const s = await startStub(handler);
  stubs.push(s);
  return s;
}

/** The JSON document IMDS and the ECS endpoint serve. */
function credsJson(n: number, seconds = 3600): StubAnswer {
  const c = stubCreds(n, seconds);
  return {
    status: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ Code: "Success", Type: "AWS-HMAC", AccessKeyId: c.accessKey, SecretAccessKey: c.secretKey, Token: c.sessionToken, Expiration: c.expiration.toISOString() }),
  };
}

const IMDS_TOKEN = "imds-session-token-AQAEAxyz";

/** An EC2 metadata service requiring the IMDSv2 token on every metadata read. */
const imds: StubHandler = (req, i) => {
  if (req.method === "PUT" && req.path === "/latest/api/token") {
    return req.headers["x-aws-ec2-metadata-token-ttl-seconds"] === "21600" ? { status: 200, body: IMDS_TOKEN } : { status: 400 };
  }
  if (req.headers["x-aws-ec2-metadata-token"] !== IMDS_TOKEN) return { status: 401 };
  if (req.path === "/latest/meta-data/iam/security-credentials/") return { status: 200, body: "quarry-role\nother-role\n" };
  if (req.path === "/latest/meta-data/iam/security-credentials/quarry-role") return credsJson(i);
  return { status: 404 };
};

describe("IamAwsProvider: EC2 instance metadata (IMDSv2)", () => {
  it("does the token handshake, finds the role, and reads its credentials with the token", async () => {
    const md = await stub(imds);
    const c = await new IamAwsProvider({ customEndpoint: md.endpoint }).retrieve();
    expect([c.accessKey, c.secretKey, c.sessionToken]).toEqual([stubCreds(2).accessKey, stubCreds(2).secretKey, stubCreds(2).sessionToken]);
    expect(c.expiration!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(md.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "PUT /latest/api/token",
      "GET /latest/meta-data/iam/security-credentials/",
      "GET /latest/meta-data/iam/security-credentials/quarry-role",
    ]);
    expect(md.requests[0].headers["x-aws-ec2-metadata-token-ttl-seconds"]).toBe("21600");
    expect(md.requests.slice(1).map((r) => r.headers["x-aws-ec2-metadata-token"])).toEqual([IMDS_TOKEN, IMDS_TOKEN]);
  });

  it("a metadata answer with Code other than Success is a typed error", async () => {
    const md = await stub((req, i) => (req.path.endsWith("/quarry-role")
      ? { status: 200, body: JSON.stringify({ Code: "AssumeRoleUnauthorizedAccess", Message: "no" }) }
      : imds(req, i)));
    await expect(new IamAwsProvider({ customEndpoint: md.endpoint }).retrieve()).rejects.toMatchObject({ name: "CredentialsError", provider: "IamAwsProvider", code: "AssumeRoleUnauthorizedAccess" });
  });

  it("an instance without a role, or a refused token, fails typed", async () => {
    const none = await stub((req, i) => (req.path === "/latest/meta-data/iam/security-credentials/" ? { status: 200, body: "" } : imds(req, i)));
    await expect(new IamAwsProvider({ customEndpoint: none.endpoint }).retrieve()).rejects.toMatchObject({ code: "NotFound" });
    const refused = await stub(() => ({ status: 403 }));
    await expect(new IamAwsProvider({ customEndpoint: refused.endpoint }).retrieve()).rejects.toMatchObject({ code: "HTTP403" });
  });

  it("a silent metadata service times out instead of hanging", async () => {
    const md = await stub(() => "hang");
    const started = Date.now();
    await expect(new IamAwsProvider({ customEndpoint: md.endpoint, timeoutMs: 200 }).retrieve()).rejects.toMatchObject({ code: "Timeout" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("AWS_EC2_METADATA_DISABLED=true stops it from asking", async () => {
    process.env["AWS_EC2_METADATA_DISABLED"] = "true";
    const md = await stub(imds);
    await expect(new IamAwsProvider({ customEndpoint: md.endpoint }).retrieve()).rejects.toMatchObject({ code: "NotFound" });
    expect(md.requests).toHaveLength(0);
  });
});

describe("IamAwsProvider: ECS container credentials", () => {
  it("relative URI: sends the authorization token from the environment", async () => {
    const ecs = await stub((req, i) => (req.headers.authorization === "ecs-auth-token" ? credsJson(i + 1) : { status: 401 }));
    process.env["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/task-1";
    process.env["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "ecs-auth-token";
    const c = await new IamAwsProvider({ customEndpoint: `${ecs.endpoint}/v2/credentials/task-1` }).retrieve();
    expect(c.accessKey).toBe("STUBKEY1");
    expect(ecs.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v2/credentials/task-1"]);
  });

  it("full URI on loopback with the token read from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (at each refresh)", async () => {
    const tokenFile = join(dir, "ecs-token");
    await writeFile(tokenFile, "file-auth-token\n");
    const ecs = await stub((req, i) => (req.headers.authorization === "file-auth-token" ? credsJson(i + 1) : { status: 401 }));
    const c = await new IamAwsProvider({ fullUri: `${ecs.endpoint}/creds`, authTokenFile: tokenFile }).retrieve();
    expect(c.accessKey).toBe("STUBKEY1");
    expect(ecs.requests[0].path).toBe("/creds");
    expect(ecs.requests[0].headers.authorization).toBe("file-auth-token");
  });

  it("refuses a full URI over http to a non-loopback host without sending", async () => {
    const err = await new IamAwsProvider({ fullUri: "http://example.com/creds" }).retrieve().catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "CredentialsError", code: "InvalidEndpoint" });
  });

  it("refuses a custom endpoint that is not a URL", () => {
    expect(() => new IamAwsProvider({ customEndpoint: "::nope" })).toThrow(InvalidArgumentError);
  });
});

describe("IamAwsProvider: web-identity token file (EKS)", () => {
  it("exchanges the token file's content at STS with the role from the environment", async () => {
    const tokenFile = join(dir, "web-identity-token");
    await writeFile(tokenFile, "eks.jwt.token\n");
    const sts = await stub((_r, i) => stsSuccess("AssumeRoleWithWebIdentity", stubCreds(i + 1)));
    process.env["AWS_WEB_IDENTITY_TOKEN_FILE"] = tokenFile;
    process.env["AWS_ROLE_ARN"] = "arn:aws:iam::123:role/eks";
    process.env["AWS_ROLE_SESSION_NAME"] = "pod-1";
    const c = await new IamAwsProvider({ customEndpoint: sts.endpoint }).retrieve();
    expect(c.accessKey).toBe("STUBKEY1");
    expect(Object.fromEntries(sts.requests[0].form)).toEqual({
      Action: "AssumeRoleWithWebIdentity", Version: "2011-06-15", WebIdentityToken: "eks.jwt.token", RoleArn: "arn:aws:iam::123:role/eks", RoleSessionName: "pod-1",
    });
  });

  it("a missing token file is a typed error naming the file", async () => {
    const sts = await stub(() => stsSuccess("AssumeRoleWithWebIdentity", stubCreds(1)));
    const missing = join(dir, "no-such-token");
    const err = await new IamAwsProvider({ customEndpoint: sts.endpoint, tokenFile: missing }).retrieve().catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "CredentialsError", code: "NotFound" });
    expect((err as Error).message).toContain(missing);
    expect(sts.requests).toHaveLength(0);
  });
});
