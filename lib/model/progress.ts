import type { Observer } from "rxjs";

/** Transfer progress: bytes done so far and the total, when known. */
export interface Progress {
  /** Bytes transferred and acknowledged so far (monotonic). */
  readonly loaded: number;
  /** Total bytes, or null when the size is unknown (a stream of unknown length). */
  readonly total: number | null;
}

/** Where progress goes: a callback, or an RxJS observer (its `next` receives each report). */
export type ProgressListener = ((progress: Progress) => void) | Partial<Observer<Progress>>;

/** Normalises a listener to a callback (or undefined). */
export function progressCallback(listener: ProgressListener | undefined): ((p: Progress) => void) | undefined {
  if (listener === undefined) return undefined;
  if (typeof listener === "function") return listener;
  return (p) => listener.next?.(p);
}
