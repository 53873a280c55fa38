import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3, type ObjectInfo } from "../../lib/index.js";
import { startCountingProxy, type CountingProxy, type ProxiedRequest } from "../support/counting-proxy.js";
import { plainClient, servers, tempBucket } from "./support.js";

// Push-down proved by counting requests at a proxy in front of the server: a key range holding
// 1% of N keys sends list requests only inside the range, where a plain listing filtered in
// user code pages through all N. (bench/query covers 100k keys and mc find.)
const N = 20_000;
const direct = plainClient();
let proxy: CountingProxy;
let s3: S3;
let t: Awaited<ReturnType<typeof tempBucket>>;
const key = (i: number) => `k${String(i).padStart(5, "0")}`;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => key(from + i));

/** The ListObjects requests (and what their pages carried) that reached the proxy while `run` ran. */
async function listRequests<T>(run: () => Promise<T>): Promise<{ result: T; queries: URLSearchParams[]; pages: ProxiedRequest[] }> {
  proxy.reset();
  const result = await run();
  const pages = proxy.listRequests(t.name);
  return { result, pages, queries: pages.map((p) => new URLSearchParams(p.url.slice(p.url.indexOf("?") + 1))) };
}
const keysSent = (pages: readonly ProxiedRequest[]) => pages.reduce((n, p) => n + p.keys, 0);

beforeAll(async () => {
  t = await tempBucket(direct, "pushdown");
  const t0 = performance.now();
  // Snowball: 20k empty objects in 8 archives extracted 4 at a time — seconds, not 20k PUTs.
  const summary = await t.bucket.putMany(range(0, N).map((name) => ({ name, data: Buffer.alloc(0) })), { batch: { maxObjects: 2500 }, parallel: 4 });
  expect(summary.objects).toBe(N);
  console.log(`[query-pushdown] laid out ${N} keys with putMany in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const s = servers().plain;
  proxy = await startCountingProxy(s.endpoint);
  s3 = new S3({ endpoint: proxy.endpoint, accessKey: s.accessKey, secretKey: s.secretKey, region: "us-east-1" });
}, 300_000);
afterAll(async () => {
  s3?.close();
  await proxy?.close();
  const { done } = await t.bucket.objects().recursive().remove();
  expect(done).toBe(N);
  await t.bucket.remove();
  direct.close();
}, 300_000);

const names = (xs: readonly ObjectInfo[]) => xs.map((o) => o.objectName);
const bucket = () => s3.bucket(t.name);

describe("key-range push-down (counted at a proxy)", () => {
  it(`1% of ${N} keys: one list request, where the plain listing filtered in user code sends ${N / 1000} and carries all ${N} keys`, async () => {
    const [from, to] = [key(10_000), key(10_200)];
    const t0 = performance.now();
    const ranged = await listRequests(() => bucket().objects().recursive().keyBetween(from, to).toArray());
    const rangedMs = performance.now() - t0;
    const t1 = performance.now();
    const plain = await listRequests(async () => {
      const out: ObjectInfo[] = [];
      for await (const o of bucket().objects().recursive()) if (o.objectName >= from && o.objectName < to) out.push(o);
      return out;
    });
    const plainMs = performance.now() - t1;

    expect(names(ranged.result)).toEqual(range(10_000, 10_200));
    expect(names(plain.result)).toEqual(range(10_000, 10_200));
    expect(ranged.pages.length).toBe(1); // the one page holds the stop key
    expect(keysSent(ranged.pages)).toBeLessThanOrEqual(1000);
    expect(ranged.queries[0]!.get("prefix")).toBe("k10");
    expect(ranged.queries[0]!.get("start-after")).toBe("k1000/\u{10FFFF}");
    expect(plain.pages.length).toBeGreaterThanOrEqual(N / 1000); // MinIO may confirm the end with one empty page
    expect(plain.pages.length).toBeLessThanOrEqual(N / 1000 + 1);
    expect(keysSent(plain.pages)).toBe(N);
    console.log(`[query-pushdown] keyBetween, 1% of ${N} keys: ${ranged.pages.length} list request (${keysSent(ranged.pages)} keys sent) in ${rangedMs.toFixed(0)} ms; ` +
      `plain listing filtered in user code: ${plain.pages.length} requests (${keysSent(plain.pages)} keys) in ${plainMs.toFixed(0)} ms (loaded machine)`);
  });

  it("1% in pages of 64: 4 list requests, each starting inside the range; the server sends the range and at most one page's tail past it", async () => {
    const ranged = await listRequests(() => bucket().objects().recursive().pageSize(64).keyBetween(key(10_000), key(10_200)).toArray());
    expect(names(ranged.result)).toEqual(range(10_000, 10_200));
    expect(ranged.pages.length).toBe(Math.ceil(200 / 64)); // the fourth page reaches the stop key
    // Pages in key order from just before the range: the first three carry only keys of the range.
    expect(ranged.pages.slice(0, -1).map((p) => p.keys)).toEqual([64, 64, 64]);
    expect(keysSent(ranged.pages)).toBeLessThanOrEqual(200 + 63);
    expect(ranged.queries.slice(1).every((q) => q.has("continuation-token") && q.get("prefix") === "k10")).toBe(true);
  });

  it("a range over half the keys returns what the plain listing of them does, reading ahead after four pages (timing logged)", async () => {
    const half = N / 2;
    const t0 = performance.now();
    const ranged = await listRequests(() => bucket().objects().recursive().pageSize(250).keyBetween(key(half - 1), key(N)).toArray());
    const rangedMs = performance.now() - t0;
    const t1 = performance.now();
    const plain = await listRequests(() => bucket().objects().recursive().pageSize(250).startAfter(key(half - 2)).toArray());
    const plainMs = performance.now() - t1;
    expect(names(ranged.result)).toEqual(names(plain.result));
    expect(ranged.result.length).toBe(half + 1);
    expect(ranged.pages.length).toBeLessThanOrEqual(plain.pages.length + 1); // at most one read ahead past the stop key
    console.log(`[query-pushdown] keyBetween over ${half + 1} of ${N} keys, pages of 250: ${ranged.pages.length} requests in ${rangedMs.toFixed(0)} ms ` +
      `(stop key; read-ahead after 4 pages); plain listing of them: ${plain.pages.length} requests in ${plainMs.toFixed(0)} ms (read-ahead; loaded machine)`);
  });

  it("with 1000-key pages a 50-key range is one request, and no page is read ahead past the stop key", async () => {
    const { result, pages } = await listRequests(() => bucket().objects().recursive().keyBetween(key(4321), key(4371)).toArray());
    expect(names(result)).toEqual(range(4321, 4371));
    expect(pages.length).toBe(1);
  });

  it("or of disjoint ranges: one scan each, only inside each range, results in key order", async () => {
    const { result, queries, pages } = await listRequests(() => bucket().objects().recursive().pageSize(25)
      .where((p) => p.or(p.keyBetween(key(3000), key(3030)), p.keyBetween(key(100), key(110)))).toArray());
    expect(names(result)).toEqual([...range(100, 110), ...range(3000, 3030)]);
    expect(queries.map((q) => q.get("prefix"))).toEqual(["k001", "k030", "k030"]);
    expect(queries.map((q) => q.get("start-after"))).toEqual(["k0010/\u{10FFFF}", "k0300/\u{10FFFF}", null]);
    // 10 + 25 + 25 keys: each scan's last page reaches its stop key; nothing between the ranges is listed.
    expect(keysSent(pages)).toBeLessThanOrEqual(10 + 25 + 25 + 25);
  });

  it("the V1 and versions listings stop at the stop key too", async () => {
    for (const q of [bucket().objects().recursive().apiV1(), bucket().objects().recursive().versions()]) {
      const { result, pages } = await listRequests(() => q.pageSize(10).keyBetween(key(10), key(35)).toArray());
      expect(names(result)).toEqual(range(10, 35));
      expect(pages.length).toBe(3);
    }
  });

  it("a glob with a literal head lists only under it; limit stops paging", async () => {
    const glob = await listRequests(() => bucket().objects().recursive().pageSize(100).glob("k049*").toArray());
    expect(names(glob.result)).toEqual(range(4900, 5000));
    expect(glob.pages.length).toBeLessThanOrEqual(2); // one full page, maybe one empty confirmation
    expect(glob.queries.every((q) => q.get("prefix") === "k049")).toBe(true);
    const limited = await listRequests(() => bucket().objects().recursive().limit(7).toArray());
    expect(names(limited.result)).toEqual(range(0, 7));
    expect(limited.pages.length).toBe(1);
    expect(limited.queries[0]!.get("max-keys")).toBe("7");
    // A limit with a client filter cannot shrink the pages, but still stops paging once it is met.
    const filtered = await listRequests(() => bucket().objects().recursive().pageSize(100).filter((o) => o.objectName.endsWith("7")).limit(25).toArray());
    expect(names(filtered.result)).toEqual(Array.from({ length: 25 }, (_, i) => key(10 * i + 7)));
    expect(filtered.pages.length).toBeLessThanOrEqual(4); // 25 matches are in the first 250 keys: 3 pages (+ one read ahead)
  });

  it("aggregations over the range equal brute force", async () => {
    const q = bucket().objects().recursive().keyBetween(key(1000), key(1500));
    expect(await q.count()).toBe(500);
    expect(await q.totalSize()).toBe(0);
    expect(await bucket().objects().recursive().groupByPrefix(1)).toEqual([{ prefix: "", count: N, size: 0 }]);
  });
});
