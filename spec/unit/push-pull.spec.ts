/** pullIterable: the bounded async iterable over a push producer (listings, fan-out). */
import { describe, expect, it } from "vitest";
import { pullIterable, type Producer } from "../../lib/exec/push-pull.js";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A producer emitting `chunks` (one afterChunk after each), recording what it saw. */
function chunked(chunks: number[][], seen: { emitted: number; signal?: AbortSignal; holds: number } = { emitted: 0, holds: 0 }): { produce: Producer<number>; seen: typeof seen } {
  const produce: Producer<number> = async (signal, emit, afterChunk) => {
    seen.signal = signal;
    for (const chunk of chunks) {
      await tick();
      signal.throwIfAborted();
      for (const n of chunk) {
        emit(n);
        seen.emitted++;
      }
      const hold = afterChunk();
      if (hold !== undefined) {
        seen.holds++;
        await hold;
      }
    }
  };
  return { produce, seen };
}

describe("pullIterable", () => {
  it("hands out every item in order, across chunks", async () => {
    const { produce } = chunked([[1, 2, 3], [], [4], [5, 6]]);
    const got: number[] = [];
    for await (const n of pullIterable(produce)) got.push(n);
    expect(got).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("does not start the producer before the first next()", async () => {
    let started = false;
    const it = pullIterable<number>(async () => void (started = true))[Symbol.asyncIterator]();
    await tick();
    expect(started).toBe(false);
    expect(await it.next()).toEqual({ value: undefined, done: true });
    expect(started).toBe(true);
  });

  it("a producer's failure comes after the items it emitted before it, then the iterator is done", async () => {
    const boom = new Error("boom");
    const it = pullIterable<number>(async (_s, emit) => {
      emit(1);
      emit(2);
      await tick();
      throw boom;
    })[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ value: 1, done: false });
    expect(await it.next()).toEqual({ value: 2, done: false });
    await expect(it.next()).rejects.toBe(boom);
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });

  it("holds the producer after a chunk while the consumer has items left (at most one chunk ahead)", async () => {
    const { produce, seen } = chunked([[1, 2], [3, 4], [5, 6], [7, 8]]);
    const it = pullIterable(produce)[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ value: 1, done: false });
    for (let i = 0; i < 5; i++) await tick();
    // The first chunk was taken; the second is buffered and its producer held: no third yet.
    expect(seen.emitted).toBe(4);
    expect(seen.holds).toBeGreaterThanOrEqual(1);
    const rest: number[] = [];
    for (let s = await it.next(); !s.done; s = await it.next()) rest.push(s.value);
    expect(rest).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  it("break aborts a producer still running, and stops following the outer signal", async () => {
    const { produce, seen } = chunked([[1], [2], [3], [4]]);
    const outer = new AbortController();
    for await (const n of pullIterable(produce, outer.signal)) if (n === 2) break;
    expect(seen.signal?.aborted).toBe(true);
    outer.abort(new Error("late"));
    expect(seen.signal?.reason).not.toEqual(new Error("late"));
  });

  it("the outer signal aborts the producer, whose failure reaches the consumer", async () => {
    const outer = new AbortController();
    const reason = new Error("stop");
    const it = pullIterable<number>(async (signal) => {
      await new Promise<void>((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
    }, outer.signal)[Symbol.asyncIterator]();
    const next = it.next();
    outer.abort(reason);
    await expect(next).rejects.toBe(reason);
  });

  it("next() calls made while one waits are answered in order", async () => {
    const { produce } = chunked([[1], [2], [3]]);
    const it = pullIterable(produce)[Symbol.asyncIterator]();
    const steps = await Promise.all([it.next(), it.next(), it.next(), it.next()]);
    expect(steps).toEqual([
      { value: 1, done: false },
      { value: 2, done: false },
      { value: 3, done: false },
      { value: undefined, done: true },
    ]);
  });
});
