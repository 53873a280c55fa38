import { firstValueFrom, take, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import { BulkMutation, S3, type MutationResult } from "../../lib/index.js";

const tick = () => new Promise((r) => setTimeout(r, 1));

/** A fake mutation over `keys`: one result per key per tick; counts how often it ran. */
function fake(keys: string[], fail?: { at: number; error: Error }) {
  const runs = { count: 0 };
  const m = BulkMutation.start(async (emit, signal) => {
    runs.count++;
    for (const [i, k] of keys.entries()) {
      await tick();
      signal.throwIfAborted();
      if (fail && i === fail.at) throw fail.error;
      emit(k.startsWith("bad") ? { objectName: k, status: "failed", code: "AccessDenied", message: "no" } : { objectName: k, status: "done" });
    }
  });
  return { m, runs };
}

describe("BulkMutation (hot, run once, replayed)", () => {
  it("starts when made, before anyone subscribes", async () => {
    const { m, runs } = fake(["a", "b"]);
    expect(runs.count).toBe(1);
    await tick();
    await tick();
    expect(m.progress.matched).toBeGreaterThan(0);
  });

  it("runs once for many subscribers; early, partial and late subscribers all see every result in order", async () => {
    const { m, runs } = fake(["a", "bad1", "c", "d"]);
    const early = firstValueFrom(m.pipe(toArray()));
    await tick();
    await tick();
    const partial = firstValueFrom(m.pipe(toArray())); // joins mid-way: replay, then live
    const firstTwo = firstValueFrom(m.pipe(take(2), toArray()));
    const summary = await m;
    const expected: MutationResult[] = [
      { objectName: "a", status: "done" }, { objectName: "bad1", status: "failed", code: "AccessDenied", message: "no" },
      { objectName: "c", status: "done" }, { objectName: "d", status: "done" },
    ];
    expect(await early).toEqual(expected);
    expect(await partial).toEqual(expected);
    expect(await firstTwo).toEqual(expected.slice(0, 2));
    expect(await firstValueFrom(m.pipe(toArray()))).toEqual(expected); // late
    const iterated: MutationResult[] = [];
    for await (const r of m) iterated.push(r);
    expect(iterated).toEqual(expected);
    expect(summary).toEqual({ matched: 4, done: 3, skipped: 0, failed: 1, errors: [{ objectName: "bad1", code: "AccessDenied", message: "no" }] });
    expect(runs.count).toBe(1);
    expect(m.finished).toBe(true);
  });

  it("an async iterator started early waits for results as they come", async () => {
    const { m } = fake(["a", "b", "c"]);
    const seen: string[] = [];
    for await (const r of m) seen.push(r.objectName);
    expect(seen).toEqual(["a", "b", "c"]);
  });

  it("a failure errors the Observable, rejects the promise and throws from iteration — after the results before it", async () => {
    const { m } = fake(["a", "b", "c"], { at: 2, error: new Error("listing broke") });
    const seen: string[] = [];
    const obs = new Promise((resolve) => m.subscribe({ next: (r) => seen.push(r.objectName), error: resolve }));
    await expect(m).rejects.toThrow("listing broke");
    expect(await obs).toBeInstanceOf(Error);
    expect(seen).toEqual(["a", "b"]);
    await expect((async () => {
      for await (const _ of m) void _;
    })()).rejects.toThrow("listing broke");
  });

  it("a failure nobody listens to is not an unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const on = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", on);
    try {
      fake(["a"], { at: 0, error: new Error("ignored") });
      for (let i = 0; i < 5; i++) await tick();
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", on);
    }
  });

  it("abort() and the signal stop it; unsubscribing does not", async () => {
    const { m } = fake(Array.from({ length: 100 }, (_, i) => `k${i}`));
    const sub = m.subscribe();
    sub.unsubscribe();
    await tick();
    await tick();
    expect(m.finished).toBe(false);
    m.abort(new Error("enough"));
    await expect(m).rejects.toThrow("enough");
    expect(m.progress.matched).toBeLessThan(100);

    const ac = new AbortController();
    const withSignal = BulkMutation.start(async (_emit, signal) => {
      await new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
    }, ac.signal);
    ac.abort(new Error("outer"));
    await expect(withSignal).rejects.toThrow("outer");
  });
});

describe("removal plans (no server)", () => {
  const s3 = new S3({ endpoint: "http://127.0.0.1:9", accessKey: "AKIAEXAMPLE", secretKey: "secret", region: "us-east-1" });
  it("explainRemove is frozen, JSON-safe data naming the query whose matches it removes", () => {
    const q = s3.bucket("photos").objects().prefix("tmp/").recursive().versions();
    const plan = q.explainRemove({ bypassGovernance: true, concurrency: 8, batchSize: 500, dryRun: true });
    expect(plan).toEqual({
      kind: "RemoveObjects", bucket: "photos", source: { type: "query", query: q.explain() },
      batchSize: 500, concurrency: 8, bypassGovernance: true, dryRun: true,
    });
    expect(Object.isFrozen(plan)).toBe(true);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });
});
