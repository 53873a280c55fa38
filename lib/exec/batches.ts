/**
 * Batching with bounded concurrency over a lazily pulled source: the pure core of bulk
 * mutations. Items are pulled only while fewer than `concurrency` batches are in flight,
 * so at most `concurrency` batches (plus the one being filled) are ever held in memory,
 * however long the source is.
 */

/** Options of {@link runBatches}. */
export interface BatchOptions {
  /** Items per batch (the last may be smaller). */
  readonly batchSize: number;
  /** Batches in flight at most. */
  readonly concurrency: number;
  /** Stops pulling and sending; the run rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/**
 * Pulls `source`, calls `send` with batches of up to `batchSize` items, at most
 * `concurrency` at a time. Resolves when every batch is sent; rejects with the first
 * failure (of the source or of a batch) once the batches in flight have settled, without
 * pulling further; the source is closed (`return()`) when the run stops early.
 */
export async function runBatches<T>(source: AsyncIterable<T> | Iterable<T>, options: BatchOptions, send: (batch: T[]) => Promise<void>): Promise<void> {
  const { batchSize, concurrency, signal } = options;
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => void (failure ??= { error });
  const launch = (batch: T[]) => {
    const p: Promise<void> = send(batch).then(
      () => void inFlight.delete(p),
      (error: unknown) => {
        inFlight.delete(p);
        fail(error);
      },
    );
    inFlight.add(p);
  };
  const pull = puller(source, signal);
  const it = pull.iterator;
  let exhausted = false;
  try {
    let batch: T[] = [];
    while (failure === undefined) {
      if (signal?.aborted) {
        fail(signal.reason);
        break;
      }
      let r: IteratorResult<T>;
      try {
        r = pull.sync ? pull.next() : await pull.next();
      } catch (error) {
        fail(error);
        break;
      }
      if (r.done) {
        exhausted = true;
        break;
      }
      batch.push(r.value);
      if (batch.length >= batchSize) {
        launch(batch);
        batch = [];
        while (inFlight.size >= concurrency && failure === undefined) await Promise.race(inFlight);
      }
    }
    if (failure === undefined && batch.length > 0) launch(batch);
    await Promise.all(inFlight); // settles: launch() never rejects
    if (failure === undefined && signal?.aborted) fail(signal.reason);
    if (failure !== undefined) throw failure.error;
  } finally {
    // Not awaited: a source stuck in a pull (after an abort) finishes its return() when it wakes.
    pull.done();
    if (!exhausted) void closeQuietly(it);
  }
}

type Puller<T> =
  | { readonly sync: true; readonly iterator: Iterator<T>; next(): IteratorResult<T>; done(): void }
  | { readonly sync: false; readonly iterator: AsyncIterator<T>; next(): Promise<IteratorResult<T>>; done(): void };

/**
 * Pulls items one at a time: a sync iterable without any promise per item; an async one
 * with its pull woken by an abort (a slow generator, an idle Observable). One abort
 * listener for the run, not one per item — and no race against a never-settling abort
 * promise, which would keep a reaction (and the item) per pull.
 */
function puller<T>(source: AsyncIterable<T> | Iterable<T>, signal: AbortSignal | undefined): Puller<T> {
  if (typeof (source as AsyncIterable<T>)[Symbol.asyncIterator] !== "function") {
    const iterator = (source as Iterable<T>)[Symbol.iterator]();
    return { sync: true, iterator, next: () => iterator.next(), done: () => undefined };
  }
  const iterator = (source as AsyncIterable<T>)[Symbol.asyncIterator]();
  if (signal === undefined) return { sync: false, iterator, next: () => iterator.next(), done: () => undefined };
  let rejectPull: ((reason: unknown) => void) | undefined;
  const onAbort = () => rejectPull?.(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  return {
    sync: false,
    iterator,
    next: () =>
      new Promise<IteratorResult<T>>((resolve, reject) => {
        rejectPull = reject;
        const settle = () => void (rejectPull === reject && (rejectPull = undefined));
        iterator.next().then((r) => (settle(), resolve(r)), (error: unknown) => (settle(), reject(error)));
      }),
    done: () => signal.removeEventListener("abort", onAbort),
  };
}

async function closeQuietly(it: AsyncIterator<unknown> | Iterator<unknown>): Promise<void> {
  try {
    await it.return?.();
  } catch {
    // the run's own failure is what matters
  }
}
