/**
 * Quarry's retry policy, in one place.
 *
 * **What is retried.** A request is sent again when it failed with a {@link NetworkError}
 * (connection refused or reset, a reset while its body was being written — EPIPE, ECONNRESET,
 * "socket hang up" —, a connect or idle timeout), a throttling or transient S3 error code
 * (SlowDown, InternalError, …) or a 429/5xx status — and only when the request is marked
 * `idempotent` (see below). Every attempt is addressed and **signed again** (fresh date,
 * fresh credentials from the provider), so a retry never replays a stale signature.
 *
 * **How many times.** `maxAttempts` attempts in all (default 4, the first included). Bodies
 * that resume — a GET cut mid-body resumed with `Range` — count attempts *without progress*:
 * a continuation that delivered bytes refills the budget ({@link ResumeBudget}), so a long
 * download survives any number of cuts as long as each one moves forward. Multipart uploads
 * do the same per part: a part that used up its attempts while other parts completed is sent
 * again with a fresh budget (upload.ts), so only an upload that stops progressing fails.
 *
 * **How long between.** Full-jitter exponential backoff: a random delay in
 * `[0, min(maxDelayMs, baseDelayMs · 2^attempt))` — jitter spreads clients that failed
 * together (a server restart) instead of having them retry in lockstep.
 *
 * **Which operations are idempotent, and why.**
 * - GET, HEAD, DELETE, ListObjects/ListUploads pages, config reads/writes: asking twice leaves
 *   the same state as asking once.
 * - PutObject and UploadPart **from a Buffer**: the same bytes to the same key (or part number)
 *   give the same result; the Buffer is the replayable source. A PUT whose body is a stream is
 *   sent once (the bytes already consumed cannot be read again): it fails typed instead.
 * - CompleteMultipartUpload: completing twice is harmless; when the first attempt did
 *   complete but its answer was lost, the retry sees NoSuchUpload and the uploader checks the
 *   object it finds (multipart-recovery.ts).
 * - CopyObject and UploadPartCopy: the same source copied again gives the same object/part.
 * - CreateMultipartUpload: sent once by the executor (`idempotent: false`: a lost answer
 *   leaves an upload id nobody knows) and retried by the uploader, which then sweeps the
 *   uploads of its own key started during its attempts (multipart-recovery.ts).
 * - Not retried: a PutObject whose body is a Node stream (`idempotent: false`, see above).
 */
import { S3Error, ServerError } from "../errors.js";
import { NetworkError } from "./transport.js";

/** Retry policy for throttling, 5xx and network errors on idempotent requests. */
export interface RetryOptions {
  /** Attempts in all, including the first (default 4; 1 turns retries off). */
  readonly maxAttempts?: number;
  /** Base delay of the exponential backoff (default 100 ms). */
  readonly baseDelayMs?: number;
  /** Upper bound of one delay (default 5 000 ms). */
  readonly maxDelayMs?: number;
}

/** Default attempts in all, the first included. */
export const DEFAULT_MAX_ATTEMPTS = 4;

const RETRYABLE_CODES = new Set([
  "SlowDown", "Throttling", "ThrottlingException", "RequestThrottled", "TooManyRequestsException",
  "RequestTimeout", "RequestTimeoutException", "InternalError", "ServiceUnavailable", "XMinioServerNotInitialized",
]);
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/** Attempts allowed by `options` (at least 1). */
export function maxAttempts(options: RetryOptions): number {
  return Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
}

/** Whether an error is worth another attempt of an idempotent request. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  if (err instanceof S3Error) return RETRYABLE_CODES.has(err.code) || RETRYABLE_STATUS.has(err.status);
  if (err instanceof ServerError) return RETRYABLE_STATUS.has(err.status);
  return false;
}

/** Full-jitter exponential backoff: a random delay in [0, min(max, base·2^attempt)). */
export function backoffDelay(attempt: number, options: RetryOptions, random: () => number = Math.random): number {
  const base = options.baseDelayMs ?? 100;
  const max = options.maxDelayMs ?? 5_000;
  return Math.floor(random() * Math.min(max, base * 2 ** attempt));
}

/**
 * The budget of a body that resumes after cuts: `maxAttempts` consecutive attempts without
 * progress; an attempt that delivered bytes counts as the first of a new run.
 */
export class ResumeBudget {
  readonly #max: number;
  #failures = 0;

  constructor(options: RetryOptions) {
    this.#max = maxAttempts(options);
  }

  /** Failures in the current run (1 after a failure that made progress). */
  get failures(): number {
    return this.#failures;
  }

  /** Records a failed attempt; true when another one is allowed. */
  failed(progressed: boolean): boolean {
    this.#failures = progressed ? 1 : this.#failures + 1;
    return this.#failures < this.#max;
  }
}

/** Sleeps, rejecting early with the signal's reason if it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
