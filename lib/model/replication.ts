/**
 * Replication configuration models — the seed's `replicationconfig` module. All immutable;
 * constructors refuse what S3 would refuse, with InvalidArgumentError.
 */
import { InvalidArgumentError } from "../errors.js";
import { checkInt, checkRuleId, checkStatus, Filter, type RuleStatus } from "./filter.js";

function checkOptionalString(value: unknown, what: string): string | undefined {
  if (value !== undefined && (typeof value !== "string" || value === "")) throw new InvalidArgumentError(`${what} must be a non-empty string`);
  return value;
}

function checkInstance<T>(value: unknown, type: abstract new (...args: never[]) => T, what: string): T | undefined {
  if (value !== undefined && !(value instanceof type)) throw new InvalidArgumentError(`${what} must be a ${type.name}`);
  return value;
}

/** Whether delete markers are replicated — the seed's `DeleteMarkerReplication` (default `Disabled`). */
export class DeleteMarkerReplication {
  /** `Enabled` or `Disabled`. */
  readonly status: RuleStatus;
  /** @param status `Enabled` or `Disabled` (default) */
  constructor(status: RuleStatus = "Disabled") {
    this.status = checkStatus(status, "DeleteMarkerReplication status");
    Object.freeze(this);
  }
}

/** MinIO: whether versioned deletes are replicated — the seed's `DeleteReplication`. */
export class DeleteReplication {
  /** `Enabled` or `Disabled`. */
  readonly status: RuleStatus;
  /** @param status `Enabled` or `Disabled` */
  constructor(status: RuleStatus) {
    this.status = checkStatus(status, "DeleteReplication status");
    Object.freeze(this);
  }
}

/** Whether objects that existed before the rule are replicated — the seed's `ExistingObjectReplication`. */
export class ExistingObjectReplication {
  /** `Enabled` or `Disabled`. */
  readonly status: RuleStatus;
  /** @param status `Enabled` or `Disabled` */
  constructor(status: RuleStatus) {
    this.status = checkStatus(status, "ExistingObjectReplication status");
    Object.freeze(this);
  }
}

/** Whether SSE-KMS-encrypted objects are replicated — the seed's `SseKmsEncryptedObjects`. */
export class SseKmsEncryptedObjects {
  /** `Enabled` or `Disabled`. */
  readonly status: RuleStatus;
  /** @param status `Enabled` or `Disabled` */
  constructor(status: RuleStatus) {
    this.status = checkStatus(status, "SseKmsEncryptedObjects status");
    Object.freeze(this);
  }
}

/** Whether changes made to replicas are replicated back (MinIO defaults it to `Enabled`). */
export class ReplicaModifications {
  /** `Enabled` or `Disabled`. */
  readonly status: RuleStatus;
  /** @param status `Enabled` or `Disabled` */
  constructor(status: RuleStatus) {
    this.status = checkStatus(status, "ReplicaModifications status");
    Object.freeze(this);
  }
}

/** Options of {@link SourceSelectionCriteria}. */
export interface SourceSelectionCriteriaOptions {
  /** SSE-KMS-encrypted objects. */
  readonly sseKmsEncryptedObjects?: SseKmsEncryptedObjects;
  /** Replica modifications. */
  readonly replicaModifications?: ReplicaModifications;
}

/** Which extra kinds of source objects are replicated — the seed's `SourceSelectionCriteria`. */
export class SourceSelectionCriteria {
  /** SSE-KMS-encrypted objects setting, if given. */
  readonly sseKmsEncryptedObjects: SseKmsEncryptedObjects | undefined;
  /** Replica-modifications setting, if given. */
  readonly replicaModifications: ReplicaModifications | undefined;

  /** @throws InvalidArgumentError on a value of the wrong type */
  constructor(options: SourceSelectionCriteriaOptions = {}) {
    this.sseKmsEncryptedObjects = checkInstance(options.sseKmsEncryptedObjects, SseKmsEncryptedObjects, "sseKmsEncryptedObjects");
    this.replicaModifications = checkInstance(options.replicaModifications, ReplicaModifications, "replicaModifications");
    Object.freeze(this);
  }
}

/** Who owns the replicas — the seed's `AccessControlTranslation` (only `Destination`). */
export class AccessControlTranslation {
  /** The replica owner override. */
  readonly owner: string;

  /** @param owner `Destination` (default; the only value S3 knows) */
  constructor(owner = "Destination") {
    this.owner = checkOptionalString(owner, "AccessControlTranslation owner") ?? "Destination";
    Object.freeze(this);
  }
}

/** Options of {@link EncryptionConfiguration}. */
export interface EncryptionConfigurationOptions {
  /** KMS key for the replicas. */
  readonly replicaKmsKeyId?: string;
}

/** How replicas are encrypted — the seed's `EncryptionConfig`. */
export class EncryptionConfiguration {
  /** KMS key ID for the replicas, if given. */
  readonly replicaKmsKeyId: string | undefined;

  /** @throws InvalidArgumentError on an empty key ID */
  constructor(options: EncryptionConfigurationOptions = {}) {
    this.replicaKmsKeyId = checkOptionalString(options.replicaKmsKeyId, "replicaKmsKeyId");
    Object.freeze(this);
  }
}

/** A duration in minutes, as replication time control writes it — the seed's `ReplicationTimeValue`. */
export class ReplicationTimeValue {
  /** Minutes. */
  readonly minutes: number;

  /** @param minutes at least 0 (default 15, the only value AWS accepts) */
  constructor(minutes = 15) {
    this.minutes = checkInt(minutes, "minutes", 0) ?? 15;
    if (new.target === ReplicationTimeValue) Object.freeze(this);
  }
}

/** The time after which a replication-metrics event is raised — the seed's `EventThreshold`. */
export class EventThreshold extends ReplicationTimeValue {
  /** @param minutes at least 0 (default 15) */
  constructor(minutes = 15) {
    super(minutes);
    Object.freeze(this);
  }
}

/** Replication time control (S3 RTC) — the seed's `ReplicationTime`. */
export class ReplicationTime {
  /** The time limit. */
  readonly time: ReplicationTimeValue;
  /** `Enabled` or `Disabled`. */
  readonly status: RuleStatus;

  /** @throws InvalidArgumentError on a bad time or status */
  constructor(time: ReplicationTimeValue, status: RuleStatus) {
    if (!(time instanceof ReplicationTimeValue)) throw new InvalidArgumentError("ReplicationTime time must be a ReplicationTimeValue");
    this.time = time;
    this.status = checkStatus(status, "ReplicationTime status");
    Object.freeze(this);
  }
}

/** Replication metrics — the seed's `Metrics`. */
export class Metrics {
  /** The event threshold. */
  readonly eventThreshold: EventThreshold;
  /** `Enabled` or `Disabled`. */
  readonly status: RuleStatus;

  /** @throws InvalidArgumentError on a bad threshold or status */
  constructor(eventThreshold: EventThreshold, status: RuleStatus) {
    if (!(eventThreshold instanceof EventThreshold)) throw new InvalidArgumentError("Metrics eventThreshold must be an EventThreshold");
    this.eventThreshold = eventThreshold;
    this.status = checkStatus(status, "Metrics status");
    Object.freeze(this);
  }
}

/** Options of {@link Destination}. */
export interface DestinationOptions {
  /** Replica ownership override (AWS; needs `account`). */
  readonly accessControlTranslation?: AccessControlTranslation;
  /** Destination account ID (AWS). */
  readonly account?: string;
  /** Replica encryption. */
  readonly encryptionConfiguration?: EncryptionConfiguration;
  /** Replication metrics. */
  readonly metrics?: Metrics;
  /** Replication time control. */
  readonly replicationTime?: ReplicationTime;
  /** Storage class of the replicas. */
  readonly storageClass?: string;
}

/**
 * Where a rule replicates to — the seed's `Destination`. `bucketArn` is `arn:aws:s3:::bucket`
 * on AWS; on MinIO the remote target's ARN (`arn:minio:replication::…:bucket`), or
 * `arn:aws:s3:::bucket` when the configuration's role is that target ARN.
 */
export class Destination {
  /** Destination bucket ARN. */
  readonly bucketArn: string;
  /** Replica ownership override, if given. */
  readonly accessControlTranslation: AccessControlTranslation | undefined;
  /** Destination account, if given. */
  readonly account: string | undefined;
  /** Replica encryption, if given. */
  readonly encryptionConfiguration: EncryptionConfiguration | undefined;
  /** Replication metrics, if given. */
  readonly metrics: Metrics | undefined;
  /** Replication time control, if given. */
  readonly replicationTime: ReplicationTime | undefined;
  /** Replica storage class, if given. */
  readonly storageClass: string | undefined;

  /** @throws InvalidArgumentError on an empty ARN or a value of the wrong type */
  constructor(bucketArn: string, options: DestinationOptions = {}) {
    if (typeof bucketArn !== "string" || bucketArn === "") throw new InvalidArgumentError("a Destination needs a bucket ARN");
    this.bucketArn = bucketArn;
    this.accessControlTranslation = checkInstance(options.accessControlTranslation, AccessControlTranslation, "accessControlTranslation");
    this.account = checkOptionalString(options.account, "account");
    this.encryptionConfiguration = checkInstance(options.encryptionConfiguration, EncryptionConfiguration, "encryptionConfiguration");
    this.metrics = checkInstance(options.metrics, Metrics, "metrics");
    this.replicationTime = checkInstance(options.replicationTime, ReplicationTime, "replicationTime");
    this.storageClass = checkOptionalString(options.storageClass, "storageClass");
    Object.freeze(this);
  }
}

/** Options of {@link ReplicationRule}. */
export interface ReplicationRuleOptions {
  /** Delete-marker replication (required with a `ruleFilter`). */
  readonly deleteMarkerReplication?: DeleteMarkerReplication;
  /** MinIO: replication of versioned deletes. */
  readonly deleteReplication?: DeleteReplication;
  /** Replication of objects that predate the rule. */
  readonly existingObjectReplication?: ExistingObjectReplication;
  /** Which objects are replicated (the current schema; `new Filter()` for all). */
  readonly ruleFilter?: Filter;
  /** Rule ID (at most 255 characters). */
  readonly ruleId?: string;
  /** Legacy (V1) key prefix instead of a `ruleFilter`. MinIO ignores it: prefer `ruleFilter`. */
  readonly prefix?: string;
  /** Precedence among rules (integer ≥ 0, distinct per configuration). */
  readonly priority?: number;
  /** Extra source-object selection. */
  readonly sourceSelectionCriteria?: SourceSelectionCriteria;
}

/**
 * One replication rule — the seed's replication `Rule`.
 *
 * @example
 * ```ts
 * new ReplicationRule(new Destination("arn:aws:s3:::backup"), "Enabled", {
 *   ruleFilter: new Filter({ prefix: "docs/" }), priority: 1, deleteMarkerReplication: new DeleteMarkerReplication("Enabled"),
 * });
 * ```
 */
export class ReplicationRule {
  /** Where objects are replicated to. */
  readonly destination: Destination;
  /** `Enabled` or `Disabled`. */
  readonly status: RuleStatus;
  /** Delete-marker replication, if given. */
  readonly deleteMarkerReplication: DeleteMarkerReplication | undefined;
  /** Versioned-delete replication, if given. */
  readonly deleteReplication: DeleteReplication | undefined;
  /** Existing-object replication, if given. */
  readonly existingObjectReplication: ExistingObjectReplication | undefined;
  /** The filter, if given. */
  readonly ruleFilter: Filter | undefined;
  /** Rule ID, if given. */
  readonly ruleId: string | undefined;
  /** Legacy prefix, if given. */
  readonly prefix: string | undefined;
  /** Priority, if given. */
  readonly priority: number | undefined;
  /** Source selection criteria, if given. */
  readonly sourceSelectionCriteria: SourceSelectionCriteria | undefined;

  /**
   * @param destination where to replicate
   * @param status `Enabled` or `Disabled`
   * @throws InvalidArgumentError without a filter or prefix, with both, with a filter but no
   *   delete-marker replication, on a priority that is not an integer ≥ 0, and on what S3 refuses
   *   (size bounds in the filter, delete-marker replication enabled with a tag filter)
   */
  constructor(destination: Destination, status: RuleStatus, options: ReplicationRuleOptions = {}) {
    if (!(destination instanceof Destination)) throw new InvalidArgumentError("a replication rule needs a Destination");
    this.destination = destination;
    this.status = checkStatus(status, "replication rule status");
    this.deleteMarkerReplication = checkInstance(options.deleteMarkerReplication, DeleteMarkerReplication, "deleteMarkerReplication");
    this.deleteReplication = checkInstance(options.deleteReplication, DeleteReplication, "deleteReplication");
    this.existingObjectReplication = checkInstance(options.existingObjectReplication, ExistingObjectReplication, "existingObjectReplication");
    this.ruleFilter = checkInstance(options.ruleFilter, Filter, "ruleFilter");
    this.ruleId = checkRuleId(options.ruleId);
    if (options.prefix !== undefined && typeof options.prefix !== "string") throw new InvalidArgumentError("prefix must be a string");
    this.prefix = options.prefix;
    this.priority = checkInt(options.priority, "replication rule priority", 0);
    this.sourceSelectionCriteria = checkInstance(options.sourceSelectionCriteria, SourceSelectionCriteria, "sourceSelectionCriteria");
    this.#checkFilter();
    Object.freeze(this);
  }

  #checkFilter(): void {
    const filter = this.ruleFilter;
    if ((filter === undefined) === (this.prefix === undefined)) {
      throw new InvalidArgumentError("a replication rule needs exactly one of ruleFilter (new Filter() for every object) or the legacy prefix");
    }
    if (filter === undefined) return;
    if (this.deleteMarkerReplication === undefined) {
      throw new InvalidArgumentError("a replication rule with a ruleFilter needs deleteMarkerReplication (S3 requires it)");
    }
    if (filter.hasSize) throw new InvalidArgumentError("replication filters cannot use object-size bounds");
    if (filter.hasTags && this.deleteMarkerReplication.status === "Enabled") {
      throw new InvalidArgumentError("delete-marker replication cannot be enabled on a rule that filters on tags");
    }
  }
}

/**
 * A bucket's replication configuration — the seed's `ReplicationConfig`: a role (empty on
 * MinIO with remote-target ARNs in the destinations) and 1 to 1000 rules with distinct
 * priorities and IDs.
 *
 * @example
 * ```ts
 * await s3.bucket("src").replication().set(new ReplicationConfig("", [rule]));
 * ```
 */
export class ReplicationConfig {
  /** IAM role ARN (AWS), or MinIO's legacy target ARN, or `""`. */
  readonly role: string;
  /** The rules. */
  readonly rules: readonly ReplicationRule[];

  /** @throws InvalidArgumentError without rules, with more than 1000, or with a repeated priority or ID */
  constructor(role: string, rules: readonly ReplicationRule[]) {
    if (typeof role !== "string") throw new InvalidArgumentError("replication role must be a string (may be empty)");
    if (!Array.isArray(rules) || rules.length === 0) throw new InvalidArgumentError("a ReplicationConfig needs at least one rule");
    if (rules.length > 1000) throw new InvalidArgumentError("a ReplicationConfig allows at most 1000 rules");
    const priorities = new Set<number>();
    const ids = new Set<string>();
    for (const rule of rules) {
      if (!(rule instanceof ReplicationRule)) throw new InvalidArgumentError("ReplicationConfig rules must be ReplicationRule instances");
      if (rule.priority !== undefined) {
        if (priorities.has(rule.priority)) throw new InvalidArgumentError(`replication priority ${rule.priority} is used twice`);
        priorities.add(rule.priority);
      }
      if (rule.ruleId !== undefined) {
        if (ids.has(rule.ruleId)) throw new InvalidArgumentError(`replication rule ID ${JSON.stringify(rule.ruleId)} is used twice`);
        ids.add(rule.ruleId);
      }
    }
    this.role = role;
    this.rules = Object.freeze([...rules]);
    Object.freeze(this);
  }
}
