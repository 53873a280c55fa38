/**
 * The SigV4 signer: pure functions from a request description, credentials and a time to
 * the headers (or presigned query) that authenticate it.
 *
 * @module
 */
export type { Credentials, RequestToSign } from "./types.js";
export { canonicalQueryString, uriEncode } from "./uri-encode.js";
export { SigningKeyCache, type SigningKeyCacheJson } from "./signing-key-cache.js";
export {
  ALGORITHM,
  EMPTY_PAYLOAD_SHA256,
  UNSIGNED_HEADERS,
  UNSIGNED_PAYLOAD,
  amzDate,
  canonicalHeaders,
  canonicalRequest,
  canonicalUri,
  credentialScope,
  deriveSigningKey,
  headersToSign,
  sha256Hex,
  signRequest,
  signRequestDetailed,
  signature,
  stringToSign,
  type CanonicalHeaders,
  type SignOptions,
  type SignedHeadersDetail,
  type SigningDetail,
} from "./sigv4.js";
export { MAX_PRESIGN_EXPIRES_SECONDS, presignQuery, presignQueryDetailed, type PresignOptions, type PresignedQueryDetail } from "./presign.js";
export { signPostPolicy, type PostPolicyDocument, type PostPolicySignOptions } from "./post-policy.js";
