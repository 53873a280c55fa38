import { describe, expect, it } from "vitest";
import { runBatches } from "../../lib/exec/batches.js";
import { reportBatch } from "../../lib/exec/operations/remove-objects.js";
import type { MutationResult } from "../../lib/index.js";

/** A source that counts how far it has been pulled. */
function counted(n: number) {
  const state = { pulled: 0, closed: false };
  async function* gen() {
    try {
      for (let i = 0; i < n; i++) {
        state.pulled++;
        yield i;
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, source: gen() };
}

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("batching with bounded concurrency (pure)", () => {
  it("packs items in order into batches of batchSize, the last one smaller", async () => {
    const batches: number[][] = [];
    await runBatches(counted(2503).source, { batchSize: 1000, concurrency: 2 }, async (b) => void batches.push(b));
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 503]);
    expect(batches.flat()).toEqual(Array.from({ length: 2503 }, (_, i) => i));
  });

  it("keeps at most `concurrency` batches in flight and pulls lazily: only the batches in flight are held", async () => {
    const { state, source } = counted(10_000);
    let inFlight = 0;
    let maxInFlight = 0;
    let maxAhead = 0;
    let sent = 0;
    await runBatches(source, { batchSize: 10, concurrency: 3 }, async (b) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      maxAhead = Math.max(maxAhead, state.pulled - sent);
      await tick();
      sent += b.length;
      inFlight--;
    });
    expect(maxInFlight).toBe(3);
    // Items pulled but not yet acknowledged: the batches in flight (3 × 10), never the source's rest.
    expect(maxAhead).toBeLessThanOrEqual(30);
    expect(sent).toBe(10_000);
    expect(state.closed).toBe(true);
  });

  it("a failed batch stops the pulling, lets the batches in flight settle, closes the source and rejects with that failure", async () => {
    const { state, source } = counted(1_000_000);
    let settled = 0;
    const run = runBatches(source, { batchSize: 5, concurrency: 4 }, async (b) => {
      await tick();
      if (b[0] === 20) throw new Error("batch 5 failed");
      settled++;
    });
    await expect(run).rejects.toThrow("batch 5 failed");
    expect(state.pulled).toBeLessThan(100);
    expect(state.closed).toBe(true);
    const after = settled;
    await tick();
    expect(settled).toBe(after); // nothing still running
  });

  it("abort wakes a pull from a source that never yields", async () => {
    const ac = new AbortController();
    let closed = false;
    async function* stuck() {
      try {
        yield 1;
        await new Promise(() => undefined);
      } finally {
        closed = true;
      }
    }
    const sends: number[][] = [];
    const run = runBatches(stuck(), { batchSize: 10, concurrency: 1, signal: ac.signal }, async (b) => void sends.push(b));
    setTimeout(() => ac.abort(new Error("stopped")), 5);
    await expect(run).rejects.toThrow("stopped");
    expect(sends).toEqual([]); // the half-filled batch is not sent after an abort
    expect(closed).toBe(false); // the stuck generator cannot run its finally; it was asked to return
  });

  it("a source that throws fails the run", async () => {
    async function* bad() {
      yield 1;
      throw new Error("source broke");
    }
    await expect(runBatches(bad(), { batchSize: 1, concurrency: 1 }, async () => undefined)).rejects.toThrow("source broke");
  });
});

describe("per-key report of a batch", () => {
  it("keys listed among the errors fail (matched by key and version, or by key alone); the others are done", () => {
    const out: MutationResult[] = [];
    reportBatch(
      [{ key: "a" }, { key: "b", versionId: "v1" }, { key: "b", versionId: "v2" }, { key: "c", versionId: "v3" }],
      [{ key: "b", versionId: "v2", code: "AccessDenied", message: "locked" }, { key: "c", code: "InvalidRequest", message: "worm" }],
      (r) => out.push(r),
    );
    expect(out).toEqual([
      { objectName: "a", status: "done" },
      { objectName: "b", versionId: "v1", status: "done" },
      { objectName: "b", versionId: "v2", status: "failed", code: "AccessDenied", message: "locked" },
      { objectName: "c", versionId: "v3", status: "failed", code: "InvalidRequest", message: "worm" },
    ]);
  });
});
