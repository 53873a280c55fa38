/**
 * The AWS SigV4 test suite (as shipped with aws-c-auth, Apache-2.0; see
 * spec/fixtures/sigv4/LICENSE and NOTICE), run through the signer in both forms: every
 * case's canonical request, string to sign and signature must match, for the header form
 * (`signRequestDetailed`) and the query form (`presignQueryDetailed`), and the final
 * Authorization header / presigned query must match the signed-request files.
 *
 * How the case contexts map onto Quarry's signer:
 *
 * - `"normalize": true` → `normalizePath: true` (the non-S3 behaviour: dot segments
 *   removed, empty segments collapsed, path encoded once more). The request-line path is
 *   handed over verbatim as the wire path, as aws-c-auth's own harness does; the expected
 *   files then show exactly one encoding of it (`/example space/` → `/example%20space/`,
 *   `/ሴ` → `/%E1%88%B4`). No case has a `%` in its path, so the "second" encoding is shown
 *   by an AWS documentation example at the end of this file instead.
 * - `"normalize": false` → `normalizePath: false`, the S3 behaviour: the path is signed as
 *   given, so it is given as a client sends it, encoded once with `uriEncode(path, false)`.
 *   That is the identity for every such case except `get-space-unnormalized` (a raw space
 *   cannot go on the wire; aws-c-auth gets the same `%20` by double-encoding).
 * - `"sign_body": true` → payload hash = SHA-256 of the body; in the header form the
 *   `x-amz-content-sha256` header is added to the request (as Quarry's executor does for
 *   S3); the query form has no such header but the same payload line.
 * - `"omit_session_token": true` (`post-sts-header-after`) → the token is added *after*
 *   signing, unsigned. Quarry always signs its session token (S3 requires that), so the
 *   harness signs with the token-less credentials and then appends the token, exactly as
 *   the case describes; the signed-request files confirm where it ends up.
 * - Other services' presigned requests use the empty-payload hash (the default of
 *   `presignQuery` for a service other than `s3`).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { presignQueryDetailed } from "../../lib/sign/presign.js";
import { EMPTY_PAYLOAD_SHA256, canonicalUri, sha256Hex, signRequestDetailed } from "../../lib/sign/sigv4.js";
import type { Credentials, RequestToSign } from "../../lib/sign/types.js";
import { uriEncode } from "../../lib/sign/uri-encode.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/sigv4/", import.meta.url));

interface CaseContext {
  credentials: { access_key_id: string; secret_access_key: string; token?: string };
  expiration_in_seconds: number;
  normalize: boolean;
  region: string;
  service: string;
  sign_body: boolean;
  timestamp: string;
  omit_session_token?: boolean;
}

interface ParsedRequest {
  method: string;
  /** Request-target path, verbatim (not decoded, not encoded). */
  path: string;
  /** Decoded query pairs in request order. */
  query: Array<[string, string]>;
  host: string;
  /** Lower-case names; duplicates joined with `,` in order, folded lines joined with a space. */
  headers: Record<string, string>;
  body: string;
}

/** Parses a raw HTTP/1.1 request as the suite writes it. */
function parseRequest(text: string): ParsedRequest {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const requestLine = lines[0];
  // The target may itself contain spaces ("GET /example space/ HTTP/1.1").
  const method = requestLine.slice(0, requestLine.indexOf(" "));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(" "));
  const q = target.indexOf("?");
  const path = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? [] : parseQuery(target.slice(q + 1));

  const fields: Array<[string, string]> = [];
  let i = 1;
  for (; i < lines.length && lines[i] !== ""; i++) {
    const line = lines[i];
    if (/^[ \t]/.test(line)) {
      // obs-fold: a continuation of the previous field's value.
      fields[fields.length - 1][1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    fields.push([line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]);
  }
  const body = lines.slice(i + 1).join("\n");

  const headers: Record<string, string> = {};
  let host = "";
  for (const [name, value] of fields) {
    if (name === "host") host = value;
    else headers[name] = Object.hasOwn(headers, name) ? `${headers[name]},${value}` : value;
  }
  return { method, path, query, host, headers, body };
}

function parseQuery(qs: string): Array<[string, string]> {
  if (qs === "") return [];
  return qs.split("&").map((part): [string, string] => {
    const eq = part.indexOf("=");
    const [k, v] = eq < 0 ? [part, ""] : [part.slice(0, eq), part.slice(eq + 1)];
    return [decodeURIComponent(k), decodeURIComponent(v)];
  });
}

interface VectorCase {
  name: string;
  context: CaseContext;
  request: ParsedRequest;
  read(file: string): string;
}

function loadCases(): VectorCase[] {
  return readdirSync(FIXTURES)
    .filter((name) => statSync(join(FIXTURES, name)).isDirectory())
    .sort()
    .map((name) => {
      const read = (file: string) => readFileSync(join(FIXTURES, name, file), "utf8");
      return { name, context: JSON.parse(read("context.json")) as CaseContext, request: parseRequest(read("request.txt")), read };
    });
}

const cases = loadCases();

/** Builds what Quarry's signer sees, per the mapping described at the top of this file. */
function setUp(c: VectorCase) {
  const { context: ctx, request: r } = c;
  const payloadHash = ctx.sign_body ? sha256Hex(r.body) : EMPTY_PAYLOAD_SHA256;
  const req: RequestToSign = {
    method: r.method,
    host: r.host,
    path: ctx.normalize ? r.path : uriEncode(r.path, false),
    query: r.query,
    headers: r.headers,
  };
  const token = ctx.credentials.token;
  const signedToken = ctx.omit_session_token ? undefined : token;
  const creds: Credentials = {
    accessKey: ctx.credentials.access_key_id,
    secretKey: ctx.credentials.secret_access_key,
    ...(signedToken === undefined ? {} : { sessionToken: signedToken }),
  };
  const common = { region: ctx.region, service: ctx.service, date: new Date(ctx.timestamp), normalizePath: ctx.normalize };
  return { req, creds, common, payloadHash, unsignedToken: ctx.omit_session_token ? token : undefined };
}

function signHeaderForm(c: VectorCase) {
  const { req, creds, common, payloadHash, unsignedToken } = setUp(c);
  const headers = c.context.sign_body ? { ...req.headers, "x-amz-content-sha256": payloadHash } : req.headers;
  const detail = signRequestDetailed({ ...req, headers }, creds, { ...common, payloadHash });
  const added = unsignedToken === undefined ? detail.headers : { ...detail.headers, "x-amz-security-token": unsignedToken };
  return { detail, added };
}

function signQueryForm(c: VectorCase) {
  const { req, creds, common, payloadHash, unsignedToken } = setUp(c);
  const detail = presignQueryDetailed(req, creds, { ...common, expiresSeconds: c.context.expiration_in_seconds, payloadHash });
  const query = detail.query.slice();
  if (unsignedToken !== undefined) query.splice(query.length - 1, 0, ["X-Amz-Security-Token", unsignedToken]);
  return { detail, query };
}

function sortPairs(pairs: ReadonlyArray<readonly [string, string]>): string[] {
  return pairs.map(([k, v]) => `${k}=${v}`).sort();
}

describe("AWS SigV4 test suite", () => {
  it("fixtures are present: 38 cases, with the suite's LICENSE and NOTICE", () => {
    expect(cases.map((c) => c.name)).toHaveLength(38);
    expect(readFileSync(join(FIXTURES, "LICENSE"), "utf8")).toContain("Apache License");
    expect(readFileSync(join(FIXTURES, "NOTICE"), "utf8")).toContain("Amazon.com");
  });

  it("every case applies: each context flag in the suite is one the harness maps", () => {
    const known = new Set(["credentials", "expiration_in_seconds", "normalize", "region", "service", "sign_body", "timestamp", "omit_session_token"]);
    for (const c of cases) {
      expect(Object.keys(c.context).filter((k) => !known.has(k)), c.name).toEqual([]);
      expect(Object.keys(c.context.credentials).filter((k) => !["access_key_id", "secret_access_key", "token"].includes(k)), c.name).toEqual([]);
    }
  });

  describe.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    describe("header form", () => {
      it("canonical request", () => {
        expect(signHeaderForm(c).detail.canonicalRequest).toBe(c.read("header-canonical-request.txt"));
      });
      it("string to sign", () => {
        expect(signHeaderForm(c).detail.stringToSign).toBe(c.read("header-string-to-sign.txt"));
      });
      it("signature", () => {
        expect(signHeaderForm(c).detail.signature).toBe(c.read("header-signature.txt").trim());
      });
      it("added headers match the signed request", () => {
        const expected = headerFields(c.read("header-signed-request.txt"));
        const { added } = signHeaderForm(c);
        expect(added["authorization"]).toBe(expected.get("authorization"));
        expect(added["x-amz-date"]).toBe(expected.get("x-amz-date"));
        expect(added["x-amz-security-token"]).toBe(expected.get("x-amz-security-token"));
      });
    });

    describe("query form", () => {
      it("canonical request", () => {
        expect(signQueryForm(c).detail.canonicalRequest).toBe(c.read("query-canonical-request.txt"));
      });
      it("string to sign", () => {
        expect(signQueryForm(c).detail.stringToSign).toBe(c.read("query-string-to-sign.txt"));
      });
      it("signature", () => {
        expect(signQueryForm(c).detail.signature).toBe(c.read("query-signature.txt").trim());
      });
      it("presigned query matches the signed request", () => {
        const signedRequest = parseRequest(c.read("query-signed-request.txt"));
        expect(sortPairs(signQueryForm(c).query)).toEqual(sortPairs(signedRequest.query));
      });
    });
  });
});

/** Header fields of a signed-request file, lower-case names (last one wins). */
function headerFields(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.replace(/\r\n/g, "\n").split("\n").slice(1)) {
    if (line === "") break;
    const colon = line.indexOf(":");
    if (colon > 0 && !/^[ \t]/.test(line)) out.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return out;
}

describe("harness mapping, pinned", () => {
  const byName = new Map(cases.map((c) => [c.name, c]));

  it("get-space-unnormalized is the only S3-mode case whose wire path differs from its request line", () => {
    const changed = cases.filter((c) => !c.context.normalize && uriEncode(c.request.path, false) !== c.request.path).map((c) => c.name);
    expect(changed).toEqual(["get-space-unnormalized"]);
  });

  it("post-sts-header-after: the token is sent but not signed; post-sts-header-before: signed", () => {
    const after = signHeaderForm(byName.get("post-sts-header-after")!);
    expect(after.detail.signedHeaders).toBe("host;x-amz-date");
    expect(after.added["x-amz-security-token"]).toMatch(/^AQoDYXdz/);
    const before = signHeaderForm(byName.get("post-sts-header-before")!);
    expect(before.detail.signedHeaders).toBe("host;x-amz-date;x-amz-security-token");
  });

  it("sign_body cases: payload line is the body's hash, signed as x-amz-content-sha256 in the header form", () => {
    const c = byName.get("post-x-www-form-urlencoded")!;
    expect(c.request.body).toBe("Param1=value1");
    const hash = sha256Hex("Param1=value1");
    expect(signHeaderForm(c).detail.canonicalRequest).toContain(`x-amz-content-sha256:${hash}\n`);
    expect(signQueryForm(c).detail.canonicalRequest.endsWith(`\ncontent-length;content-type;host\n${hash}`)).toBe(true);
  });

  it("non-S3 normalization encodes the wire path once more (AWS docs: /documents%2520and%2520settings/)", () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html — CanonicalURI
    expect(canonicalUri("/documents%20and%20settings/", true)).toBe("/documents%2520and%2520settings/");
    expect(canonicalUri("/documents%20and%20settings/", false)).toBe("/documents%20and%20settings/");
  });
});
