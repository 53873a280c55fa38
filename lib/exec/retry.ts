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

const RETRYABLE_CODES = new Set([
  "SlowDown", "Throttling", "ThrottlingException", "RequestThrottled", "TooManyRequestsException",
  "RequestTimeout", "RequestTimeoutException", "InternalError", "ServiceUnavailable", "XMinioServerNotInitialized",
]);
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

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
