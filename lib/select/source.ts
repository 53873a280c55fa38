import type { SelectContext } from "./events.js";

/**
 * A Select response whose headers have arrived: its body as byte chunks (read on demand, so a
 * slow reader slows the socket) and which object it is about. Transport-neutral: no Node types.
 * Ending the iteration early (return) releases the response.
 */
export interface SelectSource {
  /** The response body, pulled on demand. */
  readonly chunks: AsyncIterable<Uint8Array>;
  /** Bucket, key and HTTP status, for the errors events raise. */
  readonly context: SelectContext;
}
