import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ObjectInfo } from "../../lib/index.js";
import { listRequests } from "../support/list-requests.js";
import { plainClient, tempBucket } from "./support.js";

// Push-down proved by counting requests: a key range holding 1% of N keys sends list requests
// only inside the range, where a plain listing filtered in user code pages through all N.
const N = 5000;
const s3 = plainClient();
let t: Awaited<ReturnType<typeof tempBucket>>;
const key = (i: number) => `k${String(i).padStart(5, "0")}`;

beforeAll(async () => {
  t = await tempBucket(s3, "pushdown");
  const keys = Array.from({ length: N }, (_, i) => key(i));
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < keys.length) await t.bucket.object(keys[next++]).put("");
  }));
}, 300_000);
afterAll(async () => {
  // Faster than one DELETE per key: listing-driven removal is another helper's work, so go wide.
  const keys = Array.from({ length: N }, (_, i) => key(i));
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < keys.length) await t.bucket.object(keys[next++]).remove();
  }));
  await t.bucket.remove();
  s3.close();
}, 300_000);

const names = (xs: readonly ObjectInfo[]) => xs.map((o) => o.objectName);

describe("key-range push-down", () => {
  it(`1% of ${N} keys: 3 list requests of 20 inside the range, where the plain listing sends ${N / 20}`, async () => {
    const [from, to] = [key(2000), key(2050)];
    const expected = Array.from({ length: 50 }, (_, i) => key(2000 + i));

    const t0 = performance.now();
    const ranged = await listRequests(t.name, () => t.bucket.objects().recursive().pageSize(20).keyBetween(from, to).toArray());
    const rangedMs = performance.now() - t0;
    const t1 = performance.now();
    const plain = await listRequests(t.name, async () =>
      (await t.bucket.objects().recursive().pageSize(20).toArray()).filter((o) => o.objectName >= from && o.objectName < to));
    const plainMs = performance.now() - t1;

    expect(names(ranged.result)).toEqual(expected);
    expect(names(plain.result)).toEqual(expected);
    expect(ranged.queries.length).toBe(3); // 50 keys in pages of 20; the third page reaches the stop key
    expect(plain.queries.length).toBeGreaterThanOrEqual(N / 20); // MinIO may confirm the end with one empty page
    // The first request starts just before the range, inside the prefix every key of it shares.
    expect(ranged.queries[0].get("prefix")).toBe("k020");
    expect(ranged.queries[0].get("start-after")).toBe("k0200/\u{10FFFF}");
    expect(ranged.queries.slice(1).every((q) => q.has("continuation-token"))).toBe(true);
    console.log(`[query-pushdown] keyBetween over ${N} keys, pages of 20: ${ranged.queries.length} list requests in ${rangedMs.toFixed(0)} ms; ` +
      `plain listing filtered in user code: ${plain.queries.length} requests in ${plainMs.toFixed(0)} ms (loaded machine)`);
  });

  it("a range over every key returns what the plain listing does, reading ahead after four pages (timing logged)", async () => {
    const t0 = performance.now();
    const ranged = await listRequests(t.name, () => t.bucket.objects().recursive().pageSize(50).keyBetween(key(0), key(N)).toArray());
    const rangedMs = performance.now() - t0;
    const t1 = performance.now();
    const plain = await listRequests(t.name, () => t.bucket.objects().recursive().pageSize(50).toArray());
    const plainMs = performance.now() - t1;
    expect(names(ranged.result)).toEqual(names(plain.result));
    expect(ranged.queries.length).toBeLessThanOrEqual(plain.queries.length + 1); // at most one read ahead past the stop key
    console.log(`[query-pushdown] keyBetween over all ${N} keys, pages of 50: ${ranged.queries.length} requests in ${rangedMs.toFixed(0)} ms ` +
      `(stop key; read-ahead after 4 pages); plain listing: ${plain.queries.length} requests in ${plainMs.toFixed(0)} ms (read-ahead; loaded machine)`);
  });

  it("with 1000-key pages the range is one request, and no page is read ahead past the stop key", async () => {
    const { result, queries } = await listRequests(t.name, () => t.bucket.objects().recursive().keyBetween(key(4321), key(4371)).toArray());
    expect(result.length).toBe(50);
    expect(queries.length).toBe(1);
  });

  it("or of disjoint ranges: one scan each, only inside each range, results in key order", async () => {
    const { result, queries } = await listRequests(t.name, () => t.bucket.objects().recursive().pageSize(25)
      .where((p) => p.or(p.keyBetween(key(3000), key(3030)), p.keyBetween(key(100), key(110)))).toArray());
    expect(names(result)).toEqual([...Array.from({ length: 10 }, (_, i) => key(100 + i)), ...Array.from({ length: 30 }, (_, i) => key(3000 + i))]);
    expect(queries.map((q) => q.get("prefix"))).toEqual(["k001", "k030", "k030"]);
  });

  it("the V1 and versions listings stop at the stop key too", async () => {
    for (const q of [t.bucket.objects().recursive().apiV1(), t.bucket.objects().recursive().versions()]) {
      const { result, queries } = await listRequests(t.name, () => q.pageSize(10).keyBetween(key(10), key(35)).toArray());
      expect(names(result)).toEqual(Array.from({ length: 25 }, (_, i) => key(10 + i)));
      expect(queries.length).toBe(3);
    }
  });

  it("a glob with a literal head lists only under it; limit stops paging", async () => {
    const glob = await listRequests(t.name, () => t.bucket.objects().recursive().pageSize(100).glob("k049*").toArray());
    expect(glob.result.length).toBe(100);
    expect(glob.queries.length).toBeLessThanOrEqual(2); // one full page, maybe one empty confirmation
    expect(glob.queries.every((q) => q.get("prefix") === "k049")).toBe(true);
    const limited = await listRequests(t.name, () => t.bucket.objects().recursive().limit(7).toArray());
    expect(names(limited.result)).toEqual(Array.from({ length: 7 }, (_, i) => key(i)));
    expect(limited.queries.length).toBe(1);
    expect(limited.queries[0].get("max-keys")).toBe("7");
  });

  it("aggregations over the range equal brute force", async () => {
    const q = t.bucket.objects().recursive().keyBetween(key(1000), key(1500));
    expect(await q.count()).toBe(500);
    expect(await q.totalSize()).toBe(0);
    expect(await t.bucket.objects().recursive().groupByPrefix(1)).toEqual([{ prefix: "", count: N, size: 0 }]);
  });
});
