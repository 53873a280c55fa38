/**
 * Reading a response body with typed failures: a body that breaks off (connection reset, cut
 * mid-message, idle timeout) fails with a retryable {@link NetworkError} instead of Node's bare
 * `aborted` / `ECONNRESET`; an abort stays an abort.
 */
import type { IncomingMessage } from "node:http";
import { bodyError } from "./read-body.js";
import { NetworkError } from "./transport.js";

/**
 * The chunks of `res`; its own failures are thrown typed ({@link bodyError}) saying `context()`,
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
        throw bodyError(destroyedWith(res) ?? err, received, context());
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
