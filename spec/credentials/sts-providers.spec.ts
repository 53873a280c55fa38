import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  AssumeRoleProvider, CertificateIdentityProvider, ClientGrantsProvider, CredentialsError, InvalidArgumentError,
  LdapIdentityProvider, WebIdentityProvider,
} from "../../lib/index.js";
import { makeTestCerts, startStub, stsFailure, stsSuccess, stubCreds, type Stub, type StubHandler, type TestCerts } from "../support/credentials-stub.js";

const stubs: Stub[] = [];
async function stub(handler: StubHandler, tls?: Parameters<typeof startStub>[1]) {
  const s = await startStub(handler, tls);
  stubs.push(s);
  return s;
}
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});

/** A stub STS granting fresh credentials (numbered by request) for `action`. */
const granting = (action: string, seconds = 3600): StubHandler => (_req, i) => stsSuccess(action, stubCreds(i + 1, seconds));

describe("WebIdentityProvider", () => {
  it("POSTs AssumeRoleWithWebIdentity with the token, role and duration as a form, unsigned", async () => {
    const sts = await stub(granting("AssumeRoleWithWebIdentity"));
    const p = new WebIdentityProvider(() => ({ accessToken: "jwt-abc.def.ghi", expiresIn: 1800 }), sts.endpoint, { roleArn: "arn:aws:iam::1:role/r", roleSessionName: "sess" });
    const c = await p.retrieve();
    expect([c.accessKey, c.secretKey, c.sessionToken]).toEqual(["STUBKEY1", stubCreds(1).secretKey, stubCreds(1).sessionToken]);
    expect(Math.abs(c.expiration!.getTime() - (Date.now() + 3600_000))).toBeLessThan(5_000);
    const [r] = sts.requests;
    expect(r.method).toBe("POST");
    expect(r.url).toBe("/"); // nothing secret in the URL
    expect(r.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(r.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(r.form)).toEqual({
      Action: "AssumeRoleWithWebIdentity", Version: "2011-06-15", WebIdentityToken: "jwt-abc.def.ghi",
      RoleArn: "arn:aws:iam::1:role/r", RoleSessionName: "sess", DurationSeconds: "1800",
    });
  });

  it("clamps the JWT lifetime to STS's 900 s minimum, makes a session name for a role, and asks the JWT provider at each refresh", async () => {
    const sts = await stub(granting("AssumeRoleWithWebIdentity", 60));
    let asked = 0;
    const p = new WebIdentityProvider(async () => ({ accessToken: `tok-${++asked}`, expiresIn: 60 }), sts.endpoint, { roleArn: "arn:r" });
    await p.retrieve();
    expect(sts.requests[0].form.get("DurationSeconds")).toBe("900");
    expect(sts.requests[0].form.get("RoleSessionName")).toMatch(/^quarry-\d+$/);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 55_000); // 60 s credentials: refreshed in their last 6 s (behind the still-valid ones)
    await p.retrieve();
    await vi.waitFor(() => expect(sts.requests).toHaveLength(2));
    expect(sts.requests.map((r) => r.form.get("WebIdentityToken"))).toEqual(["tok-1", "tok-2"]);
  });
});

describe("ClientGrantsProvider", () => {
  it("POSTs AssumeRoleWithClientGrants with Token and the configured duration and policy", async () => {
    const sts = await stub(granting("AssumeRoleWithClientGrants"));
    const c = await new ClientGrantsProvider(() => ({ accessToken: "grant-token" }), sts.endpoint, { durationSeconds: 7200, policy: "{\"p\":1}" }).retrieve();
    expect(c.accessKey).toBe("STUBKEY1");
    expect(Object.fromEntries(sts.requests[0].form)).toEqual({
      Action: "AssumeRoleWithClientGrants", Version: "2011-06-15", Token: "grant-token", DurationSeconds: "7200", Policy: "{\"p\":1}",
    });
  });

  it("a JWT provider that never answers is a Timeout error within the deadline", async () => {
    const sts = await stub(granting("AssumeRoleWithClientGrants"));
    const started = Date.now();
    const err = await new ClientGrantsProvider(() => new Promise(() => {}), sts.endpoint, { timeoutMs: 200 }).retrieve().catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "CredentialsError", provider: "ClientGrantsProvider", code: "Timeout" });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(sts.requests).toHaveLength(0);
  });

  it("a JWT provider that gives no token is a typed error, and nothing is sent", async () => {
    const sts = await stub(granting("AssumeRoleWithClientGrants"));
    const err = await new ClientGrantsProvider(() => ({ accessToken: "" }), sts.endpoint).retrieve().catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "CredentialsError", provider: "ClientGrantsProvider", code: "NoToken" });
    expect(sts.requests).toHaveLength(0);
  });
});

describe("LdapIdentityProvider", () => {
  it("sends the user name and password in the POST body, never in the URL", async () => {
    const sts = await stub(granting("AssumeRoleWithLDAPIdentity"));
    const c = await new LdapIdentityProvider(sts.endpoint, "dillon", "p@ss w&rd=1").retrieve();
    expect(c.sessionToken).toBe(stubCreds(1).sessionToken);
    const [r] = sts.requests;
    expect(r.url).toBe("/");
    expect(Object.fromEntries(r.form)).toEqual({ Action: "AssumeRoleWithLDAPIdentity", Version: "2011-06-15", LDAPUsername: "dillon", LDAPPassword: "p@ss w&rd=1" });
  });

  it("an STS error carries its code; a message echoing the password shows it hidden", async () => {
    const sts = await stub((req) => stsFailure(403, "AccessDenied", `LDAP bind failed for ${req.form.get("LDAPUsername")} with ${req.form.get("LDAPPassword")}`));
    const err = await new LdapIdentityProvider(sts.endpoint, "dillon", "hunter2-secret").retrieve().catch((e: unknown) => e) as CredentialsError;
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err).toMatchObject({ provider: "LdapIdentityProvider", code: "AccessDenied" });
    expect(err.message).toContain("AssumeRoleWithLDAPIdentity");
    expect(err.message).toContain("LDAP bind failed for dillon with [hidden]");
    expect(err.message).not.toContain("hunter2-secret");
  });

  it("refuses empty credentials and a non-http endpoint before sending anything", () => {
    expect(() => new LdapIdentityProvider("http://127.0.0.1:1", "", "x")).toThrow(InvalidArgumentError);
    expect(() => new LdapIdentityProvider("ftp://127.0.0.1:1", "u", "x")).toThrow(InvalidArgumentError);
    expect(() => new LdapIdentityProvider("not a url", "u", "x")).toThrow(InvalidArgumentError);
  });
});

describe("CertificateIdentityProvider (TLS client certificate)", () => {
  let certs: TestCerts;
  beforeAll(async () => {
    certs = await makeTestCerts();
  });

  it("authenticates with the client certificate over verified TLS and gets credentials", async () => {
    const sts = await stub(granting("AssumeRoleWithCertificate"), { cert: certs.serverCert, key: certs.serverKey, clientCa: certs.clientCert });
    const c = await new CertificateIdentityProvider(sts.endpoint, {
      certFile: certs.clientCertFile, keyFile: certs.clientKeyFile, ca: certs.serverCert, durationSeconds: 3600,
    }).retrieve();
    expect(c.accessKey).toBe("STUBKEY1");
    expect(sts.requests[0].clientCN).toBe("quarry-client");
    expect(Object.fromEntries(sts.requests[0].form)).toEqual({ Action: "AssumeRoleWithCertificate", Version: "2011-06-15", DurationSeconds: "3600" });
  });

  it("keeps verifying the server: without its CA the call fails typed", async () => {
    const sts = await stub(granting("AssumeRoleWithCertificate"), { cert: certs.serverCert, key: certs.serverKey, clientCa: certs.clientCert });
    const err = await new CertificateIdentityProvider(sts.endpoint, { certFile: certs.clientCertFile, keyFile: certs.clientKeyFile }).retrieve().catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "CredentialsError", provider: "CertificateIdentityProvider" });
    expect((err as Error).message).toMatch(/self-signed|certificate/i);
    expect(sts.requests).toHaveLength(0);
  });

  it("requires an https endpoint and both files", () => {
    expect(() => new CertificateIdentityProvider("http://127.0.0.1:1", { certFile: "a", keyFile: "b" })).toThrow(/https/);
    expect(() => new CertificateIdentityProvider("https://127.0.0.1:1", { certFile: "a", keyFile: "" })).toThrow(InvalidArgumentError);
  });
});

describe("STS exchanges: sharing, refresh, failures", () => {
  it("N concurrent retrieve() calls make one STS call", async () => {
    const sts = await stub(async (_r, i) => {
      await new Promise((res) => setTimeout(res, 100));
      return stsSuccess("AssumeRoleWithLDAPIdentity", stubCreds(i + 1));
    });
    const p = new LdapIdentityProvider(sts.endpoint, "u", "pw");
    const got = await Promise.all(Array.from({ length: 20 }, () => p.retrieve()));
    expect(sts.requests).toHaveLength(1);
    expect(new Set(got.map((c) => c.accessKey))).toEqual(new Set(["STUBKEY1"]));
  });

  it("refreshes ahead of expiry: cached until the window, then one new STS call", async () => {
    const sts = await stub(granting("AssumeRoleWithLDAPIdentity"));
    const p = new LdapIdentityProvider(sts.endpoint, "u", "pw");
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = Date.now();
    expect((await p.retrieve()).accessKey).toBe("STUBKEY1");
    vi.setSystemTime(t0 + 54 * 60_000);
    expect((await p.retrieve()).accessKey).toBe("STUBKEY1");
    expect(sts.requests).toHaveLength(1);
    vi.setSystemTime(t0 + 56 * 60_000);
    expect((await p.retrieve()).accessKey).toBe("STUBKEY1"); // still valid: served at once, refreshed behind
    await vi.waitFor(() => expect(sts.requests).toHaveLength(2));
    expect((await p.retrieve()).accessKey).toBe("STUBKEY2");
    expect(sts.requests).toHaveLength(2);
  });

  it("a server that never answers is a Timeout CredentialsError within the deadline, not a hang", async () => {
    const sts = await stub(() => "hang");
    const started = Date.now();
    const err = await new AssumeRoleProvider(sts.endpoint, "AK", "SK-secret", { timeoutMs: 300 }).retrieve().catch((e: unknown) => e);
    const took = Date.now() - started;
    expect(err).toMatchObject({ name: "CredentialsError", provider: "AssumeRoleProvider", code: "Timeout" });
    expect((err as Error).message).toContain("no complete answer within 300 ms");
    expect(took).toBeLessThan(2_000);
    expect(sts.requests).toHaveLength(1);
  });

  it("a refused connection is a typed error too", async () => {
    const sts = await stub(granting("AssumeRole"));
    const endpoint = sts.endpoint;
    await sts.close();
    stubs.length = 0;
    await expect(new AssumeRoleProvider(endpoint, "AK", "SK").retrieve()).rejects.toMatchObject({ name: "CredentialsError", code: "ECONNREFUSED" });
  });

  it("after a failed refresh (5xx) the next call asks again and succeeds", async () => {
    const sts = await stub((_r, i) => (i === 0 ? { status: 503, body: "busy" } : stsSuccess("AssumeRole", stubCreds(i + 1))));
    const p = new AssumeRoleProvider(sts.endpoint, "AK", "SK");
    await expect(p.retrieve()).rejects.toMatchObject({ code: "HTTP503", provider: "AssumeRoleProvider" });
    expect((await p.retrieve()).accessKey).toBe("STUBKEY2");
  });

  it("a malformed answer is an InvalidResponse CredentialsError", async () => {
    const sts = await stub(() => ({ status: 200, body: "<AssumeRoleResponse><AssumeRoleResult></AssumeRoleResult></AssumeRoleResponse>" }));
    await expect(new AssumeRoleProvider(sts.endpoint, "AK", "SK").retrieve()).rejects.toMatchObject({ code: "InvalidResponse" });
  });

  it("AssumeRole is SigV4-signed for service sts with the form's hash", async () => {
    const sts = await stub(granting("AssumeRole"));
    await new AssumeRoleProvider(sts.endpoint, "AKSIGN", "SK", { region: "eu-west-1", roleArn: "arn:r", roleSessionName: "s", externalId: "x" }).retrieve();
    const [r] = sts.requests;
    expect(r.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKSIGN\/\d{8}\/eu-west-1\/sts\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/);
    expect(Object.fromEntries(r.form)).toEqual({ Action: "AssumeRole", Version: "2011-06-15", DurationSeconds: "3600", RoleArn: "arn:r", RoleSessionName: "s", ExternalId: "x" });
  });

  it("refuses an out-of-range duration before sending", () => {
    expect(() => new AssumeRoleProvider("http://127.0.0.1:1", "a", "b", { durationSeconds: 60 })).toThrow(InvalidArgumentError);
  });
});

afterAll(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});
