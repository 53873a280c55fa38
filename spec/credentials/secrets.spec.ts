import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AssumeRoleProvider, AWSConfigProvider, CertificateIdentityProvider, ChainedProvider, ClientGrantsProvider, CredentialsValue,
  EnvAWSProvider, EnvMinioProvider, IamAwsProvider, LdapIdentityProvider, Minio, MinioClientConfigProvider, S3, SseCustomerKey,
  StaticProvider, WebIdentityProvider,
} from "../../lib/index.js";
import { startStub, stsFailure, stsSuccess, stubCreds, type Stub } from "../support/credentials-stub.js";

// Every secret in play; each is long and unique so any leak is found.
const S = {
  s3Secret: "S3-SECRET-aaaaaaaaaaaaaaaaaaaaaaaa",
  s3Token: "S3-TOKEN-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
  staticSecret: "STATIC-SECRET-cccccccccccccccccc",
  staticToken: "STATIC-TOKEN-dddddddddddddddddddd",
  assumeSecret: "ASSUME-SECRET-eeeeeeeeeeeeeeeeeee",
  ldapPassword: "LDAP-PASSWORD-ffffffffffffffffff",
  webToken: "WEB-IDENTITY-TOKEN-gggggggggggggggg",
  grantsToken: "CLIENT-GRANTS-TOKEN-hhhhhhhhhhhhhhh",
  keyPassword: "KEY-PASSWORD-iiiiiiiiiiiiiiiiiiiii",
  ecsToken: "ECS-AUTH-TOKEN-jjjjjjjjjjjjjjjjjjj",
  envSecret: "ENV-SECRET-kkkkkkkkkkkkkkkkkkkkkkkk",
  envToken: "ENV-TOKEN-llllllllllllllllllllllll",
  minioEnvSecret: "MINIO-ENV-SECRET-mmmmmmmmmmmmmmmmm",
  fileSecret: "FILE-SECRET-nnnnnnnnnnnnnnnnnnnnnn",
  fileToken: "FILE-TOKEN-oooooooooooooooooooooooo",
  mcSecret: "MC-SECRET-pppppppppppppppppppppppp",
  stub1Secret: stubCreds(1).secretKey,
  stub1Token: stubCreds(1).sessionToken,
};
const sseKey = Buffer.from("SSE-C-KEY-qqqqqqqqqqqqqqqqqqqqqq".padEnd(32, "q"));
const SECRETS = [...Object.values(S), sseKey.toString("utf8"), sseKey.toString("base64"), sseKey.toString("hex")];

/** Every way a value gets printed or serialised. */
function renderings(v: unknown): string[] {
  return [
    JSON.stringify(v) ?? "",
    inspect(v),
    inspect(v, { depth: Infinity, showHidden: true, getters: true }),
    String(v),
    `${v as string}`,
  ];
}

function expectNoSecret(label: string, texts: string[]): void {
  for (const t of texts) for (const s of SECRETS) expect(t.includes(s), `${label} shows a secret: ${t.slice(0, 200)}`).toBe(false);
}

const envVars = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "MINIO_ACCESS_KEY", "MINIO_SECRET_KEY"];
const savedEnv = Object.fromEntries(envVars.map((k) => [k, process.env[k]]));
let dir: string;
let granting: Stub;
let echoing: Stub;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "quarry-secrets-"));
  await writeFile(join(dir, "credentials"), `[default]\naws_access_key_id = AKFILE\naws_secret_access_key = ${S.fileSecret}\naws_session_token = ${S.fileToken}\n`);
  await writeFile(join(dir, "mc.json"), JSON.stringify({ aliases: { s3: { accessKey: "AKMC", secretKey: S.mcSecret } } }));
  await writeFile(join(dir, "token"), S.webToken);
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: "AKENV", AWS_SECRET_ACCESS_KEY: S.envSecret, AWS_SESSION_TOKEN: S.envToken, MINIO_ACCESS_KEY: "AKMENV", MINIO_SECRET_KEY: S.minioEnvSecret });
  // A granting STS/ECS answers every action with stub credentials #1.
  granting = await startStub((req) => {
    const action = req.form.get("Action");
    if (action) return stsSuccess(action, stubCreds(1));
    const c = stubCreds(1);
    return { status: 200, body: JSON.stringify({ Code: "Success", AccessKeyId: c.accessKey, SecretAccessKey: c.secretKey, Token: c.sessionToken, Expiration: c.expiration.toISOString() }) };
  });
  // A hostile endpoint that echoes everything it was sent into its error answers.
  echoing = await startStub((req) => {
    const echo = `${req.body} ${JSON.stringify(req.headers)}`;
    if (req.form.get("Action")) return stsFailure(400, "InvalidParameterValue", `you sent ${echo} and ${[...req.form.values()].join(" ")}`);
    return { status: 200, body: JSON.stringify({ Code: `Denied`, Message: echo }) };
  });
});
afterAll(async () => {
  for (const [k, v] of Object.entries(savedEnv)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  await granting.close();
  await echoing.close();
});

/** Every provider, pointed at `endpoint` where it calls out. */
function providers(endpoint: string) {
  return {
    static: new StaticProvider("AKSTATIC", S.staticSecret, S.staticToken),
    envAws: new EnvAWSProvider(),
    envMinio: new EnvMinioProvider(),
    awsConfig: new AWSConfigProvider({ filename: join(dir, "credentials") }),
    mcConfig: new MinioClientConfigProvider({ filename: join(dir, "mc.json") }),
    assumeRole: new AssumeRoleProvider(endpoint, "AKASSUME", S.assumeSecret),
    ldap: new LdapIdentityProvider(endpoint, "ldap-user", S.ldapPassword),
    webIdentity: new WebIdentityProvider(() => ({ accessToken: S.webToken }), endpoint, { roleArn: "arn:r" }),
    clientGrants: new ClientGrantsProvider(() => ({ accessToken: S.grantsToken }), endpoint),
    certificate: new CertificateIdentityProvider("https://127.0.0.1:1", { certFile: join(dir, "nope.crt"), keyFile: join(dir, "nope.key"), keyPassword: S.keyPassword, timeoutMs: 500 }),
    iamEcs: new IamAwsProvider({ fullUri: `${endpoint}/creds`, authToken: S.ecsToken }),
    iamWebIdentity: new IamAwsProvider({ customEndpoint: endpoint, tokenFile: join(dir, "token"), roleArn: "arn:r" }),
  };
}

describe("secrets never show when clients, providers and credentials are printed or serialised", () => {
  it("S3 and Minio clients, with keys, a session token or a provider", () => {
    const s3 = new S3({ endpoint: "http://127.0.0.1:9", accessKey: "AKS3", secretKey: S.s3Secret, sessionToken: S.s3Token });
    const minio = new Minio("127.0.0.1:9", { secure: false, accessKey: "AKS3", secretKey: S.s3Secret, sessionToken: S.s3Token });
    const viaProvider = new S3({ endpoint: "http://127.0.0.1:9", credentials: new AssumeRoleProvider("http://127.0.0.1:9", "AK", S.assumeSecret) });
    for (const [label, v] of Object.entries({ s3, minio, viaProvider })) expectNoSecret(label, renderings(v));
    s3.close();
    minio.s3.close();
    viaProvider.close();
  });

  it("every provider, before and after it has fetched credentials, and the credentials themselves", async () => {
    const ps = providers(granting.endpoint);
    for (const [label, p] of Object.entries(ps)) expectNoSecret(`${label} (fresh)`, renderings(p));
    const chain = new ChainedProvider(Object.values(ps));
    expectNoSecret("chain", renderings(chain));
    for (const [label, p] of Object.entries(ps)) {
      if (label === "certificate") continue; // no TLS STS here; its failure is checked below
      const creds = await p.retrieve();
      expect(creds.secretKey.length, label).toBeGreaterThan(0); // the secret is there, only hidden
      expectNoSecret(`${label} credentials`, [...renderings(creds), inspect({ creds }), JSON.stringify({ creds }), JSON.stringify({ ...creds })]);
      expectNoSecret(`${label} (after retrieve)`, renderings(p));
    }
    expectNoSecret("chain (after retrieve)", renderings(await chain.retrieve()));
  });

  it("a CredentialsValue and an SSE-C key", () => {
    const c = new CredentialsValue("AKV", S.staticSecret, S.staticToken, new Date());
    expectNoSecret("credentials value", [...renderings(c), Object.keys(c).join(","), JSON.stringify(Object.entries(c))]);
    expect(c.secretKey).toBe(S.staticSecret);
    expectNoSecret("SSE-C key", renderings(new SseCustomerKey(sseKey)));
  });
});

describe("secrets never show in the errors of failed refreshes", () => {
  it("every calling provider against an endpoint echoing what it was sent, and the chain over them", async () => {
    const ps = providers(echoing.endpoint);
    const calling = [ps.assumeRole, ps.ldap, ps.webIdentity, ps.clientGrants, ps.certificate, ps.iamEcs, ps.iamWebIdentity];
    for (const p of calling) {
      const err = await p.retrieve().then(() => undefined, (e: unknown) => e);
      expect(err, String(p)).toMatchObject({ name: "CredentialsError" });
      const e = err as Error;
      expectNoSecret(`${String(p)} error`, [e.message, String(e), `${e}`, e.stack ?? "", inspect(e, { depth: Infinity, showHidden: true }), JSON.stringify(e)]);
    }
    const chainErr = await new ChainedProvider(calling).retrieve().then(() => undefined, (e: unknown) => e) as Error;
    expect(chainErr.message).toContain("LdapIdentityProvider");
    expectNoSecret("chain error", [chainErr.message, inspect(chainErr, { depth: Infinity, showHidden: true })]);
  });

  it("an S3 call whose provider fails surfaces the same clean error", async () => {
    const s3 = new S3({ endpoint: echoing.endpoint, credentials: new LdapIdentityProvider(echoing.endpoint, "u", S.ldapPassword), region: "us-east-1" });
    try {
      const err = await s3.bucket("bkt").exists().then(() => undefined, (e: unknown) => e) as Error;
      expect(err).toMatchObject({ name: "CredentialsError", provider: "LdapIdentityProvider", code: "InvalidParameterValue" });
      expect(err.message).toContain("[hidden]"); // the echo was there, and was scrubbed
      expectNoSecret("S3 call error", [err.message, inspect(err, { depth: Infinity, showHidden: true })]);
    } finally {
      s3.close();
    }
  });
});
