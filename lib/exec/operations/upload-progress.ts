/**
 * Upload progress: sums the bytes flushed to the socket across parts (a retried part counts
 * only bytes beyond its best attempt, so the sum is monotonic), keeps it below `total` until
 * the object exists, then reports the end once.
 */
import type { Progress } from "../../model/progress.js";

/** Tracks and reports the progress of one upload. */
export class UploadProgress {
  readonly #total: number | null;
  readonly #report: ((p: Progress) => void) | undefined;
  #loaded = 0;
  #shown = 0;

  constructor(total: number | null, report: ((p: Progress) => void) | undefined) {
    this.#total = total;
    this.#report = report;
  }

  /** A listener for one part (or one PUT): `sent` bytes of the current attempt reached the socket. */
  part(): ((sent: number) => void) | undefined {
    if (this.#report === undefined) return undefined;
    let best = 0;
    return (sent) => {
      if (sent <= best) return;
      this.#loaded += sent - best;
      best = sent;
      const shown = this.#total === null ? this.#loaded : Math.min(this.#loaded, this.#total - 1);
      if (shown > this.#shown) {
        this.#shown = shown;
        this.#report!({ loaded: shown, total: this.#total });
      }
    };
  }

  /** The upload succeeded with `size` bytes: reports `{ loaded: size, total }`. */
  done(size: number): void {
    if (this.#report === undefined) return;
    this.#shown = size;
    this.#report({ loaded: size, total: this.#total });
  }
}
