import { Observable } from "rxjs";
import type { ObjectInfo } from "../model/object-info.js";
import type { Reducer } from "../query/aggregates.js";

/**
 * An aggregation of a query (`count()`, `totalSize()`, `groupByPrefix()`, `newest()`,
 * `oldest()`): awaitable for the final value, and `running()` for the values as the matches
 * stream in. Nothing runs until it is awaited or `running()` is subscribed; awaiting runs the
 * query once however often the result is awaited. Memory is bounded by the reducer (a
 * counter, one entry per group, a heap of n), not by the number of matches.
 *
 * @example
 * ```ts
 * const n = await q.count();
 * q.totalSize().running().subscribe((bytes) => console.log(bytes));
 * ```
 */
export class Aggregate<T> implements PromiseLike<T> {
  readonly #source: () => Observable<ObjectInfo>;
  readonly #reducer: Reducer<unknown, T>;
  #result: Promise<T> | undefined;

  /** @internal Made by the aggregation methods of `ObjectsQuery`. */
  constructor(source: () => Observable<ObjectInfo>, reducer: Reducer<unknown, T>) {
    this.#source = source;
    this.#reducer = reducer;
  }

  /**
   * A cold Observable of running values: the starting value (0, [] …) at once, then the value
   * after each match that changes it; completes with the final value. Each subscription runs
   * the query; unsubscribing aborts it.
   */
  running(): Observable<T> {
    const reducer = this.#reducer;
    return new Observable<T>((subscriber) => {
      const acc = reducer.seed();
      subscriber.next(reducer.result(acc));
      return this.#source().subscribe({
        next: (o) => {
          if (reducer.step(acc, o)) subscriber.next(reducer.result(acc));
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
    });
  }

  /** Runs the query (once) and resolves to the final value. */
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.#result ??= this.#final();
    return this.#result.then(onFulfilled, onRejected);
  }

  /** The final value without running values (no per-match result building). */
  #final(): Promise<T> {
    const reducer = this.#reducer;
    return new Promise<T>((resolve, reject) => {
      const acc = reducer.seed();
      this.#source().subscribe({
        next: (o) => void reducer.step(acc, o),
        error: reject,
        complete: () => resolve(reducer.result(acc)),
      });
    });
  }
}
