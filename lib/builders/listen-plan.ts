/**
 * The plan of a bucket-notification listener, built and validated from the caller's options
 * before anything is sent.
 */
import { InvalidArgumentError } from "../errors.js";
import { PrefixFilterRule, SuffixFilterRule, type NotificationEvent } from "../model/notification.js";
import { freezeNode, type ListenBucketNotificationNode, type ListenReconnectPolicy } from "../plan/nodes.js";
import { checkInteger } from "../validate/index.js";
import type { SignalOption } from "./object-ref.js";

/** The events a listener receives when none are given (the seed's default). */
export const DEFAULT_LISTEN_EVENTS: readonly NotificationEvent[] = Object.freeze(["s3:ObjectCreated:*", "s3:ObjectRemoved:*", "s3:ObjectAccessed:*"]);
/** Default idle timeout of a listener: MinIO sends a keep-alive every 500 ms, so 60 s of silence means a dead connection. */
export const DEFAULT_LISTEN_IDLE_TIMEOUT_MS = 60_000;
/** Default reconnection policy of a listener: unlimited attempts, 500 ms base, 30 s cap. */
export const DEFAULT_LISTEN_RECONNECT: ListenReconnectPolicy = Object.freeze({ baseDelayMs: 500, maxDelayMs: 30_000 });

/** `s3:<Family>:<Name or *>`, as MinIO parses event names. */
const EVENT_NAME = /^s3:[A-Za-z0-9]+:(\*|[A-Za-z0-9]+)$/;
/** setTimeout's largest delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** How a listener reconnects; every field optional (defaults: unlimited, 500 ms, 30 s). */
export interface ListenReconnectOptions {
  /** Reconnections in a row before giving up; absent: unlimited. A healthy connection resets the count. */
  readonly maxAttempts?: number;
  /** Base delay of the jittered exponential backoff, in ms (default 500). */
  readonly baseDelayMs?: number;
  /** Upper bound of one delay, in ms (default 30 000). */
  readonly maxDelayMs?: number;
}

/** Options of `BucketRef.listen` and `Minio.listenBucketNotification`. */
export interface ListenOptions extends SignalOption {
  /** Only objects whose key starts with this (default: all). */
  readonly prefix?: string;
  /** Only objects whose key ends with this (default: all). */
  readonly suffix?: string;
  /**
   * Event names to receive (default: `s3:ObjectCreated:*`, `s3:ObjectRemoved:*`,
   * `s3:ObjectAccessed:*`, as the seed).
   */
  readonly events?: readonly NotificationEvent[];
  /**
   * Reconnect when the server closes the stream, the connection drops or goes silent
   * (default: on, unlimited, with backoff). `false`: the Observable completes when the
   * server closes the stream and errors on a network failure. A 4xx answer (NoSuchBucket,
   * AccessDenied) always errors, without retrying.
   */
  readonly reconnect?: boolean | ListenReconnectOptions;
  /**
   * A connection that receives nothing — no record, no keep-alive — for this long is
   * dropped as dead (and reconnected), in ms. Default 60 000. The transport's own socket
   * timeout (`transport.timeoutMs`, default 120 s) still applies beyond it.
   */
  readonly idleTimeoutMs?: number;
}

/** A prefix or suffix filter, checked as a notification configuration's filter rule is (a string of at most 1024 UTF-8 bytes). */
function checkFilter(value: string | undefined, Rule: typeof PrefixFilterRule | typeof SuffixFilterRule): string {
  return value === undefined ? "" : new Rule(value).value;
}

function checkEvents(events: unknown): readonly string[] {
  if (events === undefined) return DEFAULT_LISTEN_EVENTS;
  if (!Array.isArray(events) || events.length === 0) throw new InvalidArgumentError("events must be a non-empty array of event names");
  for (const e of events) {
    if (typeof e !== "string" || !EVENT_NAME.test(e)) {
      throw new InvalidArgumentError(`not an event name: ${JSON.stringify(e)} (expected s3:<Family>:<Name> or s3:<Family>:*, e.g. s3:ObjectCreated:*)`);
    }
  }
  return [...new Set(events as string[])];
}

function checkReconnect(value: unknown): ListenReconnectPolicy | false {
  if (value === undefined || value === true) return DEFAULT_LISTEN_RECONNECT;
  if (value === false) return false;
  if (typeof value !== "object" || value === null) throw new InvalidArgumentError("reconnect must be a boolean or { maxAttempts, baseDelayMs, maxDelayMs }");
  const { maxAttempts, baseDelayMs = DEFAULT_LISTEN_RECONNECT.baseDelayMs, maxDelayMs = DEFAULT_LISTEN_RECONNECT.maxDelayMs } = value as ListenReconnectOptions;
  if (maxAttempts !== undefined) checkInteger(maxAttempts, "reconnect.maxAttempts", 0);
  checkInteger(baseDelayMs, "reconnect.baseDelayMs", 1, MAX_TIMER_MS);
  checkInteger(maxDelayMs, "reconnect.maxDelayMs", baseDelayMs, MAX_TIMER_MS);
  return { ...(maxAttempts !== undefined ? { maxAttempts } : {}), baseDelayMs, maxDelayMs };
}

/**
 * The ListenBucketNotification plan for `bucket` (already a valid name).
 * @throws InvalidArgumentError on a non-string or over-long prefix/suffix, an empty or
 *   malformed event list, or bad reconnect / idle-timeout numbers
 */
export function listenNode(bucket: string, options: ListenOptions = {}): ListenBucketNotificationNode {
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_LISTEN_IDLE_TIMEOUT_MS;
  checkInteger(idleTimeoutMs, "idleTimeoutMs", 1, MAX_TIMER_MS);
  const reconnect = checkReconnect(options.reconnect);
  return freezeNode({
    kind: "ListenBucketNotification",
    bucket,
    prefix: checkFilter(options.prefix, PrefixFilterRule),
    suffix: checkFilter(options.suffix, SuffixFilterRule),
    events: checkEvents(options.events),
    reconnect: reconnect === false ? false : Object.freeze({ ...reconnect }),
    idleTimeoutMs,
  });
}
