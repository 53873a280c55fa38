import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ObjectInfo } from "../../lib/index.js";
import { compareUtf8 } from "../../lib/xml/listing-values.js";
import { listRequests } from "../support/list-requests.js";
import { plainClient, tempBucket } from "./support.js";

// Stop keys in fan-out sub-scans: a key range over ~1% of the keys with parallel(n) sends list
// requests only for prefixes that intersect the range, and returns what the sequential query does.
// Layout: 20 top prefixes × 10 sub-prefixes × 10 keys = 2000 keys, "p07/d8/k05".
const s3 = plainClient();
let t: Awaited<ReturnType<typeof tempBucket>>;
const keys: string[] = [];
for (let p = 0; p < 20; p++) for (let d = 0; d < 10; d++) for (let k = 0; k < 10; k++) keys.push(`p${String(p).padStart(2, "0")}/d${d}/k${String(k).padStart(2, "0")}`);
const FROM = "p07/d8/k05";
const TO = "p08/d1/k05";
const inRange = keys.filter((k) => compareUtf8(k, FROM) >= 0 && compareUtf8(k, TO) < 0).sort(compareUtf8);

async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

beforeAll(async () => {
  t = await tempBucket(s3, "fanstop");
  await inParallel(keys, 32, (k) => t.bucket.object(k).put(""));
}, 300_000);
afterAll(async () => {
  await inParallel(keys, 32, (k) => t.bucket.object(k).remove());
  await t.bucket.remove();
  s3.close();
}, 300_000);

const names = (xs: readonly ObjectInfo[]) => xs.map((o) => o.objectName);
const prefixes = (qs: readonly URLSearchParams[]) => qs.map((q) => q.get("prefix") ?? "").sort();
/** Whether some key under `prefix` lies in [FROM, TO), by brute force over the bucket's keys. */
const intersects = (prefix: string) => keys.some((k) => k.startsWith(prefix) && compareUtf8(k, FROM) >= 0 && compareUtf8(k, TO) < 0);

describe("fan-out honours the scan's key interval", () => {
  it(`keyBetween over ${inRange.length} of ${keys.length} keys with parallel(8): discovery descends only into prefixes inside the range`, async () => {
    const q = t.bucket.objects().recursive().keyBetween(FROM, TO);
    const seq = await listRequests(t.name, () => q.toArray());
    const par = await listRequests(t.name, () => q.parallel(8).toArray());
    expect(names(seq.result)).toEqual(inRange);
    expect([...names(par.result)].sort(compareUtf8)).toEqual(inRange);
    // The range "p0 … [p07/d8/k05, p08/d1/k05)": the level under "p0" (p07/, p08/; stops at p08/…),
    // then p07/ (d8/, d9/) and p08/ (d0/, d1/), then those four levels hold the keys.
    expect(prefixes(par.queries)).toEqual(["p0", "p07/", "p07/d8/", "p07/d9/", "p08/", "p08/d0/", "p08/d1/"]);
    for (const p of prefixes(par.queries).slice(1)) expect(intersects(p), p).toBe(true);
    console.log(`[fanout-stop-keys] keyBetween over ${inRange.length}/${keys.length} keys: sequential ${seq.queries.length} list requests, parallel(8) ${par.queries.length} (all inside the range)`);
  });

  it("parallel(2) scans recursive sub-prefixes with clipped startAfter / stop keys, pages stop at the stop key", async () => {
    const q = t.bucket.objects().recursive().keyBetween(FROM, TO).pageSize(5);
    const par = await listRequests(t.name, () => q.parallel(2).ordered().toArray());
    const seq = await listRequests(t.name, () => q.toArray());
    expect(names(par.result)).toEqual(names(seq.result));
    expect(names(par.result)).toEqual(inRange);
    // The level under "p0", then p07/ from just before FROM and p08/ up to TO: 15 keys each in
    // pages of 5, and at most one page more each to see the end or the stop key (without the
    // clipping, p08/ alone would page through its 100 keys).
    const scans = par.queries.filter((x) => x.get("delimiter") === null);
    expect(scans.map((x) => x.get("prefix")).every((p) => p === "p07/" || p === "p08/")).toBe(true);
    expect(scans.filter((x) => x.get("prefix") === "p07/")[0].get("start-after")).toMatch(/^p07\/d8\/k04/);
    expect(scans.length).toBeLessThanOrEqual(8);
    expect(par.queries.length).toBeLessThanOrEqual(9);
  });

  it("a range with a start key only, and one with a stop key only, equal the sequential query; nothing at or after the stop key is listed", async () => {
    for (const [q, to] of [
      [t.bucket.objects().recursive().keyBetween("p18/d7/k03"), undefined],
      [t.bucket.objects().recursive().keyBetween("", "p01/d2/k07"), "p01/d2/k07"],
      [t.bucket.objects().recursive().startAfter("p15/d9/k09").keyBetween("", "p17/d0/k01"), "p17/d0/k01"],
    ] as const) {
      const seq = await q.toArray();
      const par = await listRequests(t.name, () => q.parallel(8).ordered().toArray());
      expect(names(par.result)).toEqual(names(seq));
      expect(seq.length).toBeGreaterThan(0);
      if (to !== undefined) for (const p of prefixes(par.queries)) expect(compareUtf8(p, to), `listed ${p}`).toBeLessThan(0);
    }
  });
});