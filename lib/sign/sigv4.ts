/**
 * AWS Signature Version 4, header form.
 *
 * The functions below follow the order of the specification
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html):
 *
 *   1. canonical request  — {@link canonicalUri}, {@link headersToSign}, {@link canonicalHeaders},
 *                           {@link canonicalRequest}
 *   2. string to sign     — {@link credentialScope}, {@link stringToSign}
 *   3. signature          — {@link deriveSigningKey}, {@link signature}
 *   4. the signed request — {@link signRequestDetailed}, {@link signRequest}
 *
 * Everything here is pure and synchronous: no I/O, no clock (the time is an argument), no
 * transport. Query-string signing (presigned URLs) reuses these steps in `presign.ts`.
 */
import { createHmac, hash } from "node:crypto";
import type { SigningKeyCache } from "./signing-key-cache.js";
import type { Credentials, RequestToSign } from "./types.js";
import { canonicalQueryString, uriEncode } from "./uri-encode.js";

/** The SigV4 algorithm identifier. */
export const ALGORITHM = "AWS4-HMAC-SHA256";

/** Payload line (and `x-amz-content-sha256` value) for a body that is not hashed. */
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

/** Hex SHA-256 of the empty string: the payload hash of a request without a body. */
export const EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/**
 * Headers never signed, even when present on the request: proxies and the HTTP stack may
 * add, drop or rewrite them.
 */
export const UNSIGNED_HEADERS: ReadonlySet<string> = new Set(["authorization", "user-agent", "x-amzn-trace-id", "expect", "connection"]);

/** Options for {@link signRequest}. */
export interface SignOptions {
  /** Region the request is signed for, e.g. `us-east-1`. */
  region: string;
  /** Service name in the credential scope. Default `"s3"`. */
  service?: string;
  /** Signing time. It becomes `x-amz-date`; the server allows about 15 minutes of skew. */
  date: Date;
  /** Hex SHA-256 of the body, or `"UNSIGNED-PAYLOAD"`: the canonical request's last line. */
  payloadHash: string;
  /** Cache for derived signing keys; without one every call derives the key (4 HMACs). */
  keyCache?: SigningKeyCache;
  /**
   * `false` (default, S3 behaviour): the path is signed exactly as given — no dot-segment
   * removal, no second encoding. `true` (other AWS services): `.` and `..` segments are
   * removed, empty segments collapsed, and the result URI-encoded once more.
   */
  normalizePath?: boolean;
}

/** The canonical header block of a canonical request. */
export interface CanonicalHeaders {
  /** One `name:value\n` line per signed header, sorted by name. */
  readonly canonical: string;
  /** The signed header names, sorted and joined with `;`. */
  readonly signedHeaders: string;
}

/**
 * Every intermediate value of one signature, for tests and for diagnosing a
 * `SignatureDoesNotMatch` (S3 returns its own canonical request and string to sign). Holds
 * no secret material.
 */
export interface SigningDetail {
  /** `YYYYMMDDTHHMMSSZ`. */
  readonly amzDate: string;
  /** `date/region/service/aws4_request`. */
  readonly credentialScope: string;
  /** Signed header names joined with `;`. */
  readonly signedHeaders: string;
  /** The canonical request (step 1). */
  readonly canonicalRequest: string;
  /** The string to sign (step 2). */
  readonly stringToSign: string;
  /** Hex signature (step 3). */
  readonly signature: string;
}

/** Result of {@link signRequestDetailed}. */
export interface SignedHeadersDetail extends SigningDetail {
  /** Headers to add to the request; see {@link signRequest}. */
  readonly headers: Record<string, string>;
}

// ── Primitives ───────────────────────────────────────────────────────────────────────

/**
 * Hex-encoded SHA-256 digest.
 *
 * @param data - Text (hashed as UTF-8) or bytes.
 * @returns 64 lower-case hex characters.
 */
export function sha256Hex(data: string | Uint8Array): string {
  return hash("sha256", data, "hex"); // one-shot (Node ≥ 20.12): about half the cost of createHash
}

function hmac(key: string | Uint8Array, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

let lastAmzSecond = Number.NaN;
let lastAmzDate = "";

/**
 * Formats a time as SigV4's `x-amz-date`: `YYYYMMDDTHHMMSSZ` in UTC.
 *
 * @param date - The signing time.
 * @returns e.g. `20150830T123600Z`; its first 8 characters are the scope date.
 * @throws RangeError for an invalid date or a year outside 0000–9999.
 */
export function amzDate(date: Date): string {
  // Requests come in bursts within the same second: reuse the last formatting.
  const second = Math.floor(date.getTime() / 1000);
  if (second === lastAmzSecond) return lastAmzDate;
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ; throws RangeError if invalid
  if (iso.length !== 24) throw new RangeError(`amzDate: year out of range: ${iso}`);
  lastAmzDate = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  lastAmzSecond = second;
  return lastAmzDate;
}

// ── 1. Canonical request ─────────────────────────────────────────────────────────────

/**
 * The canonical URI (second line of the canonical request).
 *
 * @param path - The path as sent on the wire, already URI-encoded.
 * @param normalizePath - `false` (S3): returned as is (`/` if empty). `true` (other
 *   services): dot segments removed, empty segments dropped, a trailing `/` kept, then
 *   encoded again with `uriEncode(…, false)` — so `%20` on the wire is `%2520` here.
 * @returns The canonical URI.
 */
export function canonicalUri(path: string, normalizePath: boolean): string {
  if (!normalizePath) return path === "" ? "/" : path;
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith("/") ? "/" : "";
  return uriEncode(`/${segments.join("/")}${trailing}`, false);
}

/** Any whitespace other than a single space between non-blank characters. */
const NEEDS_COLLAPSE = /\s\s|[^\S ]/;

/** Header value as signed: trimmed, each inner whitespace run collapsed to one space. */
function canonicalHeaderValue(value: string): string {
  const v = value.trim();
  return NEEDS_COLLAPSE.test(v) ? v.replace(/\s+/g, " ") : v;
}

/**
 * Chooses the headers to sign: every header in `req.headers` except
 * {@link UNSIGNED_HEADERS}, plus `host` (from `req.host`) and `added` — headers the signer
 * itself puts on the request, which win over request headers of the same name.
 *
 * @param req - The request; header names are expected in lower case (they are lower-cased
 *   anyway).
 * @param added - Signer-added headers (`x-amz-date`, `x-amz-security-token`), lower case.
 * @returns `[name, value]` pairs, unsorted, names lower case.
 */
export function headersToSign(req: RequestToSign, added: Readonly<Record<string, string>>): Array<[string, string]> {
  const out: Array<[string, string]> = [["host", req.host]];
  const headers = req.headers;
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (lower === "host" || UNSIGNED_HEADERS.has(lower) || Object.hasOwn(added, lower)) continue;
    out.push([lower, headers[name]]);
  }
  for (const name in added) out.push([name, added[name]]);
  return out;
}

/**
 * The canonical headers block and the signed-headers list. Values are trimmed and inner
 * whitespace runs collapsed to one space; headers with the same name are joined with `,`
 * in the order given.
 *
 * @param headers - `[name, value]` pairs with lower-case names, e.g. from {@link headersToSign}.
 * @returns The block (each line ending in `\n`) and the `;`-joined names.
 */
export function canonicalHeaders(headers: ReadonlyArray<readonly [string, string]>): CanonicalHeaders {
  // Array#sort is stable, so same-name headers keep their order for the join.
  const sorted = headers.slice().sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let canonical = "";
  let signedHeaders = "";
  for (let i = 0; i < sorted.length; i++) {
    const name = sorted[i][0];
    let value = canonicalHeaderValue(sorted[i][1]);
    while (i + 1 < sorted.length && sorted[i + 1][0] === name) value += `,${canonicalHeaderValue(sorted[++i][1])}`;
    canonical += `${name}:${value}\n`;
    signedHeaders += signedHeaders === "" ? name : `;${name}`;
  }
  return { canonical, signedHeaders };
}

/**
 * Assembles the canonical request:
 * `method \n uri \n query \n headers-block \n signed-headers \n payload-hash`.
 *
 * @param method - HTTP method, upper case.
 * @param uri - From {@link canonicalUri}.
 * @param query - From `canonicalQueryString`.
 * @param headers - From {@link canonicalHeaders}.
 * @param payloadHash - Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`.
 * @returns The canonical request.
 */
export function canonicalRequest(method: string, uri: string, query: string, headers: CanonicalHeaders, payloadHash: string): string {
  return `${method}\n${uri}\n${query}\n${headers.canonical}\n${headers.signedHeaders}\n${payloadHash}`;
}

// ── 2. String to sign ────────────────────────────────────────────────────────────────

/**
 * The credential scope: `date8/region/service/aws4_request`.
 *
 * @param date8 - `YYYYMMDD` (the first 8 characters of {@link amzDate}).
 * @param region - Signing region.
 * @param service - Service name, `s3` for S3.
 * @returns The scope.
 */
export function credentialScope(date8: string, region: string, service: string): string {
  return `${date8}/${region}/${service}/aws4_request`;
}

/**
 * The string to sign: algorithm, time, scope and the hex SHA-256 of the canonical request,
 * one per line.
 *
 * @param amzDateTime - `YYYYMMDDTHHMMSSZ`.
 * @param scope - From {@link credentialScope}.
 * @param canonicalReq - From {@link canonicalRequest}.
 * @returns The string to sign.
 */
export function stringToSign(amzDateTime: string, scope: string, canonicalReq: string): string {
  return `${ALGORITHM}\n${amzDateTime}\n${scope}\n${sha256Hex(canonicalReq)}`;
}

// ── 3. Signature ─────────────────────────────────────────────────────────────────────

/**
 * Derives the signing key: HMAC chain over `AWS4`+secret, date, region, service and
 * `aws4_request`. Valid for every request of that day, region and service, which is what
 * `SigningKeyCache` exploits. Treat the result as a secret.
 *
 * @param secretKey - Secret access key.
 * @param date8 - `YYYYMMDD`.
 * @param region - Signing region.
 * @param service - Service name.
 * @returns The 32-byte key.
 */
export function deriveSigningKey(secretKey: string, date8: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretKey}`, date8), region), service), "aws4_request");
}

/**
 * The signature: hex HMAC-SHA256 of the string to sign under the signing key.
 *
 * @param signingKey - From {@link deriveSigningKey}.
 * @param toSign - From {@link stringToSign}.
 * @returns 64 lower-case hex characters.
 */
export function signature(signingKey: Uint8Array, toSign: string): string {
  return createHmac("sha256", signingKey).update(toSign, "utf8").digest("hex");
}

// ── 4. The signed request (header form) ──────────────────────────────────────────────

/**
 * Signs a request in the header form and returns every intermediate value along with the
 * headers to add. {@link signRequest} is this without the detail.
 *
 * @param req - The request as it will be sent.
 * @param creds - Credentials; a `sessionToken` is sent and signed as `x-amz-security-token`.
 * @param opts - Region, time, payload hash, …
 * @returns The headers to add plus the canonical request, string to sign and signature.
 */
export function signRequestDetailed(req: RequestToSign, creds: Credentials, opts: SignOptions): SignedHeadersDetail {
  if (!opts.payloadHash) throw new TypeError("signRequest: payloadHash is required (hex SHA-256 or UNSIGNED-PAYLOAD)");
  const service = opts.service ?? "s3";
  const dateTime = amzDate(opts.date);
  const date8 = dateTime.slice(0, 8);

  const added: Record<string, string> = { "x-amz-date": dateTime };
  if (creds.sessionToken) added["x-amz-security-token"] = creds.sessionToken;

  const headers = canonicalHeaders(headersToSign(req, added));
  const creq = canonicalRequest(
    req.method,
    canonicalUri(req.path, opts.normalizePath ?? false),
    canonicalQueryString(req.query),
    headers,
    opts.payloadHash,
  );
  const scope = credentialScope(date8, opts.region, service);
  const sts = stringToSign(dateTime, scope, creq);
  const key = opts.keyCache ? opts.keyCache.key(creds.secretKey, date8, opts.region, service) : deriveSigningKey(creds.secretKey, date8, opts.region, service);
  const sig = signature(key, sts);

  added["authorization"] = `${ALGORITHM} Credential=${creds.accessKey}/${scope}, SignedHeaders=${headers.signedHeaders}, Signature=${sig}`;
  return {
    headers: added,
    amzDate: dateTime,
    credentialScope: scope,
    signedHeaders: headers.signedHeaders,
    canonicalRequest: creq,
    stringToSign: sts,
    signature: sig,
  };
}

/**
 * Signs a request in the header form.
 *
 * Signed: every header in `req.headers` except {@link UNSIGNED_HEADERS}, plus `host`,
 * `x-amz-date` and, with a session token, `x-amz-security-token`. The caller (for S3)
 * puts `x-amz-content-sha256` in `req.headers` itself; the payload line of the canonical
 * request is `opts.payloadHash`. The query is canonicalized with `canonicalQueryString`,
 * which the caller should also use for the wire URL.
 *
 * @param req - The request as it will be sent; header names in lower case.
 * @param creds - Credentials.
 * @param opts - Region, time, payload hash, …
 * @returns Headers to add, names in lower case: `authorization`, `x-amz-date`, and
 *   `x-amz-security-token` when `creds.sessionToken` is set.
 */
export function signRequest(req: RequestToSign, creds: Credentials, opts: SignOptions): Record<string, string> {
  return signRequestDetailed(req, creds, opts).headers;
}
