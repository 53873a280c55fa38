/*
 * The pull side of a producer: a bounded async iterable (the push side, an Observable, is
 * pump-observable.ts).
 */

/**
 * Something that produces items into `emit` until its promise settles, stopping when `signal`
 * aborts. It calls `afterChunk` after each network chunk; a returned promise means "hold until
 * the consumer catches up".
 */
export type Producer<T> = (
  signal: AbortSignal,
  emit: (item: T) => void,
  afterChunk: () => Promise<void> | undefined,
) => Promise<void>;

/** An AbortController following `outer`, and the teardown that stops following it. */
export function chainedAbort(outer: AbortSignal | undefined): { ac: AbortController; unlink: () => void } {
  const ac = new AbortController();
  const onOuter = () => ac.abort(outer!.reason);
  outer?.addEventListener("abort", onOuter, { once: true });
  if (outer?.aborted) ac.abort(outer.reason);
  return { ac, unlink: () => outer?.removeEventListener("abort", onOuter) };
}

/**
 * A producer as an async iterable: producers are held after a chunk while the consumer has
 * items left to take, so they run at most one network chunk ahead; `break` aborts the run.
 */
export function pullIterable<T>(produce: Producer<T>, outer?: AbortSignal): AsyncIterable<T> {
  return {
    async *[Symbol.asyncIterator]() {
      const { ac, unlink } = chainedAbort(outer);
      let buffer: T[] = [];
      let wakeConsumer: (() => void) | undefined;
      let held: Array<() => void> = [];
      let done = false;
      let failure: { error: unknown } | undefined;
      const wake = () => {
        const w = wakeConsumer;
        wakeConsumer = undefined;
        w?.();
      };
      const releaseAll = () => {
        const h = held;
        held = [];
        for (const release of h) release();
      };
      produce(ac.signal, (item) => buffer.push(item), () => {
        if (buffer.length === 0) return undefined;
        wake();
        return new Promise<void>((resolve) => held.push(resolve));
      }).then(
        () => { done = true; wake(); },
        (error: unknown) => { failure = { error }; done = true; wake(); },
      );
      try {
        for (;;) {
          if (buffer.length > 0) {
            const batch = buffer;
            buffer = [];
            releaseAll(); // let the producers fill the next batch while this one is consumed
            for (const item of batch) yield item;
          } else if (done) {
            if (failure) throw failure.error;
            return;
          } else {
            await new Promise<void>((resolve) => (wakeConsumer = resolve));
          }
        }
      } finally {
        unlink();
        if (!done) ac.abort();
        releaseAll();
      }
    },
  };
}
