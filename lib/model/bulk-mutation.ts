/**
 * The result of a bulk mutation (remove; later copy / mirror / tag): HOT, not cold. The work
 * starts when the mutation is created and runs once however many subscribers it gets;
 * per-key results are an Observable that replays from the start to late subscribers
 * (from a compact {@link ResultLog}), an async iterable, and a thenable resolving to the
 * summary. A cold Observable would repeat the requests on every subscription, and a lazy
 * generator would do nothing unless iterated — both traps for a mutation.
 */
import { Observable, type Subscriber, type TeardownLogic } from "rxjs";
import type { MutationCounts, MutationResult, MutationSummary } from "./mutation-result.js";
import { ResultLog } from "./result-log.js";

/**
 * The work of a mutation: report each key's result through `emit`, stop when `signal`
 * aborts, resolve when every key is reported (reject to fail the whole mutation).
 */
export type MutationRun = (emit: (result: MutationResult) => void, signal: AbortSignal) => Promise<void>;

type State = { readonly kind: "running" } | { readonly kind: "completed" } | { readonly kind: "failed"; readonly error: unknown };

/** The shared state behind a {@link BulkMutation} (every subscription reads it). */
class MutationCore {
  readonly log = new ResultLog();
  readonly controller = new AbortController();
  readonly finished: Promise<void>;
  readonly #live = new Set<Subscriber<MutationResult>>();
  #waiters: Array<() => void> = [];
  state: State = { kind: "running" };
  counts = { matched: 0, done: 0, skipped: 0, failed: 0 };
  #unchain: () => void = () => undefined;

  constructor(run: MutationRun, outer: AbortSignal | undefined) {
    if (outer !== undefined) {
      const onAbort = () => this.controller.abort(outer.reason);
      if (outer.aborted) onAbort();
      else {
        outer.addEventListener("abort", onAbort, { once: true });
        this.#unchain = () => outer.removeEventListener("abort", onAbort);
      }
    }
    let ran: Promise<void>;
    try {
      ran = run((r) => this.#emit(r), this.controller.signal);
    } catch (error) {
      ran = Promise.reject(error);
    }
    // Never rejects: a failure is kept in `state` and given to whoever asks.
    this.finished = ran.then(() => this.#finish({ kind: "completed" }), (error: unknown) => this.#finish({ kind: "failed", error }));
  }

  #emit(r: MutationResult): void {
    if (this.state.kind !== "running") return;
    this.counts.matched++;
    this.counts[r.status]++;
    this.log.append(r);
    for (const s of this.#live) s.next(r);
    this.#wake();
  }

  #finish(state: State): void {
    this.state = state;
    this.#unchain();
    for (const s of this.#live) {
      if (state.kind === "failed") s.error(state.error);
      else s.complete();
    }
    this.#live.clear();
    this.#wake();
  }

  #wake(): void {
    if (this.#waiters.length === 0) return;
    const ws = this.#waiters;
    this.#waiters = [];
    for (const w of ws) w();
  }

  /** Replays what is logged, then follows live (or ends as the mutation ended). */
  subscribe(subscriber: Subscriber<MutationResult>): TeardownLogic {
    const cursor = this.log.cursor();
    for (let r = this.log.read(cursor); r !== undefined && !subscriber.closed; r = this.log.read(cursor)) subscriber.next(r);
    if (subscriber.closed) return;
    if (this.state.kind === "completed") return void subscriber.complete();
    if (this.state.kind === "failed") return void subscriber.error(this.state.error);
    this.#live.add(subscriber);
    return () => void this.#live.delete(subscriber);
  }

  async *iterate(): AsyncGenerator<MutationResult, void, undefined> {
    const cursor = this.log.cursor();
    for (;;) {
      const r = this.log.read(cursor);
      if (r !== undefined) {
        yield r;
        continue;
      }
      if (this.state.kind === "completed") return;
      if (this.state.kind === "failed") throw this.state.error;
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }
}

/**
 * A running bulk mutation: an Observable of per-key results (replayed to late
 * subscribers; unsubscribing stops only that subscriber, never the work), an async
 * iterable of the same, and awaitable for the {@link MutationSummary}. It fails (the
 * Observable errors, the promise rejects) when the work cannot go on — a listing or a
 * whole batch failing after retries, or an abort; keys refused one by one are results
 * with status `failed`, never a failure of the whole.
 *
 * @example
 * ```ts
 * const removal = s3.bucket("logs").objects().prefix("2023/").recursive().remove();  // already running
 * removal.subscribe((r) => console.log(r.status, r.objectName));
 * const { done, failed, errors } = await removal;
 * ```
 */
export class BulkMutation extends Observable<MutationResult> implements PromiseLike<MutationSummary>, AsyncIterable<MutationResult> {
  readonly #core: MutationCore;

  /** @internal Use {@link BulkMutation.start}. */
  constructor(core: MutationCore) {
    super((subscriber) => core.subscribe(subscriber));
    this.#core = core;
  }

  /**
   * Starts `run` now and returns its mutation. `signal` aborts it.
   * @internal Builders call this; users get mutations from `remove()` and the like.
   */
  static start(run: MutationRun, signal?: AbortSignal): BulkMutation {
    return new BulkMutation(new MutationCore(run, signal));
  }

  /** Counts so far (a snapshot): keys matched, done, skipped and failed. */
  get progress(): MutationCounts {
    return { ...this.#core.counts };
  }

  /** Whether the mutation has ended (completed or failed). */
  get finished(): boolean {
    return this.#core.state.kind !== "running";
  }

  /** Stops the mutation: no new request is sent, requests in flight are aborted; it fails with `reason`. */
  abort(reason?: unknown): void {
    this.#core.controller.abort(reason);
  }

  /** Resolves to the summary once every key is reported; rejects if the mutation failed. */
  then<R1 = MutationSummary, R2 = never>(
    onfulfilled?: ((value: MutationSummary) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    const core = this.#core;
    const summary = core.finished.then((): MutationSummary => {
      if (core.state.kind === "failed") throw core.state.error;
      return { ...core.counts, errors: [...core.log.errors] };
    });
    return summary.then(onfulfilled, onrejected);
  }

  /** Iterates the per-key results from the first (replayed) to the last (live). */
  [Symbol.asyncIterator](): AsyncIterator<MutationResult> {
    return this.#core.iterate();
  }
}
