/**
 * AWS Signature Version 4, query-string form (presigned URLs). Same steps as the header
 * form in `sigv4.ts`; the authentication parameters go into the query, which is itself
 * part of the canonical request, and the signature is appended last.
 */
import {
  ALGORITHM,
  EMPTY_PAYLOAD_SHA256,
  UNSIGNED_PAYLOAD,
  amzDate,
  canonicalHeaders,
  canonicalRequest,
  canonicalUri,
  credentialScope,
  deriveSigningKey,
  headersToSign,
  signature,
  stringToSign,
  type SigningDetail,
} from "./sigv4.js";
import type { SigningKeyCache } from "./signing-key-cache.js";
import type { Credentials, RequestToSign } from "./types.js";
import { canonicalQueryString } from "./uri-encode.js";

/** Longest validity SigV4 allows for a presigned request: 7 days. */
export const MAX_PRESIGN_EXPIRES_SECONDS = 604800;

/** Options for {@link presignQuery}. */
export interface PresignOptions {
  /** Region the request is signed for. */
  region: string;
  /** Service name in the credential scope. Default `"s3"`. */
  service?: string;
  /** Signing time: the URL is valid from then for `expiresSeconds`. */
  date: Date;
  /** Validity in seconds, an integer in 1…604800 (the caller validates; this only guards). */
  expiresSeconds: number;
  /**
   * Payload line of the canonical request. Default: `UNSIGNED-PAYLOAD` for service `s3`,
   * the SHA-256 of the empty payload for any other service.
   */
  payloadHash?: string;
  /** Cache for derived signing keys. */
  keyCache?: SigningKeyCache;
  /** As in `SignOptions.normalizePath`: `false` (default) signs the path as given (S3). */
  normalizePath?: boolean;
}

/** Result of {@link presignQueryDetailed}. */
export interface PresignedQueryDetail extends SigningDetail {
  /** The complete query; see {@link presignQuery}. */
  readonly query: Array<[string, string]>;
  /**
   * The canonical (encoded, sorted) query without `X-Amz-Signature`: a URL's query is this
   * plus `&X-Amz-Signature=<signature>`, with nothing encoded or sorted twice.
   */
  readonly canonicalQuery: string;
}

/**
 * Presigns a request and returns every intermediate value along with the query.
 * {@link presignQuery} is this without the detail.
 *
 * @param req - The request; its headers (typically none but `host`) are signed.
 * @param creds - Credentials; a session token becomes a signed `X-Amz-Security-Token`.
 * @param opts - Region, time, validity, …
 * @returns The query plus the canonical request, string to sign and signature.
 * @throws RangeError if `expiresSeconds` is not an integer in 1…604800.
 */
export function presignQueryDetailed(req: RequestToSign, creds: Credentials, opts: PresignOptions): PresignedQueryDetail {
  const expires = opts.expiresSeconds;
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGN_EXPIRES_SECONDS) {
    throw new RangeError(`presignQuery: expiresSeconds must be an integer in 1..${MAX_PRESIGN_EXPIRES_SECONDS}, got ${expires}`);
  }
  const service = opts.service ?? "s3";
  const payloadHash = opts.payloadHash ?? (service === "s3" ? UNSIGNED_PAYLOAD : EMPTY_PAYLOAD_SHA256);
  const dateTime = amzDate(opts.date);
  const date8 = dateTime.slice(0, 8);
  const scope = credentialScope(date8, opts.region, service);
  const headers = canonicalHeaders(headersToSign(req, {}));

  const query: Array<[string, string]> = req.query.map(([k, v]): [string, string] => [k, v]);
  query.push(
    ["X-Amz-Algorithm", ALGORITHM],
    ["X-Amz-Credential", `${creds.accessKey}/${scope}`],
    ["X-Amz-Date", dateTime],
    ["X-Amz-Expires", String(expires)],
    ["X-Amz-SignedHeaders", headers.signedHeaders],
  );
  if (creds.sessionToken) query.push(["X-Amz-Security-Token", creds.sessionToken]);

  const canonicalQuery = canonicalQueryString(query);
  const creq = canonicalRequest(req.method, canonicalUri(req.path, opts.normalizePath ?? false), canonicalQuery, headers, payloadHash);
  const sts = stringToSign(dateTime, scope, creq);
  const key = opts.keyCache ? opts.keyCache.key(creds.secretKey, date8, opts.region, service) : deriveSigningKey(creds.secretKey, date8, opts.region, service);
  const sig = signature(key, sts);
  query.push(["X-Amz-Signature", sig]);
  return {
    query,
    canonicalQuery,
    amzDate: dateTime,
    credentialScope: scope,
    signedHeaders: headers.signedHeaders,
    canonicalRequest: creq,
    stringToSign: sts,
    signature: sig,
  };
}

/**
 * Presigns a request (query-string form).
 *
 * @param req - The request; `req.query` is kept and `req.headers` (besides `host`) are
 *   signed — whoever uses the URL must send them unchanged.
 * @param creds - Credentials.
 * @param opts - Region, time, validity, …
 * @returns The complete query, not encoded: `req.query` followed by `X-Amz-Algorithm`,
 *   `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`,
 *   `X-Amz-Security-Token` (with a session token) and `X-Amz-Signature`. Turn it into the
 *   URL's query with `canonicalQueryString`.
 * @throws RangeError if `expiresSeconds` is not an integer in 1…604800.
 */
export function presignQuery(req: RequestToSign, creds: Credentials, opts: PresignOptions): Array<[string, string]> {
  return presignQueryDetailed(req, creds, opts).query;
}
