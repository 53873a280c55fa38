/**
 * Plan node of a bucket-notification listener: which bucket, which keys (prefix, suffix),
 * which events, and how the listener keeps its connection alive. Plain data, so
 * `explain()` can show it.
 */

/** How a listener reconnects after the server closes its stream or the connection drops. */
export interface ListenReconnectPolicy {
  /**
   * Reconnections in a row before the listener gives up (and errors with the last failure,
   * or completes if the server closed the stream); absent means unlimited. A connection that
   * delivered a record, or stayed up for 5 s, resets the count.
   */
  readonly maxAttempts?: number;
  /** Base of the exponential backoff between connections, in ms. */
  readonly baseDelayMs: number;
  /** Upper bound of one backoff delay, in ms. */
  readonly maxDelayMs: number;
}

/**
 * MinIO's ListenBucketNotification: one long-lived `GET /<bucket>?prefix&suffix&events…`
 * whose body is a never-ending stream of newline-delimited `{"Records":[…]}` lines.
 */
export interface ListenBucketNotificationNode {
  readonly kind: "ListenBucketNotification";
  readonly bucket: string;
  /** Only keys starting with this ("" for all). */
  readonly prefix: string;
  /** Only keys ending with this ("" for all). */
  readonly suffix: string;
  /** Event names to receive, e.g. `s3:ObjectCreated:*` (at least one). */
  readonly events: readonly string[];
  /** Reconnection policy, or false to end (complete or error) when the connection ends. */
  readonly reconnect: ListenReconnectPolicy | false;
  /** A connection silent this long (no record, no keep-alive) is dropped as dead, in ms. */
  readonly idleTimeoutMs: number;
}
