import type { IncomingMessage } from "node:http";
import type { Observable } from "rxjs";
import { InvalidResponseError, QuarryError } from "../../errors.js";
import type { NotificationRecord } from "../../model/notification-record.js";
import type { ListenBucketNotificationNode } from "../../plan/nodes.js";
import type { RequestExecutor } from "../executor.js";
import type { HttpRequest } from "../http-request.js";
import { LineSplitter, LineTooLongError } from "../line-splitter.js";
import { listenRequest } from "../listen-request.js";
import { parseNotificationLine } from "../notification-parse.js";
import { pumpObservable } from "../pump-observable.js";
import { backoffDelay, isRetryable, sleep } from "../retry.js";
import { NetworkError } from "../transport.js";

/** A connection that delivered a record or stayed up this long resets the reconnect count. */
const HEALTHY_AFTER_MS = 5_000;

/** How one connection ended, when it did not fail for good. */
interface Ending {
  /** Why it ended: the server closed the stream (undefined), or a reconnectable error. */
  readonly error?: unknown;
  /** Whether it was healthy enough to reset the backoff. */
  readonly healthy: boolean;
}

/**
 * A bucket-notification listener as an Observable. Each subscription opens its own
 * connection (share() it to fan one connection out); records flow from the first
 * subscription on, one emission per record. Unsubscribing aborts the request at once,
 * which destroys its socket. When the stream ends — server close, network error, or a
 * connection silent for `idleTimeoutMs` — the listener reconnects with jittered
 * exponential backoff (per `node.reconnect`); a 4xx answer (NoSuchBucket, AccessDenied…)
 * or a malformed line errors the Observable instead. Events that happen while no connection
 * is up are not replayed: a listener is not a durable queue.
 */
export function listenObservable(exec: RequestExecutor, node: ListenBucketNotificationNode, outer?: AbortSignal): Observable<NotificationRecord> {
  return pumpObservable(outer, (signal, emit) => runListener(exec, node, signal, emit));
}

/** Connects, and reconnects while the policy allows; resolves when the stream ends for good. */
async function runListener(exec: RequestExecutor, node: ListenBucketNotificationNode, signal: AbortSignal, emit: (r: NotificationRecord) => void): Promise<void> {
  const req = listenRequest(node);
  const policy = node.reconnect;
  let failures = 0;
  for (;;) {
    const ending = await connectOnce(exec, node, req, signal, emit);
    if (policy === false) {
      if (ending.error === undefined) return;
      throw ending.error;
    }
    failures = ending.healthy ? 1 : failures + 1;
    if (policy.maxAttempts !== undefined && failures > policy.maxAttempts) {
      if (ending.error === undefined) return;
      throw ending.error;
    }
    await sleep(backoffDelay(failures - 1, policy), signal);
  }
}

/**
 * One connection: send, split the body into lines, emit every record. Resolves with how it
 * ended when a reconnect may follow; rejects on a failure no reconnect can cure, or on abort.
 */
async function connectOnce(
  exec: RequestExecutor,
  node: ListenBucketNotificationNode,
  req: HttpRequest,
  signal: AbortSignal,
  emit: (r: NotificationRecord) => void,
): Promise<Ending> {
  const conn = new AbortController();
  const onAbort = () => conn.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  let idle: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      conn.abort(new NetworkError(`no data (record or keep-alive) for ${node.idleTimeoutMs} ms: connection presumed dead`, "ETIMEDOUT"));
    }, node.idleTimeoutMs);
  };
  const started = Date.now();
  let delivered = false;
  const healthy = () => delivered || Date.now() - started >= HEALTHY_AFTER_MS;
  let res: IncomingMessage | undefined;
  try {
    arm();
    signal.throwIfAborted();
    res = await exec.send(req, conn.signal);
    const lines = new LineSplitter();
    try {
      for await (const chunk of res as AsyncIterable<Uint8Array>) {
        arm();
        for (const line of lines.push(chunk)) {
          for (const record of parseNotificationLine(line)) {
            signal.throwIfAborted(); // the consumer unsubscribed inside next()
            emit(record);
            delivered = true;
          }
        }
      }
    } catch (err) {
      throw bodyError(err);
    }
    // The server ended the stream. An unterminated last line is a record cut short: dropped
    // (MinIO ends every record with a newline).
    return { healthy: healthy() };
  } catch (err) {
    if (signal.aborted) throw signal.reason ?? err;
    const cause = conn.signal.aborted ? conn.signal.reason : err;
    if (isRetryable(cause)) return { error: cause, healthy: healthy() };
    throw cause;
  } finally {
    clearTimeout(idle);
    if (res !== undefined && !res.complete) res.destroy(); // never hand a live stream back to the pool
    signal.removeEventListener("abort", onAbort);
  }
}

/** A failure while reading the body: Quarry's own errors and aborts stay; the rest is a (reconnectable) NetworkError. */
function bodyError(err: unknown): unknown {
  if (err instanceof LineTooLongError) return new InvalidResponseError(200, "application/json", err.message);
  if (err instanceof QuarryError || (err as { name?: string }).name === "AbortError") return err;
  const code = (err as { code?: string }).code ?? "ECONNRESET";
  return new NetworkError(`the notification stream failed: ${(err as Error).message}`, code, { cause: err });
}
