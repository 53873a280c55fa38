/**
 * Lifecycle configuration models — the seed's `lifecycleconfig` module. All immutable;
 * constructors refuse what S3 would refuse, with InvalidArgumentError.
 */
import { InvalidArgumentError } from "../errors.js";
import { checkInt, checkRuleId, checkStatus, Filter, type RuleStatus } from "./filter.js";

const MS_PER_DAY = 86_400_000;

function checkMidnight(date: unknown, what: string): Date | undefined {
  if (date === undefined) return undefined;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new InvalidArgumentError(`${what} date must be a valid Date`);
  if (date.getTime() % MS_PER_DAY !== 0) {
    throw new InvalidArgumentError(`${what} date must be at midnight UTC, got ${date.toISOString()}`);
  }
  return new Date(date.getTime());
}

function checkBool(value: unknown, what: string): boolean | undefined {
  if (value !== undefined && typeof value !== "boolean") throw new InvalidArgumentError(`${what} must be a boolean`);
  return value;
}

function checkStorageClass(value: unknown, what: string): string {
  if (typeof value !== "string" || value === "") throw new InvalidArgumentError(`${what} needs a storageClass`);
  return value;
}

/** Options of {@link Expiration}. */
export interface ExpirationOptions {
  /** Expire current versions on this date (midnight UTC). */
  readonly date?: Date;
  /** Expire current versions this many days after creation (at least 1). */
  readonly days?: number;
  /** Remove delete markers that have no noncurrent versions left (not with days or date). */
  readonly expiredObjectDeleteMarker?: boolean;
  /** MinIO: when the current version expires (after `days`), remove all its versions too. */
  readonly expiredObjectAllVersions?: boolean;
}

/**
 * When current object versions expire — the seed's `Expiration`: exactly one of `days`,
 * `date` or `expiredObjectDeleteMarker`.
 *
 * @example
 * ```ts
 * new Expiration({ days: 30 });
 * new Expiration({ date: new Date("2030-01-01T00:00:00Z") });
 * ```
 */
export class Expiration {
  /** Expiry date (midnight UTC), if given. */
  readonly date: Date | undefined;
  /** Days after creation, if given. */
  readonly days: number | undefined;
  /** The expired-object-delete-marker flag, if given. */
  readonly expiredObjectDeleteMarker: boolean | undefined;
  /** MinIO's expired-object-all-versions flag, if given. */
  readonly expiredObjectAllVersions: boolean | undefined;

  /** @throws InvalidArgumentError unless exactly one of days, date or expiredObjectDeleteMarker is given */
  constructor(options: ExpirationOptions = {}) {
    this.date = checkMidnight(options.date, "expiration");
    this.days = checkInt(options.days, "expiration days", 1);
    this.expiredObjectDeleteMarker = checkBool(options.expiredObjectDeleteMarker, "expiredObjectDeleteMarker");
    this.expiredObjectAllVersions = checkBool(options.expiredObjectAllVersions, "expiredObjectAllVersions");
    const given = [this.date, this.days, this.expiredObjectDeleteMarker].filter((v) => v !== undefined).length;
    if (given !== 1) throw new InvalidArgumentError("an Expiration takes exactly one of days, date or expiredObjectDeleteMarker");
    if (this.expiredObjectAllVersions !== undefined && this.days === undefined) {
      throw new InvalidArgumentError("expiredObjectAllVersions needs days");
    }
    Object.freeze(this);
  }
}

/** Options of {@link Transition}. */
export interface TransitionOptions {
  /** Move current versions on this date (midnight UTC). */
  readonly date?: Date;
  /** Move current versions this many days after creation (0 or more). */
  readonly days?: number;
  /** Target storage class (on MinIO: a configured remote tier). Required. */
  readonly storageClass?: string;
}

/**
 * When current object versions move to another storage class — the seed's `Transition`:
 * exactly one of `days` or `date`, and a `storageClass`.
 */
export class Transition {
  /** Transition date (midnight UTC), if given. */
  readonly date: Date | undefined;
  /** Days after creation, if given. */
  readonly days: number | undefined;
  /** Target storage class. */
  readonly storageClass: string;

  /** @throws InvalidArgumentError unless exactly one of days or date is given, or without a storage class */
  constructor(options: TransitionOptions = {}) {
    this.date = checkMidnight(options.date, "transition");
    this.days = checkInt(options.days, "transition days", 0);
    if ((this.date === undefined) === (this.days === undefined)) {
      throw new InvalidArgumentError("a Transition takes exactly one of days or date");
    }
    this.storageClass = checkStorageClass(options.storageClass, "a Transition");
    Object.freeze(this);
  }
}

/** Options of {@link NoncurrentVersionExpiration}. */
export interface NoncurrentVersionExpirationOptions {
  /** Days after a version becomes noncurrent (at least 1). */
  readonly noncurrentDays?: number;
  /** Keep this many newer noncurrent versions (at least 1). */
  readonly newerNoncurrentVersions?: number;
}

/** When noncurrent versions expire — the seed's `NoncurrentVersionExpiration`: at least one field. */
export class NoncurrentVersionExpiration {
  /** Days after becoming noncurrent, if given. */
  readonly noncurrentDays: number | undefined;
  /** Newer noncurrent versions to keep, if given. */
  readonly newerNoncurrentVersions: number | undefined;

  /** @throws InvalidArgumentError without any field, or on a bad number */
  constructor(options: NoncurrentVersionExpirationOptions = {}) {
    this.noncurrentDays = checkInt(options.noncurrentDays, "noncurrentDays", 1);
    this.newerNoncurrentVersions = checkInt(options.newerNoncurrentVersions, "newerNoncurrentVersions", 1);
    if (this.noncurrentDays === undefined && this.newerNoncurrentVersions === undefined) {
      throw new InvalidArgumentError("a NoncurrentVersionExpiration needs noncurrentDays or newerNoncurrentVersions");
    }
    Object.freeze(this);
  }
}

/** Options of {@link NoncurrentVersionTransition}. */
export interface NoncurrentVersionTransitionOptions {
  /** Days after a version becomes noncurrent (0 or more). */
  readonly noncurrentDays?: number;
  /** Target storage class (on MinIO: a configured remote tier). Required. */
  readonly storageClass?: string;
  /** Keep this many newer noncurrent versions untransitioned (at least 1). */
  readonly newerNoncurrentVersions?: number;
}

/** When noncurrent versions move to another storage class — the seed's `NoncurrentVersionTransition`. */
export class NoncurrentVersionTransition {
  /** Days after becoming noncurrent, if given. */
  readonly noncurrentDays: number | undefined;
  /** Target storage class. */
  readonly storageClass: string;
  /** Newer noncurrent versions to keep, if given. */
  readonly newerNoncurrentVersions: number | undefined;

  /** @throws InvalidArgumentError without a storage class, or on a bad number */
  constructor(options: NoncurrentVersionTransitionOptions = {}) {
    this.noncurrentDays = checkInt(options.noncurrentDays, "noncurrentDays", 0);
    this.storageClass = checkStorageClass(options.storageClass, "a NoncurrentVersionTransition");
    this.newerNoncurrentVersions = checkInt(options.newerNoncurrentVersions, "newerNoncurrentVersions", 1);
    Object.freeze(this);
  }
}

/** Options of {@link AbortIncompleteMultipartUpload}. */
export interface AbortIncompleteMultipartUploadOptions {
  /** Days after initiation (at least 1). Required. */
  readonly daysAfterInitiation?: number;
}

/**
 * When incomplete multipart uploads are aborted — the seed's `AbortIncompleteMultipartUpload`.
 * (The MinIO server of this writing ignores this action.)
 */
export class AbortIncompleteMultipartUpload {
  /** Days after initiation. */
  readonly daysAfterInitiation: number;

  /** @throws InvalidArgumentError without a positive whole number of days */
  constructor(options: AbortIncompleteMultipartUploadOptions = {}) {
    const days = checkInt(options.daysAfterInitiation, "daysAfterInitiation", 1);
    if (days === undefined) throw new InvalidArgumentError("an AbortIncompleteMultipartUpload needs daysAfterInitiation");
    this.daysAfterInitiation = days;
    Object.freeze(this);
  }
}

/** MinIO: remove delete markers that are the only version left, this many days after their creation. */
export class DelMarkerExpiration {
  /** Days after the delete marker's creation. */
  readonly days: number;

  /** @throws InvalidArgumentError without a positive whole number of days */
  constructor(days: number) {
    const d = checkInt(days, "DelMarkerExpiration days", 1);
    if (d === undefined) throw new InvalidArgumentError("a DelMarkerExpiration needs days");
    this.days = d;
    Object.freeze(this);
  }
}

/** Options of {@link LifecycleRule}. */
export interface LifecycleRuleOptions {
  /** Which objects the rule applies to. Required (`new Filter()` for every object). */
  readonly ruleFilter?: Filter;
  /** Rule ID (at most 255 characters). */
  readonly ruleId?: string;
  /** Expiry of current versions. */
  readonly expiration?: Expiration;
  /** Transition of current versions. */
  readonly transition?: Transition;
  /** Expiry of noncurrent versions. */
  readonly noncurrentVersionExpiration?: NoncurrentVersionExpiration;
  /** Transition of noncurrent versions. */
  readonly noncurrentVersionTransition?: NoncurrentVersionTransition;
  /** Abort of incomplete multipart uploads. */
  readonly abortIncompleteMultipartUpload?: AbortIncompleteMultipartUpload;
  /** MinIO: expiry of lone delete markers (not with a tag filter). */
  readonly delMarkerExpiration?: DelMarkerExpiration;
}

const ACTIONS = [
  ["expiration", Expiration],
  ["transition", Transition],
  ["noncurrentVersionExpiration", NoncurrentVersionExpiration],
  ["noncurrentVersionTransition", NoncurrentVersionTransition],
  ["abortIncompleteMultipartUpload", AbortIncompleteMultipartUpload],
  ["delMarkerExpiration", DelMarkerExpiration],
] as const;

/**
 * One lifecycle rule — the seed's lifecycle `Rule`: a status, a filter and at least one action.
 *
 * @example
 * ```ts
 * new LifecycleRule("Enabled", { ruleFilter: new Filter({ prefix: "logs/" }), ruleId: "r1", expiration: new Expiration({ days: 1 }) });
 * ```
 */
export class LifecycleRule {
  /** `Enabled` or `Disabled`. */
  readonly status: RuleStatus;
  /** Which objects the rule applies to. */
  readonly ruleFilter: Filter;
  /** Rule ID, if given. */
  readonly ruleId: string | undefined;
  /** Expiry of current versions, if any. */
  readonly expiration: Expiration | undefined;
  /** Transition of current versions, if any. */
  readonly transition: Transition | undefined;
  /** Expiry of noncurrent versions, if any. */
  readonly noncurrentVersionExpiration: NoncurrentVersionExpiration | undefined;
  /** Transition of noncurrent versions, if any. */
  readonly noncurrentVersionTransition: NoncurrentVersionTransition | undefined;
  /** Abort of incomplete multipart uploads, if any. */
  readonly abortIncompleteMultipartUpload: AbortIncompleteMultipartUpload | undefined;
  /** MinIO's delete-marker expiry, if any. */
  readonly delMarkerExpiration: DelMarkerExpiration | undefined;

  /**
   * @param status `Enabled` or `Disabled`
   * @throws InvalidArgumentError on a bad status or ID, without a filter, or without any action
   */
  constructor(status: RuleStatus, options: LifecycleRuleOptions = {}) {
    this.status = checkStatus(status, "lifecycle rule status");
    if (!(options.ruleFilter instanceof Filter)) {
      throw new InvalidArgumentError("a lifecycle rule needs a ruleFilter (new Filter() for every object)");
    }
    this.ruleFilter = options.ruleFilter;
    this.ruleId = checkRuleId(options.ruleId);
    for (const [key, type] of ACTIONS) {
      const value: unknown = options[key];
      if (value !== undefined && !(value instanceof type)) throw new InvalidArgumentError(`lifecycle rule ${key} must be a ${type.name}`);
    }
    this.expiration = options.expiration;
    this.transition = options.transition;
    this.noncurrentVersionExpiration = options.noncurrentVersionExpiration;
    this.noncurrentVersionTransition = options.noncurrentVersionTransition;
    this.abortIncompleteMultipartUpload = options.abortIncompleteMultipartUpload;
    this.delMarkerExpiration = options.delMarkerExpiration;
    if (ACTIONS.every(([key]) => this[key] === undefined)) {
      throw new InvalidArgumentError(
        "a lifecycle rule needs at least one action (expiration, transition, noncurrentVersionExpiration, noncurrentVersionTransition, abortIncompleteMultipartUpload, delMarkerExpiration)",
      );
    }
    if (this.delMarkerExpiration !== undefined && this.ruleFilter.hasTags) {
      throw new InvalidArgumentError("a rule with delMarkerExpiration cannot filter on tags");
    }
    Object.freeze(this);
  }
}

/**
 * A bucket's lifecycle configuration — the seed's `LifecycleConfig`: 1 to 1000 rules with
 * distinct IDs.
 *
 * @example
 * ```ts
 * await s3.bucket("logs").lifecycle().set(new LifecycleConfig([
 *   new LifecycleRule("Enabled", { ruleFilter: new Filter({ prefix: "logs/" }), ruleId: "r1", expiration: new Expiration({ days: 1 }) }),
 * ]));
 * ```
 */
export class LifecycleConfig {
  /** The rules. */
  readonly rules: readonly LifecycleRule[];

  /** @throws InvalidArgumentError without rules, with more than 1000, or with a repeated rule ID */
  constructor(rules: readonly LifecycleRule[]) {
    if (!Array.isArray(rules) || rules.length === 0) throw new InvalidArgumentError("a LifecycleConfig needs at least one rule");
    if (rules.length > 1000) throw new InvalidArgumentError("a LifecycleConfig allows at most 1000 rules");
    const ids = new Set<string>();
    for (const rule of rules) {
      if (!(rule instanceof LifecycleRule)) throw new InvalidArgumentError("LifecycleConfig rules must be LifecycleRule instances");
      if (rule.ruleId === undefined) continue;
      if (ids.has(rule.ruleId)) throw new InvalidArgumentError(`lifecycle rule ID ${JSON.stringify(rule.ruleId)} is used twice`);
      ids.add(rule.ruleId);
    }
    this.rules = Object.freeze([...rules]);
    Object.freeze(this);
  }
}
