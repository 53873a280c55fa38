/**
 * Uploads as Observables: progress events, then the result. Cold — each subscription starts
 * its own upload — and unsubscribing aborts it (a multipart upload is then aborted server-side).
 */
import { Observable } from "rxjs";
import type { Progress } from "../model/progress.js";
import type { ObjectWriteResult } from "../model/results.js";

/** What an upload Observable emits: progress reports, then one `done` with the result. */
export type UploadEvent =
  | ({ readonly type: "progress" } & Progress)
  | { readonly type: "done"; readonly result: ObjectWriteResult };

/**
 * An Observable over `start(signal, onProgress)`: one AbortController per subscription,
 * the caller's signal chained in and its listener removed in teardown.
 */
export function uploadObservable(
  start: (signal: AbortSignal, onProgress: (p: Progress) => void) => Promise<ObjectWriteResult>,
  outer: AbortSignal | undefined,
): Observable<UploadEvent> {
  return new Observable<UploadEvent>((subscriber) => {
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) controller.abort(outer.reason);
    else outer?.addEventListener("abort", onOuterAbort, { once: true });
    start(controller.signal, (p) => subscriber.next({ type: "progress", loaded: p.loaded, total: p.total })).then(
      (result) => {
        subscriber.next({ type: "done", result });
        subscriber.complete();
      },
      (err: unknown) => subscriber.error(err),
    );
    return () => {
      outer?.removeEventListener("abort", onOuterAbort);
      controller.abort();
    };
  });
}
