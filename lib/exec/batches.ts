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
export async function runBatches<T>(source: AsyncIterable<T>, options: BatchOptions, send: (batch: T[]) => Promise<void>): Promise<void> {
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
  const it = source[Symbol.asyncIterator]();
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
        r = await pull(it, signal);
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
    if (!exhausted) void closeQuietly(it);
  }
}

/**
 * The next item; an abort wakes a pull from a source that is waiting (a slow generator, an
 * idle Observable). One listener per pull, removed when it settles — racing every pull
 * against one never-settling abort promise would keep a reaction (and the item) per pull.
 */
function pull<T>(it: AsyncIterator<T>, signal: AbortSignal | undefined): Promise<IteratorResult<T>> {
  if (signal === undefined) return it.next();
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    it.next().then(
      (r) => {
        signal.removeEventListener("abort", onAbort);
        resolve(r);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

async function closeQuietly(it: AsyncIterator<unknown>): Promise<void> {
  try {
    await it.return?.();
  } catch {
    // the run's own failure is what matters
  }
}
