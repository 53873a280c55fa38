import { Observable } from "rxjs";

/**
 * An Observable over an async producer (RxJS's `fromFetch` is the model): each subscription
 * runs `pump` with its own AbortSignal — chained to `outer`, whose listener is removed in
 * teardown — completes when the pump resolves, errors when it rejects, and aborts it on
 * unsubscribe (which aborts the request in flight).
 */
export function pumpObservable<T>(outer: AbortSignal | undefined, pump: (signal: AbortSignal, emit: (value: T) => void) => Promise<void>): Observable<T> {
  return new Observable<T>((subscriber) => {
    const ac = new AbortController();
    const onOuter = () => ac.abort(outer!.reason);
    outer?.addEventListener("abort", onOuter, { once: true });
    if (outer?.aborted) ac.abort(outer.reason);
    pump(ac.signal, (value) => subscriber.next(value)).then(
      () => subscriber.complete(),
      (err: unknown) => subscriber.error(err),
    );
    return () => {
      outer?.removeEventListener("abort", onOuter);
      ac.abort();
    };
  });
}
