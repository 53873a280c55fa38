import { InvalidArgumentError } from "../errors.js";
import type { PostPolicyCondition } from "../plan/presign-nodes.js";
import { checkBucketName } from "../validate/index.js";

/** What presigning a {@link PostPolicy} gives: where to POST, and the form fields to send before the file. */
export interface PresignedPost {
  /** The bucket's URL (path style or virtual host, as the client addresses requests). */
  readonly url: string;
  /**
   * Form fields: `x-amz-algorithm`, `x-amz-credential`, `x-amz-date`, `policy` (base64 JSON),
   * `x-amz-signature`, and `x-amz-security-token` with temporary credentials. Add the fields
   * the policy's conditions name (`key`, `Content-Type`, …) and the `file` field last.
   */
  readonly fields: Record<string, string>;
}

/** Elements the client fills in itself: a condition on them cannot be set. */
const RESERVED = new Set(["bucket", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "policy", "x-amz-signature"]);
const NOT_EQUALS = new Set(["success_action_redirect", "redirect", "content-length-range"]);
const NOT_STARTS_WITH = new Set(["success_action_status", "content-length-range"]);

function element(name: unknown, kind: string, refused: ReadonlySet<string>): string {
  if (typeof name !== "string" || name === "") throw new InvalidArgumentError("condition element must be a non-empty string");
  const bare = name.startsWith("$") ? name.slice(1) : name;
  const lower = bare.toLowerCase();
  if (refused.has(lower) || (kind === "starts-with" && lower.startsWith("x-amz-") && !lower.startsWith("x-amz-meta-"))) {
    throw new InvalidArgumentError(`${bare} is unsupported for ${kind} condition`);
  }
  if (RESERVED.has(lower)) throw new InvalidArgumentError(`${bare} cannot be set: the client sets it`);
  if (bare === "") throw new InvalidArgumentError("condition element must be a non-empty string");
  return bare;
}

function conditionValue(value: unknown, bare: string): string {
  if (typeof value !== "string") throw new InvalidArgumentError(`value of condition ${bare} must be a string`);
  return value;
}

/**
 * A browser-upload (POST) policy, as in the MinIO Python SDK: which bucket, until when, and
 * the conditions the form must meet. Condition elements are form field names (`key`,
 * `Content-Type`, `success_action_status`, `x-amz-meta-*`, …), with or without a leading `$`.
 * Presign it with `s3.presignPost(policy)` or `Minio.presignedPostPolicy(policy)`.
 *
 * @example
 * ```ts
 * const policy = new PostPolicy("photos", new Date(Date.now() + 3600_000));
 * policy.addStartsWithCondition("key", "uploads/");
 * policy.addContentLengthRangeCondition(1, 10 * 1024 * 1024);
 * const { url, fields } = await s3.presignPost(policy);
 * ```
 */
export class PostPolicy {
  /** Bucket the form uploads into. */
  readonly bucketName: string;
  /** When the policy stops being accepted. */
  readonly expiration: Date;
  readonly #equals = new Map<string, string>();
  readonly #startsWith = new Map<string, string>();
  #range: readonly [number, number] | undefined;

  /**
   * @param bucketName - Bucket the form uploads into.
   * @param expiration - When the policy stops being accepted.
   * @throws InvalidArgumentError for a bad bucket name or an invalid date.
   */
  constructor(bucketName: string, expiration: Date) {
    checkBucketName(bucketName);
    if (!(expiration instanceof Date) || Number.isNaN(expiration.getTime())) throw new InvalidArgumentError("expiration must be a valid Date");
    this.bucketName = bucketName;
    this.expiration = new Date(expiration.getTime());
  }

  /**
   * Requires form field `name` to equal `value` (replacing an earlier equals condition on it).
   * Not allowed on `success_action_redirect`, `redirect`, `content-length-range` and the fields
   * the client sets (`bucket`, `policy`, `x-amz-algorithm`, `x-amz-credential`, `x-amz-date`, `x-amz-signature`).
   */
  addEqualsCondition(name: string, value: string): void {
    const bare = element(name, "equals", NOT_EQUALS);
    this.#equals.set(bare, conditionValue(value, bare));
  }

  /** Drops the equals condition on `name`. */
  removeEqualsCondition(name: string): void {
    this.#equals.delete(name.startsWith("$") ? name.slice(1) : name);
  }

  /**
   * Requires form field `name` to start with `prefix` (`""` allows any value). Not allowed on
   * `success_action_status`, `content-length-range`, `x-amz-*` other than `x-amz-meta-*`, and
   * the fields the client sets.
   */
  addStartsWithCondition(name: string, prefix: string): void {
    const bare = element(name, "starts-with", NOT_STARTS_WITH);
    this.#startsWith.set(bare, conditionValue(prefix, bare));
  }

  /** Drops the starts-with condition on `name`. */
  removeStartsWithCondition(name: string): void {
    this.#startsWith.delete(name.startsWith("$") ? name.slice(1) : name);
  }

  /** Requires the uploaded file's size to be within `lower`…`upper` bytes (inclusive). */
  addContentLengthRangeCondition(lower: number, upper: number): void {
    for (const [v, what] of [[lower, "lower limit"], [upper, "upper limit"]] as const) {
      if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) throw new InvalidArgumentError(`${what} must be a non-negative integer, got ${String(v)}`);
    }
    if (lower > upper) throw new InvalidArgumentError("lower limit cannot be greater than upper limit");
    this.#range = [lower, upper];
  }

  /** Drops the content-length-range condition. */
  removeContentLengthRangeCondition(): void {
    this.#range = undefined;
  }

  /**
   * The policy's conditions as they go into the policy document: the bucket, every equals
   * condition, every starts-with condition, then the content-length range (the seed's order).
   * @throws InvalidArgumentError when neither an equals nor a starts-with condition names `key`.
   */
  conditions(): PostPolicyCondition[] {
    if (!this.#equals.has("key") && !this.#startsWith.has("key")) throw new InvalidArgumentError("a PostPolicy needs a key condition (equals or starts-with)");
    const out: PostPolicyCondition[] = [["eq", "$bucket", this.bucketName]];
    for (const [k, v] of this.#equals) out.push(["eq", `$${k}`, v]);
    for (const [k, v] of this.#startsWith) out.push(["starts-with", `$${k}`, v]);
    if (this.#range) out.push(["content-length-range", this.#range[0], this.#range[1]]);
    return out;
  }
}
