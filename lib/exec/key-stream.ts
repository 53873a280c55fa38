/**
 * Turns any {@link KeySource} into one async iterable of delete targets, pulled lazily.
 * An Observable cannot be slowed down (RxJS has no backpressure), so its keys are queued
 * as they come; arrays and iterables are read one item per pull.
 */
import { isObservable, type Observable } from "rxjs";
import { toDeleteTarget, type KeyLike, type KeySource } from "../model/key-source.js";
import type { DeleteTarget } from "../xml/delete-objects.js";

/**
 * The keys of `source`, validated one by one as they are pulled: a sync iterable for an
 * array or iterable (no promise per key), an async one otherwise.
 */
export function keyStream(source: KeySource): Iterable<DeleteTarget> | AsyncIterable<DeleteTarget> {
  if (isObservable(source)) return mapAsync(observableItems(source));
  if (typeof (source as AsyncIterable<KeyLike>)[Symbol.asyncIterator] === "function") return mapAsync(source as AsyncIterable<KeyLike>);
  return mapSync(source as Iterable<KeyLike>);
}

function* mapSync(items: Iterable<KeyLike>): Generator<DeleteTarget, void, undefined> {
  for (const item of items) yield toDeleteTarget(item);
}

async function* mapAsync(items: AsyncIterable<KeyLike>): AsyncGenerator<DeleteTarget, void, undefined> {
  for await (const item of items) yield toDeleteTarget(item);
}

/** An Observable as an async iterable: subscribed on the first pull, unsubscribed on return(). */
async function* observableItems<T>(source: Observable<T>): AsyncGenerator<T, void, undefined> {
  let queue: T[] = [];
  let end: { error?: unknown; failed: boolean } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const sub = source.subscribe({
    next: (v) => {
      queue.push(v);
      notify();
    },
    error: (error: unknown) => {
      end = { error, failed: true };
      notify();
    },
    complete: () => {
      end = { failed: false };
      notify();
    },
  });
  try {
    for (;;) {
      if (queue.length > 0) {
        const items = queue;
        queue = [];
        yield* items;
      } else if (end !== undefined) {
        if (end.failed) throw end.error;
        return;
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } finally {
    sub.unsubscribe();
  }
}
