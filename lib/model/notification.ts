/**
 * Bucket notification configuration — the seed's `NotificationConfig` with its queue,
 * topic and cloud-function target configs and their key filter rules. Every class is
 * frozen and validates its input, throwing InvalidArgumentError.
 */
import { InvalidArgumentError } from "../errors.js";

/** The two kinds of key filter rule S3 knows. */
export type FilterRuleName = "prefix" | "suffix";

/**
 * An S3 event name, e.g. `s3:ObjectCreated:*`. The common ones are listed for
 * completion; any other string is passed to the server as is.
 */
export type NotificationEvent =
  | "s3:ObjectCreated:*"
  | "s3:ObjectCreated:Put"
  | "s3:ObjectCreated:Post"
  | "s3:ObjectCreated:Copy"
  | "s3:ObjectCreated:CompleteMultipartUpload"
  | "s3:ObjectRemoved:*"
  | "s3:ObjectRemoved:Delete"
  | "s3:ObjectRemoved:DeleteMarkerCreated"
  | "s3:ObjectAccessed:*"
  | "s3:ObjectAccessed:Get"
  | "s3:ObjectAccessed:Head"
  | (string & {});

const MAX_FILTER_VALUE_BYTES = 1024;

/**
 * A key filter rule of a notification target: the seed's `FilterRule`. Use
 * {@link PrefixFilterRule} or {@link SuffixFilterRule}.
 */
export abstract class FilterRule {
  /** `prefix` or `suffix`. */
  readonly name: FilterRuleName;
  /** The prefix or suffix keys must have. */
  readonly value: string;

  /** @throws InvalidArgumentError when `value` is not a string of at most 1024 UTF-8 bytes */
  protected constructor(name: FilterRuleName, value: string) {
    if (typeof value !== "string" || Buffer.byteLength(value, "utf8") > MAX_FILTER_VALUE_BYTES) {
      throw new InvalidArgumentError(`a ${name} filter rule value must be a string of at most ${MAX_FILTER_VALUE_BYTES} bytes`);
    }
    this.name = name;
    this.value = value;
    Object.freeze(this);
  }
}

/** Only keys starting with `value` trigger the notification. */
export class PrefixFilterRule extends FilterRule {
  /** @param value the key prefix, e.g. `"in/"` */
  constructor(value: string) {
    super("prefix", value);
  }
}

/** Only keys ending with `value` trigger the notification. */
export class SuffixFilterRule extends FilterRule {
  /** @param value the key suffix, e.g. `".txt"` */
  constructor(value: string) {
    super("suffix", value);
  }
}

/** Optional parts of a {@link QueueConfig}, {@link TopicConfig} or {@link CloudFuncConfig}. */
export interface NotificationTargetOptions {
  /** The configuration's id (`<Id>`); the server may assign one when not given. */
  readonly configId?: string | null;
  /** Only keys with this prefix. */
  readonly prefixFilterRule?: PrefixFilterRule | null;
  /** Only keys with this suffix. */
  readonly suffixFilterRule?: SuffixFilterRule | null;
}

/** Which kind of target a notification target config sends to. */
export type NotificationTargetKind = "queue" | "topic" | "cloudFunc";

/** The ARN service each target kind needs. */
const ARN_SERVICE: Readonly<Record<NotificationTargetKind, string>> = { queue: "sqs", topic: "sns", cloudFunc: "lambda" };

/** `arn:<partition>:<service>:<region>:<account>:<resource>` (region and account may be empty). */
const ARN = /^arn:[^:\s]+:([^:\s]+):[^:\s]*:[^:\s]*:\S+$/;

/**
 * What the three target configs share — the seed's `CommonConfig`: an ARN, the events
 * and the optional id and key filter rules.
 */
export abstract class NotificationTargetConfig {
  /** The target's ARN (queue, topic or function). */
  readonly arn: string;
  /** The events that trigger a notification (at least one). */
  readonly events: readonly NotificationEvent[];
  /** The configuration's id, or null. */
  readonly configId: string | null;
  /** The prefix filter rule, or null. */
  readonly prefixFilterRule: PrefixFilterRule | null;
  /** The suffix filter rule, or null. */
  readonly suffixFilterRule: SuffixFilterRule | null;

  /**
   * @throws InvalidArgumentError on an ARN that is not one of `kind`'s service, no events or
   *   an empty event name, an empty id, or a filter rule of the wrong kind
   */
  protected constructor(kind: NotificationTargetKind, arn: string, events: readonly NotificationEvent[], options: NotificationTargetOptions) {
    const service = ARN_SERVICE[kind];
    if (typeof arn !== "string" || ARN.exec(arn)?.[1] !== service) {
      throw new InvalidArgumentError(`a ${kind} notification needs an ARN of service ${service} (arn:<partition>:${service}:<region>:<account>:<name>), got ${JSON.stringify(arn)}`);
    }
    if (!Array.isArray(events) || events.length === 0) throw new InvalidArgumentError("events must be a non-empty array of event names");
    if (events.some((e) => typeof e !== "string" || e.trim() === "")) throw new InvalidArgumentError("every event must be a non-empty string");
    const { configId = null, prefixFilterRule = null, suffixFilterRule = null } = options ?? {};
    if (configId !== null && (typeof configId !== "string" || configId.trim() === "")) {
      throw new InvalidArgumentError("configId must be a non-empty string");
    }
    checkRule(prefixFilterRule, "prefix");
    checkRule(suffixFilterRule, "suffix");
    this.arn = arn;
    this.events = Object.freeze([...events]);
    this.configId = configId;
    this.prefixFilterRule = prefixFilterRule;
    this.suffixFilterRule = suffixFilterRule;
    Object.freeze(this);
  }

  /** Which kind of target this is. */
  abstract get kind(): NotificationTargetKind;
}

function checkRule(rule: FilterRule | null, name: FilterRuleName): void {
  if (rule === null) return;
  if (!(rule instanceof FilterRule)) throw new InvalidArgumentError(`${name}FilterRule must be a ${name === "prefix" ? "Prefix" : "Suffix"}FilterRule`);
  if (rule.name !== name) throw new InvalidArgumentError(`two ${rule.name} filter rules: ${name}FilterRule holds a ${rule.name} rule`);
}

/**
 * Notifications sent to a queue (SQS; every MinIO target: webhook, AMQP, Kafka, …).
 *
 * @example
 * ```ts
 * new QueueConfig("arn:minio:sqs::1:webhook", ["s3:ObjectCreated:*"], { configId: "uploads", prefixFilterRule: new PrefixFilterRule("in/") });
 * ```
 */
export class QueueConfig extends NotificationTargetConfig {
  /**
   * @param queue the queue ARN (`arn:…:sqs:…`)
   * @param events the events to notify, at least one
   * @throws InvalidArgumentError on bad input (see {@link NotificationTargetConfig})
   */
  constructor(queue: string, events: readonly NotificationEvent[], options: NotificationTargetOptions = {}) {
    super("queue", queue, events, options);
  }

  /** Always `"queue"`. */
  get kind(): "queue" {
    return "queue";
  }

  /** The queue ARN (the same as `arn`). */
  get queue(): string {
    return this.arn;
  }
}

/** Notifications sent to a topic (SNS). */
export class TopicConfig extends NotificationTargetConfig {
  /**
   * @param topic the topic ARN (`arn:…:sns:…`)
   * @param events the events to notify, at least one
   * @throws InvalidArgumentError on bad input (see {@link NotificationTargetConfig})
   */
  constructor(topic: string, events: readonly NotificationEvent[], options: NotificationTargetOptions = {}) {
    super("topic", topic, events, options);
  }

  /** Always `"topic"`. */
  get kind(): "topic" {
    return "topic";
  }

  /** The topic ARN (the same as `arn`). */
  get topic(): string {
    return this.arn;
  }
}

/** Notifications sent to a cloud function (Lambda). */
export class CloudFuncConfig extends NotificationTargetConfig {
  /**
   * @param cloudFunc the function ARN (`arn:…:lambda:…`)
   * @param events the events to notify, at least one
   * @throws InvalidArgumentError on bad input (see {@link NotificationTargetConfig})
   */
  constructor(cloudFunc: string, events: readonly NotificationEvent[], options: NotificationTargetOptions = {}) {
    super("cloudFunc", cloudFunc, events, options);
  }

  /** Always `"cloudFunc"`. */
  get kind(): "cloudFunc" {
    return "cloudFunc";
  }

  /** The function ARN (the same as `arn`). */
  get cloudFunc(): string {
    return this.arn;
  }
}

/** The lists of a {@link NotificationConfig}; each defaults to empty. */
export interface NotificationConfigOptions {
  /** Queue (SQS) targets. */
  readonly queueConfigList?: readonly QueueConfig[];
  /** Topic (SNS) targets. */
  readonly topicConfigList?: readonly TopicConfig[];
  /** Cloud-function (Lambda) targets. */
  readonly cloudFuncConfigList?: readonly CloudFuncConfig[];
}

/**
 * A bucket's notification configuration — the seed's `NotificationConfig`. An empty one
 * means "no notifications" (what `get()` resolves to for a bucket without any).
 *
 * @example
 * ```ts
 * await bucket.notification().set(new NotificationConfig({
 *   queueConfigList: [new QueueConfig(arn, ["s3:ObjectCreated:*"], { suffixFilterRule: new SuffixFilterRule(".jpg") })],
 * }));
 * ```
 */
export class NotificationConfig {
  /** Queue (SQS) targets. */
  readonly queueConfigList: readonly QueueConfig[];
  /** Topic (SNS) targets. */
  readonly topicConfigList: readonly TopicConfig[];
  /** Cloud-function (Lambda) targets. */
  readonly cloudFuncConfigList: readonly CloudFuncConfig[];

  /** @throws InvalidArgumentError when a list is not an array of its config class */
  constructor(options: NotificationConfigOptions = {}) {
    this.queueConfigList = list(options?.queueConfigList, QueueConfig, "queueConfigList");
    this.topicConfigList = list(options?.topicConfigList, TopicConfig, "topicConfigList");
    this.cloudFuncConfigList = list(options?.cloudFuncConfigList, CloudFuncConfig, "cloudFuncConfigList");
    Object.freeze(this);
  }

  /** Whether there are no targets at all. */
  get isEmpty(): boolean {
    return this.queueConfigList.length + this.topicConfigList.length + this.cloudFuncConfigList.length === 0;
  }
}

function list<C>(items: readonly C[] | undefined, cls: abstract new (...args: never[]) => C, what: string): readonly C[] {
  if (items === undefined) return Object.freeze([]);
  if (!Array.isArray(items) || items.some((c) => !(c instanceof cls))) {
    throw new InvalidArgumentError(`${what} must be an array of ${cls.name}`);
  }
  return Object.freeze([...items]);
}
