/**
 * The retry budget of a multipart upload's parts, refilled by progress. Each part request has
 * the executor's budget (retry.ts); when it runs out on a retryable error (a connection reset
 * again and again), the part is sent again with a fresh budget as long as the upload as a
 * whole progresses: if another part completed since this one started, at once; if other parts
 * are still being sent, once one of them completes. When no part is being sent and none
 * completed, the error stands — an upload fails only when it stopped progressing.
 */
import { isRetryable } from "../retry.js";

/** Shared by the part workers of one upload. */
export class PartRefills {
  /** Parts completed so far. */
  #done = 0;
  /** Part uploads being sent (not waiting for a refill). */
  #active = 0;
  #waiters: Array<() => void> = [];

  /** Runs `send` (one part's upload), sending it again under the rule above. */
  async run<T>(send: () => Promise<T>, signal: AbortSignal): Promise<T> {
    this.#active++;
    try {
      for (;;) {
        const seen = this.#done;
        try {
          const result = await send();
          this.#done++;
          return result;
        } catch (err) {
          if (!isRetryable(err) || signal.aborted || !(await this.#progressSince(seen, signal))) throw err;
        }
      }
    } finally {
      this.#active--;
      this.#wake();
    }
  }

  /** Resolves true once a part completed after `seen`; false when nothing else can make progress. */
  async #progressSince(seen: number, signal: AbortSignal): Promise<boolean> {
    this.#active--;
    this.#wake();
    try {
      while (this.#done === seen && this.#active > 0 && !signal.aborted) {
        await new Promise<void>((resolve) => {
          const done = () => {
            signal.removeEventListener("abort", done);
            resolve();
          };
          this.#waiters.push(done);
          signal.addEventListener("abort", done, { once: true });
        });
      }
      return this.#done > seen && !signal.aborted;
    } finally {
      this.#active++;
    }
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }
}
