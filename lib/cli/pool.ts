/**
 * Runs a task for each item of an async source, at most `limit` at once; the first failure
 * stops taking new items and is rethrown once the running tasks settle.
 */

/** Runs `task` over `source` with bounded concurrency. */
export async function forEachLimit<T>(source: AsyncIterable<T> | Iterable<T>, limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  for await (const item of source) {
    if (failure) break;
    const p: Promise<void> = task(item).catch((error: unknown) => void (failure ??= { error })).finally(() => running.delete(p));
    running.add(p);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
  if (failure) throw failure.error;
}
