import { firstValueFrom, Observable, toArray } from "rxjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DeleteError, DeleteObject, InvalidArgumentError, Minio, Retention, S3, S3Error, VersioningConfig, type BucketRef, type MutationResult,
} from "../../lib/index.js";
import { startCutProxy } from "../support/cut-proxy.js";
import { plainClient, servers, tempBucket, viaFaultProxy } from "./support.js";

const s3 = plainClient({ region: "us-east-1" });
let t: Awaited<ReturnType<typeof tempBucket>>;
beforeAll(async () => {
  t = await tempBucket(s3, "rm");
});
afterAll(async () => {
  await t.cleanup();
  s3.close();
});

/** Puts empty objects under `keys`, `parallel` at a time. */
async function putMany(bucket: BucketRef, keys: readonly string[], parallel = 32): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < keys.length) await bucket.object(keys[next++]!).put("");
  }));
}

async function keysUnder(bucket: BucketRef, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const o of bucket.objects().prefix(prefix).recursive()) out.push(o.objectName);
  return out;
}

const range = <T,>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

describe("batched removal against MinIO", () => {
  it("removes 5,000 keys of a chained query and leaves the prefix empty (and nothing else)", async () => {
    const keys = range(5000, (i) => `big/${i % 7}/k${i}`);
    await putMany(t.bucket, [...keys, "bigger", "keep/1", "keep/2"]);
    const query = t.bucket.objects().prefix("big/").recursive();
    expect(query.explainRemove()).toEqual({
      kind: "RemoveObjects", bucket: t.name, source: { type: "query", query: query.explain() },
      batchSize: 1000, concurrency: 4, bypassGovernance: false, dryRun: false,
    });
    const removal = query.remove();
    const seen = new Set<string>();
    removal.subscribe((r) => seen.add(r.objectName));
    const summary = await removal;
    expect(summary).toEqual({ matched: 5000, done: 5000, skipped: 0, failed: 0, errors: [] });
    expect(seen).toEqual(new Set(keys));
    expect(removal.progress).toEqual({ matched: 5000, done: 5000, skipped: 0, failed: 0 });
    expect(await keysUnder(t.bucket, "big/")).toEqual([]);
    expect(await keysUnder(t.bucket, "")).toEqual(["bigger", "keep/1", "keep/2"]);
  });

  it("a non-recursive query removes one level only; dryRun reports every match as skipped and removes nothing", async () => {
    await putMany(t.bucket, ["lvl/a", "lvl/b", "lvl/sub/c"]);
    const dry = await t.bucket.objects().prefix("lvl/").remove({ dryRun: true });
    expect(dry).toEqual({ matched: 2, done: 0, skipped: 2, failed: 0, errors: [] });
    expect(await keysUnder(t.bucket, "lvl/")).toEqual(["lvl/a", "lvl/b", "lvl/sub/c"]);
    const real = await t.bucket.objects().prefix("lvl/").remove();
    expect(real).toMatchObject({ matched: 2, done: 2 });
    expect(await keysUnder(t.bucket, "lvl/")).toEqual(["lvl/sub/c"]);
  });

  it("a filtered query removes its matches only: predicates, filter() and limit decide, the rest stays", async () => {
    const keys = range(60, (i) => `flt/${i % 3}/f${String(i).padStart(2, "0")}.${i % 2 === 0 ? "tmp" : "jpg"}`);
    await putMany(t.bucket, keys);
    const q = t.bucket.objects().prefix("flt/").recursive();
    const dry = await q.name("*.tmp").remove({ dryRun: true });
    expect(dry).toMatchObject({ matched: 30, done: 0, skipped: 30, failed: 0 });
    const tmp = await q.name("*.tmp").filter(function notInOne(o) { return !o.objectName.startsWith("flt/1/"); }).remove();
    expect(tmp).toMatchObject({ matched: 20, done: 20, failed: 0 });
    const left = (await q.toArray()).map((o) => o.objectName);
    expect(left).toEqual(keys.filter((k) => k.endsWith(".jpg") || k.startsWith("flt/1/")).sort());
    const limited = await q.name("*.jpg").limit(5).remove();
    expect(limited.done).toBe(5);
    expect(await q.count()).toBe(left.length - 5);
    await q.remove();
  });

  it("takes keys from an array, a generator, an async generator and an Observable", async () => {
    const sets = ["arr", "gen", "agen", "obs"].map((s) => range(23, (i) => `src/${s}/${i}`));
    await putMany(t.bucket, sets.flat());
    const [arr, gen, agen, obs] = sets as [string[], string[], string[], string[]];
    function* generator() {
      for (const k of gen) yield new DeleteObject(k);
    }
    async function* asyncGenerator() {
      for (const k of agen) {
        await new Promise((r) => setImmediate(r));
        yield { objectName: k };
      }
    }
    const observable = new Observable<string>((sub) => {
      let i = 0;
      const timer = setInterval(() => {
        for (let n = 0; n < 5 && i < obs.length; n++) sub.next(obs[i++]!);
        if (i >= obs.length) {
          clearInterval(timer);
          sub.complete();
        }
      }, 1);
      return () => clearInterval(timer);
    });
    const opts = { batchSize: 5, concurrency: 2 };
    const results = await Promise.all([
      t.bucket.removeObjects(arr, opts), t.bucket.removeObjects(generator(), opts),
      t.bucket.removeObjects(asyncGenerator(), opts), t.bucket.removeObjects(observable, opts),
    ]);
    for (const r of results) expect(r).toEqual({ matched: 23, done: 23, skipped: 0, failed: 0, errors: [] });
    expect(await keysUnder(t.bucket, "src/")).toEqual([]);
  });

  it("bad input is refused before anything is sent", () => {
    expect(() => t.bucket.removeObjects("a-key" as unknown as string[])).toThrow(InvalidArgumentError);
    expect(() => t.bucket.removeObjects(["ok", ""])).toThrow(InvalidArgumentError);
    expect(() => t.bucket.removeObjects([new DeleteObject("k", "")])).toThrow(InvalidArgumentError);
    expect(() => t.bucket.objects().remove({ concurrency: 0 })).toThrow(InvalidArgumentError);
    expect(() => t.bucket.objects().remove({ batchSize: 1001 })).toThrow(InvalidArgumentError);
  });

  it("a bad key deep in a lazy source fails the removal (after the keys before it)", async () => {
    await putMany(t.bucket, ["lazybad/1"]);
    function* keys() {
      yield "lazybad/1";
      yield 42 as unknown as string;
    }
    await expect(t.bucket.removeObjects(keys(), { batchSize: 1 })).rejects.toThrow(InvalidArgumentError);
    expect(await keysUnder(t.bucket, "lazybad/")).toEqual([]);
  });

  it("a missing bucket fails the removal: the Observable errors and the promise rejects", async () => {
    const removal = s3.bucket("q-no-such-bucket-for-remove").removeObjects(["a", "b"]);
    const errored = firstValueFrom(removal.pipe(toArray())).catch((e: unknown) => e);
    await expect(removal).rejects.toMatchObject({ name: "S3Error", code: "NoSuchBucket" });
    expect(await errored).toBeInstanceOf(S3Error);
  });

  it("versions(): removes every version and delete marker, by version id", async () => {
    const v = await tempBucket(s3, "rmver");
    try {
      await v.bucket.versioning().set(new VersioningConfig(VersioningConfig.ENABLED));
      await v.bucket.object("d/a").put("1");
      await v.bucket.object("d/a").put("2");
      await v.bucket.object("d/b").put("3");
      await v.bucket.object("d/b").remove(); // a delete marker
      await v.bucket.object("other").put("4");
      const before = await v.bucket.objects().prefix("d/").recursive().versions().toArray();
      expect(before).toHaveLength(4);
      const results = await firstValueFrom(v.bucket.objects().prefix("d/").recursive().versions().remove().pipe(toArray()));
      expect(results.map((r) => `${r.objectName}@${r.versionId}:${r.status}`).sort())
        .toEqual(before.map((o) => `${o.objectName}@${o.versionId}:done`).sort());
      expect(await v.bucket.objects().prefix("d/").recursive().versions().toArray()).toEqual([]);
      expect((await v.bucket.objects().versions().recursive().toArray()).map((o) => o.objectName)).toEqual(["other"]);
    } finally {
      await v.cleanup();
    }
  });

  it("versions(): paging through versions while they are being removed misses none (small pages and batches)", async () => {
    const v = await tempBucket(s3, "rmverpage");
    try {
      await v.bucket.versioning().set(new VersioningConfig(VersioningConfig.ENABLED));
      const keys = range(60, (i) => `p/${String(i).padStart(2, "0")}`);
      await putMany(v.bucket, keys, 16);
      await putMany(v.bucket, keys, 16); // a second version of each
      const summary = await v.bucket.objects().prefix("p/").recursive().versions().pageSize(25).remove({ batchSize: 10, concurrency: 4 });
      expect(summary).toEqual({ matched: 120, done: 120, skipped: 0, failed: 0, errors: [] });
      expect(await v.bucket.objects().recursive().versions().toArray()).toEqual([]);
    } finally {
      await v.cleanup();
    }
  });

  it("a locked version (GOVERNANCE) is reported as that key's error; the rest of the batch is removed", async () => {
    const lock = await tempBucket(s3, "rmlock", { objectLock: true });
    try {
      const until = new Date(Date.now() + 3_600_000);
      const locked = await lock.bucket.object("l/locked").put("x", { retention: new Retention("GOVERNANCE", until) });
      const free = await Promise.all(range(5, (i) => `l/free${i}`).map((k) => lock.bucket.object(k).put("y")));
      const targets = [...free.slice(0, 2), locked, ...free.slice(2)].map((w) => new DeleteObject(w.objectName, w.versionId));

      const minio = new Minio(servers().plain.endpoint, { accessKey: servers().plain.accessKey, secretKey: servers().plain.secretKey, region: "us-east-1" });
      try {
        const errors = minio.removeObjects(lock.name, targets); // starts now
        const viaIteration: DeleteError[] = [];
        for await (const e of errors) viaIteration.push(e);
        const awaited = await errors;
        expect(awaited).toHaveLength(1);
        expect(awaited[0]).toBeInstanceOf(DeleteError);
        // MinIO answers InvalidRequest ("Object is WORM protected…"); AWS S3 answers AccessDenied.
        expect(awaited[0]).toMatchObject({ objectName: "l/locked", name: "l/locked", versionId: locked.versionId, code: expect.stringMatching(/^(InvalidRequest|AccessDenied)$/) });
        expect(awaited[0]!.message).toMatch(/\S/);
        expect(viaIteration).toEqual(awaited);
        expect(await firstValueFrom(errors.pipe(toArray()))).toEqual(awaited); // replayed
        expect(await errors.mutation).toMatchObject({ matched: 6, done: 5, failed: 1 });
      } finally {
        minio.s3.close();
      }
      const left = await lock.bucket.objects().recursive().versions().toArray();
      expect(left.map((o) => [o.objectName, o.versionId])).toEqual([["l/locked", locked.versionId]]);

      const bypass = await lock.bucket.removeObjects([new DeleteObject("l/locked", locked.versionId)], { bypassGovernance: true });
      expect(bypass).toEqual({ matched: 1, done: 1, skipped: 0, failed: 0, errors: [] });
      expect(await lock.bucket.objects().recursive().versions().toArray()).toEqual([]);
    } finally {
      await lock.cleanup();
    }
  });

  it("runs once however many subscribers, and replays every result to a late subscriber", async () => {
    const keys = range(2500, (i) => `once/${String(i).padStart(4, "0")}`);
    await putMany(t.bucket, keys);
    const { proxy, client } = await viaFaultProxy(Array(50).fill("pass"));
    try {
      const removal = client.bucket(t.name).objects().prefix("once/").recursive().remove({ concurrency: 2 });
      const early = [1, 2, 3].map(() => firstValueFrom(removal.pipe(toArray())));
      const [a, b, c] = await Promise.all(early);
      await removal;
      // 3 listing pages + 3 DeleteObjects, whatever the number of subscribers.
      expect(proxy.requests).toBe(6);
      expect(a).toHaveLength(2500);
      expect(b).toEqual(a);
      expect(c).toEqual(a);
      const late = await firstValueFrom(removal.pipe(toArray()));
      expect(late).toEqual(a);
      const iterated: MutationResult[] = [];
      for await (const r of removal) iterated.push(r);
      expect(iterated).toEqual(a);
      expect(new Set(a.map((r) => r.objectName))).toEqual(new Set(keys));
      expect(proxy.requests).toBe(6);
      expect(await keysUnder(t.bucket, "once/")).toEqual([]);
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it("starts when called, with no subscriber at all", async () => {
    await putMany(t.bucket, ["eager/1", "eager/2"]);
    t.bucket.objects().prefix("eager/").recursive().remove(); // never subscribed nor awaited
    for (let i = 0; i < 200 && (await keysUnder(t.bucket, "eager/")).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await keysUnder(t.bucket, "eager/")).toEqual([]);
  });

  it("a 503 on a batch is retried and the batch goes through", async () => {
    const keys = range(30, (i) => `retry/${i}`);
    await putMany(t.bucket, keys);
    const { proxy, client } = await viaFaultProxy(["slowdown", "pass"]);
    try {
      const summary = await client.bucket(t.name).removeObjects(keys);
      expect(summary).toEqual({ matched: 30, done: 30, skipped: 0, failed: 0, errors: [] });
      expect(proxy.requests).toBe(2); // the 503, then the retry
      expect(await keysUnder(t.bucket, "retry/")).toEqual([]);
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it("an answer cut off mid-body is retried: the batch is sent again and every key is reported once", async () => {
    // Version ids that do not exist give one <Error> per key: an answer long enough to cut mid-body.
    const targets = range(300, (i) => new DeleteObject(`cut/${i}`, `no-such-version-${i}`));
    const url = new URL(servers().plain.endpoint);
    const proxy = await startCutProxy({ host: url.hostname, port: Number(url.port) }, { cuts: 1, afterBytes: 4000 });
    const s = servers().plain;
    const client = new S3({ endpoint: proxy.endpoint, accessKey: s.accessKey, secretKey: s.secretKey, region: "us-east-1", retry: { baseDelayMs: 5 } });
    try {
      const results = await firstValueFrom(client.bucket(t.name).removeObjects(targets).pipe(toArray()));
      expect(proxy.cut).toBe(1);
      expect(results.map((r) => r.objectName)).toEqual(targets.map((d) => d.name));
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it("abort stops pulling the source and sending; the removal rejects with the reason", async () => {
    let pulled = 0;
    function* ghosts() {
      for (let i = 0; i < 1_000_000; i++) {
        pulled++;
        yield `ghost-abort/${i}`;
      }
    }
    const ac = new AbortController();
    const removal = t.bucket.removeObjects(ghosts(), { signal: ac.signal, batchSize: 100, concurrency: 1 });
    const first = await firstValueFrom(removal);
    expect(first.status).toBe("done");
    ac.abort(new Error("stop"));
    await expect(removal).rejects.toThrow("stop");
    expect(removal.finished).toBe(true);
    const matched = removal.progress.matched;
    expect(matched).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 50));
    expect(removal.progress.matched).toBe(matched); // nothing after the abort

    const pre = new AbortController();
    pre.abort(new Error("before"));
    await expect(t.bucket.removeObjects(["x"], { signal: pre.signal })).rejects.toThrow("before");
  });

  it("200k keys from a lazy generator: memory stays flat (RSS growth < 50 MB) and the real objects among them are removed", async () => {
    // DeleteObjects of keys that do not exist succeeds (S3 semantics), so 200k generated names
    // — 400 of them real objects, put first — measure the client's memory without creating
    // 200k objects.
    const total = 200_000;
    const every = 500;
    const real = range(total / every, (i) => `mem/${String(i * every).padStart(6, "0")}`);
    await putMany(t.bucket, real);
    function* names() {
      for (let i = 0; i < total; i++) yield `mem/${String(i).padStart(6, "0")}`;
    }
    const rss0 = process.memoryUsage.rss();
    let peak = rss0;
    const removal = t.bucket.removeObjects(names(), { concurrency: 8 });
    let n = 0;
    removal.subscribe(() => {
      if (++n % 1000 === 0) peak = Math.max(peak, process.memoryUsage.rss());
    });
    const summary = await removal;
    peak = Math.max(peak, process.memoryUsage.rss());
    expect(summary).toEqual({ matched: total, done: total, skipped: 0, failed: 0, errors: [] });
    expect(await keysUnder(t.bucket, "mem/")).toEqual([]);
    const growthMb = (peak - rss0) / 2 ** 20;
    console.log(`[remove] 200k keys: RSS growth ${growthMb.toFixed(1)} MB`);
    expect(growthMb).toBeLessThan(50);
  }, 180_000);
});
