/**
 * Plans of presigning: validates the options (before anything is sent) and builds the
 * frozen plan node. No I/O.
 */
import { InvalidArgumentError } from "../errors.js";
import { PostPolicy } from "../model/post-policy.js";
import { freezeNode, type PresignObjectNode, type PresignPostNode } from "../plan/nodes.js";
import { MAX_PRESIGN_EXPIRES_SECONDS as MAX_PRESIGN_EXPIRES } from "../sign/presign.js";
import { checkInteger } from "../validate/index.js";

/** Options of {@link ObjectRef.presign}. */
export interface PresignOptions {
  /** Aborts the region lookup, if one is needed. */
  readonly signal?: AbortSignal;
  /** HTTP method the URL is for. Default `GET`. */
  readonly method?: string;
  /** Validity in seconds, 1 … 604800 (7 days, the default). */
  readonly expires?: number;
  /**
   * Response header overrides, signed into the URL: `response-content-type`,
   * `response-content-disposition`, `response-cache-control`, `response-content-language`,
   * `response-content-encoding`, `response-expires`.
   */
  readonly responseHeaders?: Readonly<Record<string, string>>;
  /** Signing time (default: now). The URL is valid from then for `expires` seconds. */
  readonly requestDate?: Date;
  /** Object version (default: the reference's version, if any). */
  readonly versionId?: string;
  /** Further query parameters to sign into the URL. */
  readonly extraQueryParams?: Readonly<Record<string, string>>;
}

/** The methods an S3 object URL can be presigned for (any case). */
const METHOD = /^(?:GET|HEAD|PUT|POST|DELETE)$/i;

function checkParams(params: unknown, what: string): void {
  if (params === undefined) return;
  if (params === null || typeof params !== "object") throw new InvalidArgumentError(`${what} must be an object of strings`);
  for (const k in params as Record<string, unknown>) {
    if (typeof (params as Record<string, unknown>)[k] !== "string") throw new InvalidArgumentError(`${what}.${k} must be a string`);
  }
}

/** The where of a presigned request: bucket, key and version. */
export interface PresignTarget {
  /** Bucket name. */
  readonly bucketName: string;
  /** Object key. */
  readonly objectName: string;
  /** Version, when the reference points at one. */
  readonly versionId: string | undefined;
}

/**
 * Builds the plan of a presigned URL. Extra parameters come first, then the version, then the
 * response headers (a later one wins on the same name, as in the seed).
 * @throws InvalidArgumentError for a bad method, expiry, date, version or parameter.
 */
export function planPresign(target: PresignTarget, options: PresignOptions): PresignObjectNode {
  const method = options.method ?? "GET";
  if (typeof method !== "string" || !METHOD.test(method)) throw new InvalidArgumentError(`method must be GET, HEAD, PUT, POST or DELETE, got ${JSON.stringify(method)}`);
  const expires = options.expires ?? MAX_PRESIGN_EXPIRES;
  checkInteger(expires, "expires (seconds)", 1, MAX_PRESIGN_EXPIRES);
  const date = options.requestDate;
  if (date !== undefined && (!(date instanceof Date) || Number.isNaN(date.getTime()))) throw new InvalidArgumentError("requestDate must be a valid Date");
  const versionId = options.versionId ?? target.versionId;
  if (versionId !== undefined && (typeof versionId !== "string" || versionId === "")) throw new InvalidArgumentError("versionId must be a non-empty string");
  checkParams(options.extraQueryParams, "extraQueryParams");
  checkParams(options.responseHeaders, "responseHeaders");
  const query = options.extraQueryParams === undefined && options.responseHeaders === undefined
    ? {}
    : { ...options.extraQueryParams, ...options.responseHeaders };
  if (versionId !== undefined) delete query["versionId"];
  return freezeNode({
    kind: "PresignObject",
    method: method.toUpperCase(),
    bucket: target.bucketName,
    key: target.objectName,
    ...(versionId !== undefined ? { versionId } : {}),
    expires,
    query,
    ...(date !== undefined ? { requestDate: date.toISOString() } : {}),
  });
}

/**
 * Builds the plan of a POST policy.
 * @throws InvalidArgumentError when `policy` is not a {@link PostPolicy} or has no key condition.
 */
export function planPresignPost(policy: PostPolicy): PresignPostNode {
  if (!(policy instanceof PostPolicy)) throw new InvalidArgumentError("policy must be a PostPolicy");
  const conditions = policy.conditions();
  for (const c of conditions) Object.freeze(c);
  return freezeNode({ kind: "PresignPost", bucket: policy.bucketName, expiration: policy.expiration.toISOString(), conditions });
}
