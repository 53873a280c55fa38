import { describe, expect, it } from "vitest";
import { parseCredentialsJson } from "../../lib/credentials/iam-aws.js";
import { parseIni } from "../../lib/credentials/ini.js";
import { formEncode, parseStsCredentials } from "../../lib/credentials/sts.js";
import { jwtDuration } from "../../lib/credentials/web-identity-base.js";
import { refreshAheadMs } from "../../lib/credentials/refreshing-provider.js";
import { CredentialsError } from "../../lib/index.js";

describe("STS and metadata parsing helpers", () => {
  it("parseStsCredentials reads the four fields and refuses a missing secret or a bad date", () => {
    const doc = (inner: string) => `<AssumeRoleWithLDAPIdentityResponse><AssumeRoleWithLDAPIdentityResult><Credentials>${inner}</Credentials></AssumeRoleWithLDAPIdentityResult></AssumeRoleWithLDAPIdentityResponse>`;
    const c = parseStsCredentials("P", "AssumeRoleWithLDAPIdentity", doc("<AccessKeyId> AK </AccessKeyId><SecretAccessKey>SK</SecretAccessKey><SessionToken>T</SessionToken><Expiration>2030-01-02T03:04:05Z</Expiration>"));
    expect([c.accessKey, c.secretKey, c.sessionToken, c.expiration?.toISOString()]).toEqual(["AK", "SK", "T", "2030-01-02T03:04:05.000Z"]);
    expect(() => parseStsCredentials("P", "AssumeRoleWithLDAPIdentity", doc("<AccessKeyId>AK</AccessKeyId>"))).toThrow(CredentialsError);
    expect(() => parseStsCredentials("P", "AssumeRoleWithLDAPIdentity", doc("<AccessKeyId>AK</AccessKeyId><SecretAccessKey>SK</SecretAccessKey><Expiration>soon</Expiration>"))).toThrow(/Expiration/);
    expect(() => parseStsCredentials("P", "AssumeRole", doc("<AccessKeyId>AK</AccessKeyId><SecretAccessKey>SK</SecretAccessKey>"))).toThrow(/no AssumeRoleResult/);
    expect(() => parseStsCredentials("P", "AssumeRole", "<<not xml")).toThrow(/not XML/);
  });

  it("parseCredentialsJson never quotes the document it could not parse", () => {
    const fail = (m: string, code: string) => new CredentialsError("P", m, { code });
    const err = (() => {
      try {
        return parseCredentialsJson('{"SecretAccessKey":"leak-me"', fail);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CredentialsError);
    expect(String(err)).toMatch(/not JSON/);
    expect(String(err)).not.toContain("leak-me");
    const c = parseCredentialsJson(JSON.stringify({ AccessKeyId: "A", SecretAccessKey: "S", Token: "T", Expiration: "2030-01-01T00:00:00Z" }), fail);
    expect([c.accessKey, c.sessionToken, c.expiration?.getUTCFullYear()]).toEqual(["A", "T", 2030]);
  });

  it("formEncode percent-encodes every reserved byte (space as %20) and drops undefined", () => {
    expect(formEncode({ Action: "AssumeRole", Policy: '{"a": "b/c"}', Skip: undefined, Pw: "p+q&r=ü" }))
      .toBe("Action=AssumeRole&Policy=%7B%22a%22%3A%20%22b%2Fc%22%7D&Pw=p%2Bq%26r%3D%C3%BC");
  });

  it("jwtDuration: configured wins, else the JWT lifetime, clamped to 900 s … 7 days; none when unknown", () => {
    expect(jwtDuration(undefined, undefined)).toBeUndefined();
    expect(jwtDuration(undefined, 0)).toBeUndefined();
    expect(jwtDuration(undefined, 60)).toBe(900);
    expect(jwtDuration(undefined, 3600.7)).toBe(3600);
    expect(jwtDuration(undefined, 30 * 86400)).toBe(7 * 86400);
    expect(jwtDuration(1800, 60)).toBe(1800);
  });

  it("refreshAheadMs: a tenth of the lifetime, at most 5 minutes", () => {
    expect(refreshAheadMs(0, 900_000)).toBe(90_000);
    expect(refreshAheadMs(0, 3600_000)).toBe(300_000);
    expect(refreshAheadMs(10, 5)).toBe(0);
  });

  it("parseIni: sections with and without the profile prefix, comments, indented sub-settings skipped", () => {
    const ini = parseIni("[a]\nk = v = w\n# c\n; c\n  nested = x\n[profile b]\nK2=v2\r\nno-equals\n");
    expect(Object.fromEntries(ini.get("a")!)).toEqual({ k: "v = w" });
    expect(Object.fromEntries(ini.get("b")!)).toEqual({ k2: "v2" });
  });
});
