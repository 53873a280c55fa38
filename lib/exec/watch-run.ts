/**
 * Runs a watch plan (`ObjectsQuery.watch()`, mc find --watch): one bucket-notification
 * listener (lib/exec/operations/listen.ts: reconnects, keep-alives), each record mapped to an
 * ObjectInfo and run through the query's compiled client filters, with enrichment lookups
 * (HEAD / tags, as a listing's query runs them) for records the cheap filters cannot decide,
 * at most `concurrency` at once. Matches come out in the order their events arrived; after
 * `limit` matches the listener is closed and the Observable completes.
 */
import type { Observable, Subscription } from "rxjs";
import type { ObjectInfo } from "../model/object-info.js";
import type { QueryRunOptions } from "../plan/query-node.js";
import type { PlanRunner } from "../plan/runner.js";
import type { WatchNode } from "../plan/watch-node.js";
import { all, compile, type Test } from "../query/evaluate.js";
import { recordObject } from "../query/record-object.js";
import { pumpObservable } from "./pump-observable.js";
import { enriched, lookUp } from "./query-run.js";

/** A counting semaphore: at most `limit` holders. */
function semaphore(limit: number) {
  let held = 0;
  const waiting: Array<() => void> = [];
  return {
    acquire: (): Promise<void> => {
      if (held < limit) {
        held++;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    release: (): void => {
      const next = waiting.shift();
      if (next !== undefined) next(); // the slot passes on
      else held--;
    },
  };
}

/** The watch's new matches as a cold Observable: each subscription opens its own listener; unsubscribing closes it. */
export function watchObservable(runner: PlanRunner, node: WatchNode, options: QueryRunOptions = {}): Observable<ObjectInfo> {
  return pumpObservable<ObjectInfo>(options.signal, (signal, emit) => runWatch(runner, node, options, signal, emit));
}

function runWatch(runner: PlanRunner, node: WatchNode, options: QueryRunOptions, signal: AbortSignal, emit: (o: ObjectInfo) => void): Promise<void> {
  const limit = node.limit ?? Infinity;
  const listen = node.listen;
  if (listen === undefined || limit <= 0) return Promise.resolve();
  const ctx = { prefix: node.prefix, now: options.now ?? Date.now(), functions: options.functions ?? [], listingMeta: false };
  const test: Test = all(node.client.map((c) => compile(c.predicate, ctx)));
  const slots = semaphore(Math.max(1, ...node.enrich.map((e) => e.concurrency)));
  /** Candidates in arrival order: decided at once, or waiting for their lookups. */
  const queue: Array<Promise<ObjectInfo | undefined>> = [];

  return new Promise<void>((resolve, reject) => {
    let sub: Subscription | undefined;
    let finished = false;
    let listenerDone = false;
    let draining = false;
    let out = 0;
    const finish = (error?: unknown) => {
      if (finished) return;
      finished = true;
      sub?.unsubscribe(); // closes the listener's connection
      if (error === undefined) resolve();
      else reject(error);
    };
    /** Emits the head of the queue while it is decided, in arrival order. */
    const drain = async () => {
      if (draining) return;
      draining = true;
      try {
        while (queue.length > 0 && !finished) {
          const match = await queue[0];
          queue.shift();
          if (match === undefined || finished) continue;
          emit(match);
          if (++out >= limit) return finish();
        }
        if (listenerDone && queue.length === 0) finish();
      } catch (error) {
        finish(error);
      } finally {
        draining = false;
      }
    };
    sub = runner.listen(listen, signal).subscribe({
      next: (record) => {
        if (finished) return;
        const o = recordObject(record);
        const verdict = test(o, undefined);
        if (verdict === false) return;
        if (verdict === true) queue.push(Promise.resolve(o));
        else {
          const decided = slots.acquire()
            .then(() => lookUp(runner, node, o, signal))
            .then((e) => (e !== undefined && test(o, e) === true ? enriched(o, e) : undefined))
            .finally(slots.release);
          decided.catch(() => undefined); // observed when it reaches the head of the queue
          queue.push(decided);
        }
        void drain();
      },
      error: (error: unknown) => finish(error),
      complete: () => {
        listenerDone = true;
        void drain();
      },
    });
    if (finished) sub.unsubscribe();
  });
}
