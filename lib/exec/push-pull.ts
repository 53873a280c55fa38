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
  return { [Symbol.asyncIterator]: () => new PullIterator(produce, outer) };
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * The iterator of {@link pullIterable}, written by hand rather than as an async generator:
 * an item already buffered is handed out as one resolved promise, where a generator's
 * `yield` costs several promise jobs per item (a listing hands out hundreds of thousands).
 * The producer starts at the first `next()`; `return()` (a `break`) aborts it if it is still
 * running; calls to `next()` made while one waits are answered in order.
 */
class PullIterator<T> implements AsyncIterator<T, undefined> {
  readonly #produce: Producer<T>;
  readonly #outer: AbortSignal | undefined;
  #abort: { ac: AbortController; unlink: () => void } | undefined;
  /** Items being handed out, and the index of the next one. */
  #batch: T[] = [];
  #at = 0;
  /** Items the producer emitted since the batch was taken. */
  #buffer: T[] = [];
  /** Producers holding after a chunk until the consumer takes the buffer. */
  #held: Array<() => void> = [];
  #wakeConsumer: (() => void) | undefined;
  /** Settles when the consumer waiting for items may look again. */
  #waiting: Promise<void> | undefined;
  #done = false;
  #failure: { error: unknown } | undefined;
  #finished = false;

  constructor(produce: Producer<T>, outer: AbortSignal | undefined) {
    this.#produce = produce;
    this.#outer = outer;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.#waiting !== undefined) return this.#waiting.then(() => this.next());
    let step: IteratorResult<T, undefined> | undefined;
    try {
      step = this.#take();
    } catch (error) {
      return Promise.reject(error);
    }
    if (step !== undefined) return Promise.resolve(step);
    const waiting = new Promise<void>((resolve) => (this.#wakeConsumer = resolve));
    this.#waiting = waiting;
    return waiting.then(() => {
      this.#waiting = undefined;
      return this.next();
    });
  }

  return(): Promise<IteratorResult<T, undefined>> {
    this.#finish();
    return Promise.resolve(DONE);
  }

  /** The next step if one is ready (an item, the end, or the producer's failure thrown); else undefined. */
  #take(): IteratorResult<T, undefined> | undefined {
    if (this.#finished) return DONE;
    if (this.#abort === undefined) this.#start();
    if (this.#at < this.#batch.length) return { value: this.#batch[this.#at++]!, done: false };
    if (this.#buffer.length > 0) {
      this.#batch = this.#buffer;
      this.#buffer = [];
      this.#at = 1;
      this.#releaseAll(); // let the producers fill the next batch while this one is consumed
      return { value: this.#batch[0]!, done: false };
    }
    if (!this.#done) return undefined;
    const failure = this.#failure;
    this.#finish();
    if (failure) throw failure.error;
    return DONE;
  }

  #start(): void {
    this.#abort = chainedAbort(this.#outer);
    this.#produce(this.#abort.ac.signal, (item) => this.#buffer.push(item), () => {
      if (this.#buffer.length === 0) return undefined;
      this.#wake();
      return new Promise<void>((resolve) => this.#held.push(resolve));
    }).then(
      () => this.#settle(undefined),
      (error: unknown) => this.#settle({ error }),
    );
  }

  #settle(failure: { error: unknown } | undefined): void {
    this.#failure = failure;
    this.#done = true;
    this.#wake();
  }

  #wake(): void {
    const w = this.#wakeConsumer;
    this.#wakeConsumer = undefined;
    w?.();
  }

  #releaseAll(): void {
    const h = this.#held;
    this.#held = [];
    for (const release of h) release();
  }

  /** Stops following the outer signal, aborts a producer still running, lets go of the items. */
  #finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#batch = [];
    this.#buffer = [];
    if (this.#abort !== undefined) {
      this.#abort.unlink();
      if (!this.#done) this.#abort.ac.abort();
    }
    this.#releaseAll();
    this.#wake();
  }
}
