/**
 * The rule filter shared by lifecycle and replication rules — the seed's `Filter`,
 * `AndOperator` and `Tag` (its `commonconfig` module) — and the checks both rule kinds use.
 */
import { InvalidArgumentError } from "../errors.js";
import { Tags } from "./tags.js";

/** Status of a lifecycle or replication rule (and of replication's sub-settings). */
export type RuleStatus = "Enabled" | "Disabled";

/**
 * @internal Refuses anything but `Enabled` / `Disabled`.
 * @throws InvalidArgumentError
 */
export function checkStatus(status: unknown, what = "status"): RuleStatus {
  if (status !== "Enabled" && status !== "Disabled") {
    throw new InvalidArgumentError(`${what} must be Enabled or Disabled, got ${JSON.stringify(status)}`);
  }
  return status;
}

/**
 * @internal Checks an optional whole number of at least `min`.
 * @throws InvalidArgumentError
 */
export function checkInt(value: unknown, what: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidArgumentError(`${what} must be an integer of at least ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * @internal Checks an optional rule ID: at most 255 characters, not blank (the seed trims it).
 * @throws InvalidArgumentError
 */
export function checkRuleId(id: unknown): string | undefined {
  if (id === undefined) return undefined;
  if (typeof id !== "string" || id.trim() === "") throw new InvalidArgumentError("rule ID must be a non-empty string");
  const trimmed = id.trim();
  if (trimmed.length > 255) throw new InvalidArgumentError("rule ID must not exceed 255 characters");
  return trimmed;
}

function checkPrefix(prefix: unknown): string | undefined {
  if (prefix !== undefined && typeof prefix !== "string") throw new InvalidArgumentError("filter prefix must be a string");
  return prefix;
}

/**
 * One tag a rule filter matches — the seed's `Tag`. Immutable.
 *
 * @example
 * ```ts
 * new Filter({ tag: new Tag("class", "temp") });
 * ```
 */
export class Tag {
  /** Tag key (1 to 128 characters). */
  readonly key: string;
  /** Tag value (at most 256 characters). */
  readonly value: string;

  /** @throws InvalidArgumentError on a key or value S3 would refuse */
  constructor(key: string, value: string) {
    if (typeof key !== "string" || key.length === 0 || key.length > 128) {
      throw new InvalidArgumentError(`tag key must be 1 to 128 characters, got ${JSON.stringify(key)}`);
    }
    if (typeof value !== "string" || value.length > 256) {
      throw new InvalidArgumentError(`tag value of ${JSON.stringify(key)} must be a string of at most 256 characters`);
    }
    this.key = key;
    this.value = value;
    Object.freeze(this);
  }
}

/** Options of {@link AndOperator}. */
export interface AndOperatorOptions {
  /** Key prefix the objects must have. */
  readonly prefix?: string;
  /** Tags the objects must all have: a {@link Tags}, a Map, `[key, value]` pairs or a plain object. */
  readonly tags?: Tags | ReadonlyMap<string, string> | Iterable<readonly [string, string]> | Readonly<Record<string, string>>;
  /** Lifecycle only: objects larger than this many bytes. */
  readonly objectSizeGreaterThan?: number;
  /** Lifecycle only: objects smaller than this many bytes. */
  readonly objectSizeLessThan?: number;
}

/**
 * A conjunction of filter predicates — the seed's `AndOperator`: a prefix, tags and
 * (lifecycle only) object-size bounds, at least two in all. Immutable.
 *
 * @example
 * ```ts
 * new Filter({ andOperator: new AndOperator({ prefix: "logs/", tags: { class: "temp" } }) });
 * ```
 */
export class AndOperator {
  /** Key prefix, if any. */
  readonly prefix: string | undefined;
  /** Tags (empty when none). */
  readonly tags: Tags;
  /** Lower size bound in bytes, if any. */
  readonly objectSizeGreaterThan: number | undefined;
  /** Upper size bound in bytes, if any. */
  readonly objectSizeLessThan: number | undefined;

  /** @throws InvalidArgumentError with fewer than two predicates, or a bad tag or size */
  constructor(options: AndOperatorOptions = {}) {
    this.prefix = checkPrefix(options.prefix);
    this.tags = new Tags(false, options.tags ?? []);
    this.objectSizeGreaterThan = checkInt(options.objectSizeGreaterThan, "objectSizeGreaterThan", 0);
    this.objectSizeLessThan = checkInt(options.objectSizeLessThan, "objectSizeLessThan", 1);
    const count = (this.prefix !== undefined ? 1 : 0) + this.tags.size
      + (this.objectSizeGreaterThan !== undefined ? 1 : 0) + (this.objectSizeLessThan !== undefined ? 1 : 0);
    if (count < 2) throw new InvalidArgumentError("an AndOperator needs at least two predicates (prefix, tags, size bounds)");
    Object.freeze(this);
  }
}

/** Options of {@link Filter}: at most one of them. */
export interface FilterOptions {
  /** Combine several predicates. */
  readonly andOperator?: AndOperator;
  /** Objects whose key starts with this (`""`: every object). */
  readonly prefix?: string;
  /** Objects that have this tag. */
  readonly tag?: Tag;
  /** Lifecycle only: objects larger than this many bytes. */
  readonly objectSizeGreaterThan?: number;
  /** Lifecycle only: objects smaller than this many bytes. */
  readonly objectSizeLessThan?: number;
}

/**
 * Which objects a lifecycle or replication rule applies to — the seed's `Filter`: at most
 * one of a prefix, a tag, an {@link AndOperator} or (lifecycle only) a size bound; none
 * means every object. Immutable.
 *
 * @example
 * ```ts
 * new Filter({ prefix: "logs/" });
 * new Filter({ tag: new Tag("class", "temp") });
 * ```
 */
export class Filter {
  /** The conjunction, if that is the predicate. */
  readonly andOperator: AndOperator | undefined;
  /** The key prefix, if that is the predicate. */
  readonly prefix: string | undefined;
  /** The tag, if that is the predicate. */
  readonly tag: Tag | undefined;
  /** The lower size bound, if that is the predicate. */
  readonly objectSizeGreaterThan: number | undefined;
  /** The upper size bound, if that is the predicate. */
  readonly objectSizeLessThan: number | undefined;

  /** @throws InvalidArgumentError when more than one predicate is given, or one is malformed */
  constructor(options: FilterOptions = {}) {
    if (options.andOperator !== undefined && !(options.andOperator instanceof AndOperator)) {
      throw new InvalidArgumentError("filter andOperator must be an AndOperator");
    }
    if (options.tag !== undefined && !(options.tag instanceof Tag)) throw new InvalidArgumentError("filter tag must be a Tag");
    this.andOperator = options.andOperator;
    this.prefix = checkPrefix(options.prefix);
    this.tag = options.tag;
    this.objectSizeGreaterThan = checkInt(options.objectSizeGreaterThan, "objectSizeGreaterThan", 0);
    this.objectSizeLessThan = checkInt(options.objectSizeLessThan, "objectSizeLessThan", 1);
    const given = [this.andOperator, this.prefix, this.tag, this.objectSizeGreaterThan, this.objectSizeLessThan].filter((p) => p !== undefined);
    if (given.length > 1) {
      throw new InvalidArgumentError("a Filter takes only one of prefix, tag, andOperator, objectSizeGreaterThan, objectSizeLessThan");
    }
    Object.freeze(this);
  }

  /** @internal Whether the filter matches on tags (alone or in its AndOperator). */
  get hasTags(): boolean {
    return this.tag !== undefined || (this.andOperator?.tags.size ?? 0) > 0;
  }

  /** @internal Whether the filter uses an object-size bound (lifecycle only). */
  get hasSize(): boolean {
    const and = this.andOperator;
    return this.objectSizeGreaterThan !== undefined || this.objectSizeLessThan !== undefined
      || and?.objectSizeGreaterThan !== undefined || and?.objectSizeLessThan !== undefined;
  }
}
