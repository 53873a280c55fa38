import diagnostics from "node:diagnostics_channel";
import type { ClientRequest, IncomingMessage } from "node:http";
import { firstValueFrom, take, toArray } from "rxjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BucketRef, ObjectInfo } from "../../lib/index.js";
import { expectStatus, keepAliveAgent, objectPath, rawRequest, rawTarget } from "../../bench/support/raw-sign.js";
import { plainClient, servers, tempBucket } from "./support.js";

const s3 = plainClient();
const PREFIXES = 16;
const PER_PREFIX = 1250; // 16 × 1250 = 20 000 keys under prefixes
const ROOT_KEYS = ["a-root.txt", "p13.txt", "zz-root"]; // directly at the top level; "p13.txt" sorts just before "p13/"
const keyed = Array.from({ length: PREFIXES * PER_PREFIX }, (_, i) =>
  `p${String(i % PREFIXES).padStart(2, "0")}/k-${String(Math.floor(i / PREFIXES)).padStart(5, "0")}`);
let big: Awaited<ReturnType<typeof tempBucket>>;
let small: Awaited<ReturnType<typeof tempBucket>>;
// One top prefix holding everything: discovery must descend into "all/" to find 6 prefixes to scan.
const nested = [...Array.from({ length: 6 * 15 }, (_, i) => `all/d${i % 6}/k-${String(i).padStart(3, "0")}`), "all/loose.txt", "all/d3x"];

/** Runs `fn` on every item, `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

/** Records every listing request the client sends to `bucket` (node's http client channel). */
function watchListRequests(bucket: string) {
  const requests: ClientRequest[] = [];
  const onStart = (msg: unknown) => {
    const req = (msg as { request: ClientRequest }).request;
    if (req.path.startsWith(`/${bucket}?`) && !req.path.includes("location")) requests.push(req);
  };
  diagnostics.subscribe("http.client.request.start", onStart);
  return { requests, stop: () => diagnostics.unsubscribe("http.client.request.start", onStart) };
}

/** Checks that no listing request is left open and none starts later; returns how many were sent. */
async function stoppedAfterwards(watch: ReturnType<typeof watchListRequests>): Promise<number> {
  await new Promise((r) => setTimeout(r, 200));
  const sent = watch.requests.length;
  expect(watch.requests.filter(isOpen)).toHaveLength(0);
  await new Promise((r) => setTimeout(r, 300));
  expect(watch.requests.length).toBe(sent);
  return sent;
}

/** A request neither aborted nor answered in full. */
function isOpen(r: ClientRequest): boolean {
  return !r.destroyed && !(r as ClientRequest & { res?: IncomingMessage }).res?.complete;
}

const names = (xs: ObjectInfo[]) => xs.map((o) => o.objectName);
const sorted = (xs: string[]) => [...xs].sort();

async function fill(bucket: BucketRef, keys: readonly string[]): Promise<void> {
  await inParallel(keys, 32, (k) => bucket.object(k).put(""));
}

/** Deletes the bucket with everything in it in one request (MinIO's force delete), instead of 20 000 DELETEs. */
async function drop(t: Awaited<ReturnType<typeof tempBucket>>): Promise<void> {
  const s = servers().plain;
  const agent = keepAliveAgent(1);
  try {
    const target = rawTarget({ endpoint: s.endpoint, accessKey: s.accessKey, secretKey: s.secretKey, region: "us-east-1" });
    const res = await rawRequest(agent, target, { method: "DELETE", path: objectPath(t.name), headers: { "x-minio-force-delete": "true" } });
    expectStatus(res, `force-delete ${t.name}`, 204);
  } finally {
    agent.destroy();
  }
}

beforeAll(async () => {
  big = await tempBucket(s3, "fanout");
  small = await tempBucket(s3, "fanout-small");
  await Promise.all([fill(big.bucket, [...keyed, ...ROOT_KEYS]), fill(small.bucket, nested)]);
}, 180_000);
afterAll(async () => {
  await Promise.all([big && drop(big), small && drop(small)]);
  s3.close();
}, 180_000);

describe("fan-out listing against MinIO (20 000 keys in 16 prefixes)", () => {
  let sequential: string[];
  beforeAll(async () => {
    sequential = names(await big.bucket.objects().recursive().toArray());
  });

  it("the sequential listing sees all 20 003 keys (the baseline the others are held to)", () => {
    expect(sequential).toHaveLength(PREFIXES * PER_PREFIX + ROOT_KEYS.length);
    expect(sequential).toEqual(sorted([...keyed, ...ROOT_KEYS]));
  });

  it("parallel(8), unordered, as an Observable: the same keys as a set, each exactly once, root keys included", async () => {
    const out = names(await firstValueFrom(big.bucket.objects().recursive().parallel(8).stream().pipe(toArray())));
    expect(out).toHaveLength(sequential.length);
    expect(new Set(out).size).toBe(out.length);
    expect(sorted(out)).toEqual(sequential);
    for (const k of ROOT_KEYS) expect(out).toContain(k);
  });

  it("parallel(8).ordered(), with for await: exactly the sequential listing", async () => {
    const out: string[] = [];
    for await (const o of big.bucket.objects().recursive().parallel(8).ordered()) out.push(o.objectName);
    expect(out).toEqual(sequential);
  });

  it("runs several scans at once: more than one listing request is in flight at some moment", async () => {
    const watch = watchListRequests(big.name);
    let maxOpen = 0;
    const timer = setInterval(() => {
      const open = watch.requests.filter(isOpen).length;
      maxOpen = Math.max(maxOpen, open);
    }, 2);
    try {
      await big.bucket.objects().recursive().parallel(8).toArray();
    } finally {
      clearInterval(timer);
      watch.stop();
    }
    expect(maxOpen).toBeGreaterThan(2);
    // 1 discovery listing (16 prefixes ≥ 8: no descent) + 16 scans of 1 or 2 pages each
    expect(watch.requests.length).toBeGreaterThanOrEqual(17);
    expect(watch.requests.length).toBeLessThanOrEqual(1 + 16 * 2);
  });

  it("startAfter is honoured inside a prefix, at the root level and before everything", async () => {
    // inside a prefix (late, so the listing is short), between a root key and its neighbour prefix, past the end
    for (const after of ["p14/k-01000", "p13", "p15/k-99999"]) {
      const expected = sequential.filter((k) => k > after);
      const ordered = names(await big.bucket.objects().recursive().startAfter(after).parallel(8).ordered().toArray());
      expect(ordered, `startAfter ${after}`).toEqual(expected);
    }
    const unordered = names(await big.bucket.objects().recursive().startAfter("p12/k-00700").parallel(8).toArray());
    expect(sorted(unordered)).toEqual(sequential.filter((k) => k > "p12/k-00700"));
  });

  it("unsubscribing after a few keys aborts every scan: nothing left open, nothing new sent", async () => {
    const watch = watchListRequests(big.name);
    try {
      const first = await firstValueFrom(big.bucket.objects().recursive().parallel(8).pageSize(100).stream().pipe(take(5), toArray()));
      expect(first).toHaveLength(5);
      expect(await stoppedAfterwards(watch)).toBeGreaterThan(8); // discovery plus several scans had started
    } finally {
      watch.stop();
    }
  });

  it("break in for await aborts every scan too", async () => {
    const watch = watchListRequests(big.name);
    try {
      let n = 0;
      for await (const o of big.bucket.objects().recursive().parallel(8).pageSize(100)) {
        expect(o.objectName).toBeTruthy();
        if (++n === 3) break;
      }
      await stoppedAfterwards(watch);
    } finally {
      watch.stop();
    }
  });
});

describe("fan-out discovery", () => {
  it("descends into a single top prefix holding everything, and keeps keys at every level", async () => {
    const watch = watchListRequests(small.name);
    let out: string[];
    try {
      out = names(await small.bucket.objects().recursive().parallel(4).ordered().toArray());
    } finally {
      watch.stop();
    }
    expect(out).toEqual(sorted(nested));
    const prefixes = watch.requests.map((r) => new URL(r.path, "http://x").searchParams.get("prefix"));
    expect(prefixes).toContain("all/"); // the descended level
    expect(prefixes.filter((p) => /^all\/d\d\/$/.test(p ?? ""))).toHaveLength(6); // one scan per sub-prefix
  });

  it("fans out a prefix query and a versions() listing the same way", async () => {
    const q = small.bucket.objects().prefix("all/d").recursive();
    expect(sorted(names(await q.parallel(3).toArray()))).toEqual(names(await q.toArray()));
    const versions = await small.bucket.objects().recursive().versions().parallel(4).ordered().toArray();
    expect(names(versions)).toEqual(sorted(nested));
    expect(versions.every((v) => v.versionId !== undefined)).toBe(true);
  });

  it("carries the query's options into every listing: withMetadata(), apiV1(), pageSize()", async () => {
    const all = sorted(nested);
    const meta = await small.bucket.objects().recursive().withMetadata().parallel(4).ordered().toArray();
    expect(names(meta)).toEqual(all);
    expect(names(await small.bucket.objects().recursive().apiV1().pageSize(7).parallel(4).ordered().toArray())).toEqual(all);
  });

  it("a missing bucket errors the fan-out with NoSuchBucket", async () => {
    await expect(firstValueFrom(s3.bucket("quarry-no-such-bucket").objects().recursive().parallel(4).stream()))
      .rejects.toMatchObject({ code: "NoSuchBucket" });
  });

  it("explain() shows the fan-out", () => {
    expect(small.bucket.objects().recursive().parallel(8).ordered().explain().scans[0]).toMatchObject({ kind: "ListObjects", parallel: 8, ordered: true });
  });
});
