/**
 * The public result of an S3 Select: the records (an Observable, and async-iterable with
 * backpressure), the final stats, and progress events.
 */
import { Observable, ReplaySubject } from "rxjs";
import { InvalidArgumentError, InvalidResponseError } from "../errors.js";
import type { SelectProgress, SelectStats } from "../model/select.js";
import { EventStreamDecoder } from "./event-stream.js";
import { selectEvent } from "./events.js";
import type { SelectSource } from "./source.js";

/** Options of a {@link SelectResult}. */
export interface SelectResultOptions {
  /** Aborts the request (and the reading of its records). */
  readonly signal?: AbortSignal;
  /** Receives each Progress event (sent only when the request asked for progress). */
  readonly onProgress?: (progress: SelectProgress) => void;
}

function noop(): void {}

/** The records of a Select: an Observable of byte chunks that `for await` can also read (with backpressure). */
export type SelectRecords = Observable<Uint8Array> & AsyncIterable<Uint8Array>;

/**
 * The result of an S3 Select.
 *
 * **Lifecycle.** The request is sent when the result is made (`ObjectRef.select()` resolves
 * once the response headers arrived, so HTTP errors such as NoSuchKey reject it;
 * `Minio.selectObjectContent()` returns the result at once and such errors reject {@link ready},
 * the records and {@link stats}). The response body is an event stream, decoded as it arrives.
 *
 * **Records are read once**, by exactly one consumer: `records()` (an Observable; subscribing
 * claims them, unsubscribing aborts the request) or `for await (const chunk of result)` (or of
 * `result.records()`: pulls from the socket only as fast as the loop takes chunks; `break`
 * aborts the request). A second
 * consumer gets an InvalidArgumentError. Each chunk is one Records event's payload: records in
 * the requested output format, which may split a record across chunks.
 *
 * **Stats** resolve when the End event arrives. If nothing has claimed the records by the turn of
 * the event loop after `stats()` is called, `stats()` reads them itself and drops them.
 *
 * Errors: an error event in the stream is an S3Error (its code and message); a corrupt stream,
 * or one that ends without an End event, is an InvalidResponseError — never a silent truncation.
 */
export class SelectResult implements AsyncIterable<Uint8Array> {
  readonly #source: Promise<SelectSource>;
  readonly #abort = new AbortController();
  readonly #progress = new ReplaySubject<SelectProgress>(1);
  readonly #onProgress: ((p: SelectProgress) => void) | undefined;
  readonly #stats: Promise<SelectStats>;
  #resolveStats!: (s: SelectStats) => void;
  #rejectStats!: (e: unknown) => void;
  #claimedBy: string | undefined;
  #drainScheduled = false;
  readonly #unlink: () => void;
  /** Resolves once the response headers arrived (rejects with the request's error). */
  readonly ready: Promise<void>;

  /** @internal Made by `ObjectRef.select()` / `Minio.selectObjectContent()`. */
  constructor(start: (signal: AbortSignal) => Promise<SelectSource>, options: SelectResultOptions = {}) {
    this.#onProgress = options.onProgress;
    this.#stats = new Promise<SelectStats>((resolve, reject) => {
      this.#resolveStats = resolve;
      this.#rejectStats = reject;
    });
    this.#stats.catch(noop);
    const outer = options.signal;
    const onAbort = () => this.#abort.abort(outer?.reason);
    if (outer?.aborted) onAbort();
    else outer?.addEventListener("abort", onAbort, { once: true });
    this.#unlink = () => outer?.removeEventListener("abort", onAbort);
    this.#source = Promise.resolve().then(() => start(this.#abort.signal));
    this.#source.catch((err: unknown) => this.#finish(err));
    this.ready = this.#source.then(noop);
    this.ready.catch(noop);
  }

  /**
   * The records as a cold-once Observable of byte chunks: the first subscription reads them,
   * unsubscribing aborts the request, a second subscription errors. The same value is
   * async-iterable too (`for await (const chunk of result.records())`), which claims the records
   * the same way.
   */
  records(): SelectRecords {
    const records = new Observable<Uint8Array>((subscriber) => {
      let iterator: AsyncGenerator<Uint8Array>;
      try {
        iterator = this.#claim("records()");
      } catch (err) {
        subscriber.error(err);
        return;
      }
      let done = false;
      void (async () => {
        for await (const chunk of iterator) {
          if (subscriber.closed) return;
          subscriber.next(chunk);
        }
        done = true;
        subscriber.complete();
      })().catch((err: unknown) => {
        done = true;
        if (!subscriber.closed) subscriber.error(err);
      });
      return () => {
        if (!done) this.cancel();
      };
    });
    return Object.assign(records, { [Symbol.asyncIterator]: () => this.#claim("records()") });
  }

  /** Reads the records with backpressure; `break` aborts the request. Records are read once. */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return this.#claim("for await");
  }

  /** Bytes scanned, processed and returned: resolves when the End event arrives. */
  stats(): Promise<SelectStats> {
    if (this.#claimedBy === undefined && !this.#drainScheduled) {
      this.#drainScheduled = true;
      setTimeout(() => {
        if (this.#claimedBy !== undefined) return;
        const it = this.#claim("stats()");
        void (async () => {
          for await (const _ of it); // the records are dropped
        })().catch(noop);
      }, 0);
    }
    return this.#stats;
  }

  /**
   * Progress events (when the request set `requestProgress`), replaying the latest to late
   * subscribers; completes when the select ends, however it ends (errors go to the records and
   * {@link stats}).
   */
  progress(): Observable<SelectProgress> {
    return this.#progress.asObservable();
  }

  /** Aborts the request (and the reading of its records); pending consumers and {@link stats} get an AbortError. */
  cancel(): void {
    this.#abort.abort();
    if (this.#claimedBy === undefined) {
      // Nobody reads the records, so nobody would see the abort: settle here, and refuse readers from now on.
      this.#claimedBy = "cancel()";
      this.#finish(this.#abort.signal.reason);
    }
  }

  #claim(by: string): AsyncGenerator<Uint8Array> {
    if (this.#claimedBy !== undefined) {
      throw new InvalidArgumentError(`the records of a SelectResult can be read only once; they were already taken by ${this.#claimedBy}`);
    }
    this.#claimedBy = by;
    return this.#read();
  }

  #finish(err?: unknown, stats?: SelectStats): void {
    this.#unlink();
    if (err !== undefined) this.#rejectStats(err);
    else if (stats) this.#resolveStats(stats);
    this.#progress.complete();
  }

  async *#read(): AsyncGenerator<Uint8Array> {
    let finished = false;
    try {
      const source = await this.#source;
      const decoder = new EventStreamDecoder();
      let stats: SelectStats | undefined;
      let ended = false;
      const signal = this.#abort.signal;
      for await (const chunk of source.chunks) {
        // A response already received in full is not destroyed by an abort: stop here instead.
        signal.throwIfAborted();
        for (const msg of decoder.push(chunk)) {
          if (ended) continue; // nothing counts after End; the body is read to its end to keep the connection
          const event = selectEvent(msg, source.context);
          switch (event.type) {
            case "records":
              if (event.payload.length > 0) yield event.payload;
              break;
            case "stats":
              stats = event.stats;
              break;
            case "progress":
              this.#progress.next(event.progress);
              this.#onProgress?.(event.progress);
              break;
            case "end":
              ended = true;
              break;
            default: // Cont (keep-alive) and unknown events
          }
        }
      }
      decoder.end();
      const problem = !ended ? "the Select response ended without an End event (truncated)" : stats === undefined ? "the Select response had no Stats event" : undefined;
      if (problem) throw new InvalidResponseError(source.context.status, "application/vnd.amazon.eventstream", problem);
      finished = true;
      this.#finish(undefined, stats);
    } catch (err) {
      finished = true;
      this.cancel();
      this.#finish(err);
      throw err;
    } finally {
      if (!finished) {
        // The consumer stopped early (break / unsubscribe): release the request.
        this.cancel();
        this.#finish(new DOMException("the records were not read to the end", "AbortError"));
      }
    }
  }
}
