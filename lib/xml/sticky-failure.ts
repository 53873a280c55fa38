/**
 * The "fail once, fail always" rule of the streaming tokenizers: after a chunk throws, every
 * later write or end throws the same error, so a caller cannot parse past a broken document.
 */
export class StickyFailure {
  #failure: { error: unknown } | undefined;

  /** Runs `step`, rethrowing the first failure seen (by this or an earlier step) ever after. */
  run(step: () => void): void {
    if (this.#failure) throw this.#failure.error;
    try {
      step();
    } catch (err) {
      this.#failure = { error: err };
      throw err;
    }
  }
}
