/**
 * Reading a response body with typed failures: a body that breaks off (connection reset, cut
 * mid-message, idle timeout) fails with a retryable {@link NetworkError} instead of Node's bare
 * `aborted` / `ECONNRESET`; an abort stays an abort.
 */
import type { IncomingMessage } from "node:http";
import { NetworkError } from "./transport.js";

/**
 * A failure while reading a body, as Quarry reports it: aborts and NetworkErrors unchanged,
 * anything else a NetworkError saying `context()` (with the original as its `cause`).
 */
function bodyError(err: unknown, context: () => string): unknown {
  if (isAbort(err) || err instanceof NetworkError) return err;
  const code = (err as { code?: string } | null)?.code ?? "ECONNRESET";
  return new NetworkError(`${context()}: ${(err as Error | null)?.message ?? String(err)}`, code, { cause: err });
}

/** Whether `err` is an abort (the caller's signal), which is never retried nor wrapped. */
function isAbort(err: unknown): boolean {
  return (err as { name?: string } | null)?.name === "AbortError";
}

/**
 * The chunks of `res`; its own failures are thrown as {@link bodyError}s saying `context()`,
 * and so is a body shorter than its Content-Length (Node ends a response destroyed by the
 * idle timeout quietly, dropping what it had buffered). Leaving early (break, throw)
 * destroys the response.
 */
export async function* bodyChunks(res: IncomingMessage, context: () => string): AsyncGenerator<Buffer, void, undefined> {
  const chunks = (res as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const declared = res.headers["content-length"] === undefined ? -1 : Number(res.headers["content-length"]);
  let received = 0;
  let done = false;
  try {
    for (;;) {
      let step: IteratorResult<Buffer>;
      try {
        step = await chunks.next();
      } catch (err) {
        done = true; // the stream is already destroyed
        throw bodyError(destroyedWith(res) ?? err, context);
      }
      if (step.done) {
        done = true;
        if (declared >= 0 && received < declared) {
          throw destroyedWith(res) ?? new NetworkError(`${context()}: the body ended after ${received} of ${declared} bytes`, "ESHORTBODY");
        }
        return;
      }
      received += step.value.length;
      yield step.value;
    }
  } finally {
    if (!done) res.destroy();
  }
}

/** The NetworkError the transport destroyed the exchange with (an idle timeout), if that is what happened. */
function destroyedWith(res: IncomingMessage): NetworkError | undefined {
  const errored = res.socket?.errored; // the request's destroy(err) destroys its socket with err
  return errored instanceof NetworkError ? errored : undefined;
}
