/** An HTTP request as compiled from a plan node, before addressing and signing. */
export interface HttpRequest {
  readonly method: "GET" | "HEAD" | "PUT" | "POST" | "DELETE";
  /** Bucket, or undefined for service-level requests (ListBuckets). */
  readonly bucket?: string;
  /** Object key, not encoded. */
  readonly key?: string;
  /** Query parameters, not encoded. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Request body; a Buffer is replayable (retries), a stream is sent once. */
  readonly body?: Buffer | NodeJS.ReadableStream;
  /** Hex SHA-256 of the body, or UNSIGNED-PAYLOAD; absent means "hash the Buffer body (or the empty body)". */
  readonly payloadHash?: string;
  /** Whether the request may be retried (idempotent and replayable). */
  readonly idempotent: boolean;
  /** Receives the body bytes of the current attempt flushed to the socket (restarts at 0 on a retry). */
  readonly onBodyProgress?: (sent: number) => void;
  /** For errors from bodiless responses (HEAD): which code a 404 means. */
  readonly notFoundCode?: "NoSuchBucket" | "NoSuchKey";
}
