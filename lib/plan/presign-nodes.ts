/**
 * Plan nodes of presigning: they send no request of their own (at most a region lookup) and
 * resolve to a URL or to POST form fields. Plain data, so `explain()` shows them.
 */

/** Presigns a request on one object: the result is a URL anyone can use until it expires. */
export interface PresignObjectNode {
  readonly kind: "PresignObject";
  /** HTTP method the URL is for, upper case (`GET`, `PUT`, `DELETE`, `HEAD`, …). */
  readonly method: string;
  /** Bucket name. */
  readonly bucket: string;
  /** Object key. */
  readonly key: string;
  /** Object version the URL is for (signed in as `versionId`). */
  readonly versionId?: string;
  /** Validity in seconds, 1…604800. */
  readonly expires: number;
  /** Query parameters signed into the URL: response-header overrides and extra parameters. */
  readonly query: Readonly<Record<string, string>>;
  /** Signing time as an ISO-8601 string; absent means "when run". */
  readonly requestDate?: string;
}

/** One condition of a POST policy, as it appears in the policy document. */
export type PostPolicyCondition =
  | readonly ["eq" | "starts-with", string, string]
  | readonly ["content-length-range", number, number];

/** A browser-upload (POST) policy as plain data; the executor adds the credential conditions and signs it. */
export interface PresignPostNode {
  readonly kind: "PresignPost";
  /** Bucket the form uploads into. */
  readonly bucket: string;
  /** When the policy expires, ISO-8601 with milliseconds (`2026-01-01T00:00:00.000Z`). */
  readonly expiration: string;
  /** The user's conditions, `["eq", "$bucket", bucket]` first. */
  readonly conditions: readonly PostPolicyCondition[];
}
