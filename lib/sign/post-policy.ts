/**
 * AWS Signature Version 4 for browser-based uploads (POST policy): the policy document gets
 * the credential conditions, is base64-encoded, and the base64 text itself is the string to
 * sign. Pure: the time is an argument.
 */
import { ALGORITHM, amzDate, credentialScope, deriveSigningKey, signature } from "./sigv4.js";
import type { SigningKeyCache } from "./signing-key-cache.js";
import type { Credentials } from "./types.js";

/** A POST policy before signing: its expiration and the user's conditions. */
export interface PostPolicyDocument {
  /** ISO-8601 expiration, e.g. `2026-01-01T00:00:00.000Z`. */
  readonly expiration: string;
  /** Conditions as JSON arrays (`["eq", "$key", "a.txt"]`, `["content-length-range", 0, 10]`, …). */
  readonly conditions: ReadonlyArray<ReadonlyArray<string | number>>;
}

/** Options for {@link signPostPolicy}. */
export interface PostPolicySignOptions {
  /** Region of the bucket. */
  readonly region: string;
  /** Signing time (becomes `x-amz-date` and the credential scope's day). */
  readonly date: Date;
  /** Cache for derived signing keys. */
  readonly keyCache?: SigningKeyCache;
}

/**
 * Signs a POST policy. The credential conditions (`x-amz-algorithm`, `x-amz-credential`,
 * `x-amz-security-token` with a session token, `x-amz-date`) are appended to the document's
 * conditions, as the MinIO Python SDK does.
 *
 * @param doc - Expiration and conditions.
 * @param creds - Credentials.
 * @param opts - Region, time, key cache.
 * @returns The form fields: `x-amz-algorithm`, `x-amz-credential`, `x-amz-date`, `policy`,
 *   `x-amz-signature`, and `x-amz-security-token` with a session token.
 */
export function signPostPolicy(doc: PostPolicyDocument, creds: Credentials, opts: PostPolicySignOptions): Record<string, string> {
  const dateTime = amzDate(opts.date);
  const date8 = dateTime.slice(0, 8);
  const credential = `${creds.accessKey}/${credentialScope(date8, opts.region, "s3")}`;
  const conditions: Array<ReadonlyArray<string | number>> = [...doc.conditions, ["eq", "$x-amz-algorithm", ALGORITHM], ["eq", "$x-amz-credential", credential]];
  if (creds.sessionToken) conditions.push(["eq", "$x-amz-security-token", creds.sessionToken]);
  conditions.push(["eq", "$x-amz-date", dateTime]);
  const policy = Buffer.from(policyJson(doc.expiration, conditions), "ascii").toString("base64");
  const key = opts.keyCache ? opts.keyCache.key(creds.secretKey, date8, opts.region, "s3") : deriveSigningKey(creds.secretKey, date8, opts.region, "s3");
  const fields: Record<string, string> = {
    "x-amz-algorithm": ALGORITHM,
    "x-amz-credential": credential,
    "x-amz-date": dateTime,
    policy,
    "x-amz-signature": signature(key, policy),
  };
  if (creds.sessionToken) fields["x-amz-security-token"] = creds.sessionToken;
  return fields;
}

/**
 * The policy document as JSON, byte for byte as the seed (Python's `json.dumps`) writes it:
 * `", "` and `": "` separators, every character outside printable ASCII as a `\uXXXX` escape. The same
 * inputs then give the same `policy` field and signature as the MinIO Python SDK.
 */
export function policyJson(expiration: string, conditions: ReadonlyArray<ReadonlyArray<string | number>>): string {
  let out = `{"expiration": ${jsonValue(expiration)}, "conditions": [`;
  for (let i = 0; i < conditions.length; i++) {
    if (i > 0) out += ", ";
    out += `[${conditions[i]!.map(jsonValue).join(", ")}]`;
  }
  return `${out}]}`;
}

function jsonValue(v: string | number): string {
  return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
