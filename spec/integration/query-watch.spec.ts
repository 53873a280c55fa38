import diagnostics from "node:diagnostics_channel";
import type { Observable, Subscription } from "rxjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { InvalidArgumentError, type BucketRef, type ObjectInfo } from "../../lib/index.js";
import { countingListener } from "../support/counting-listener.js";
import { startControlProxy } from "../support/control-proxy.js";
import { plainClient, servers, tempBucket } from "./support.js";

// q.watch() on the real server: new matches from bucket notifications, filtered by the same
// compiled predicates as a listing (HEAD lookups included), limit, and connection teardown.
const s3 = plainClient();
let bucket: BucketRef;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ bucket, cleanup } = await tempBucket(s3, "qwatch"));
});
afterAll(async () => {
  await cleanup();
});

function recorder(values$: Observable<ObjectInfo>) {
  const state = { values: [] as ObjectInfo[], error: undefined as unknown, completed: false, sub: undefined as unknown as Subscription };
  state.sub = values$.subscribe({
    next: (o) => state.values.push(o),
    error: (e: unknown) => (state.error = e),
    complete: () => (state.completed = true),
  });
  return state;
}
type Recorder = ReturnType<typeof recorder>;

/** Puts matching probes `<base>-<i><ext>` until one arrives: the listener is live from then on. */
async function untilLive(rec: Recorder, base: string, ext: string, put: (key: string) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const key = `${base}-${i}${ext}`;
    await put(key);
    const deadline = Date.now() + 300;
    while (Date.now() < deadline) {
      if (rec.values.some((o) => o.objectName === key)) return;
      if (rec.error !== undefined) throw rec.error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  throw new Error(`watch never delivered ${base}`);
}

const names = (xs: readonly ObjectInfo[]) => xs.map((o) => o.objectName);
const withoutProbes = (xs: readonly ObjectInfo[]) => xs.filter((o) => !o.objectName.includes("probe-"));

async function proxied() {
  const url = new URL(servers().plain.endpoint);
  const proxy = await startControlProxy({ host: url.hostname, port: Number(url.port) });
  const client = plainClient({ endpoint: proxy.endpoint, region: "us-east-1" });
  return { proxy, via: client.bucket(bucket.name) };
}

describe("ObjectsQuery.watch", () => {
  it("emits exactly the new matches, with their fields; contentType and metadata come from the record, no HEAD", async () => {
    const q = bucket.objects().prefix("w1/").recursive().name("*.jpg").larger(2).contentType("image/*").metadata({ camera: /^x/ });
    expect(q.explainWatch().listen).toMatchObject({ prefix: "w1/", suffix: ".jpg", events: ["s3:ObjectCreated:*"] });
    let heads = 0;
    const onStart = (msg: unknown) => {
      const req = (msg as { request: { method: string; path: string } }).request;
      if (req.method === "HEAD" && req.path.includes("/w1/")) heads++;
    };
    diagnostics.subscribe("http.client.request.start", onStart);
    const rec = recorder(q.watch());
    const jpeg = (key: string, body = "jpeg") => bucket.object(key).put(body, { contentType: "image/jpeg", metadata: { camera: "x1" } });
    try {
      await untilLive(rec, "w1/probe", ".jpg", (k) => jpeg(k));
      const a = await bucket.object("w1/a.jpg").put("aaaa", { contentType: "image/jpeg", metadata: { camera: "x100" } });
      await bucket.object("w1/b.txt").put("not a jpg name", { contentType: "image/jpeg" });
      await bucket.object("w1/c.jpg").put("a text file named .jpg", { contentType: "text/plain", metadata: { camera: "x1" } }); // the record's type tells
      await bucket.object("w1/c2.jpg").put("another camera", { contentType: "image/jpeg", metadata: { camera: "canon" } }); // the record's metadata tells
      await bucket.object("w1/d.jpg").put("d", { contentType: "image/png" }); // too small
      await bucket.object("other/f.jpg").put("outside the prefix", { contentType: "image/jpeg" });
      const e = await bucket.object("w1/sub/e.jpg").put("eeeee", { contentType: "image/png", metadata: { camera: "x2" } });
      await jpeg("w1/zz-end.jpg", "the end");
      await vi.waitFor(() => expect(names(rec.values)).toContain("w1/zz-end.jpg"), { timeout: 5_000, interval: 20 });
      expect(rec.error).toBeUndefined();
      const got = withoutProbes(rec.values);
      expect(names(got)).toEqual(["w1/a.jpg", "w1/sub/e.jpg", "w1/zz-end.jpg"]);
      const [oa, oe] = got;
      expect(oa).toMatchObject({ bucketName: bucket.name, objectName: "w1/a.jpg", size: 4, etag: a.etag, contentType: "image/jpeg", isDir: false, isDeleteMarker: false });
      expect(oe).toMatchObject({ objectName: "w1/sub/e.jpg", size: 5, etag: e.etag, contentType: "image/png" });
      expect(oa.metadata?.["X-Amz-Meta-Camera"]).toBe("x100"); // the record carries the user metadata
      expect(oa.lastModified).toBeInstanceOf(Date);
      expect(Math.abs(oa.lastModified!.getTime() - Date.now())).toBeLessThan(60_000);
      expect(rec.completed).toBe(false);
      expect(heads).toBe(0);
    } finally {
      rec.sub.unsubscribe();
      diagnostics.unsubscribe("http.client.request.start", onStart);
    }
  });

  it("a non-recursive query sees keys one level below its prefix only", async () => {
    const rec = recorder(bucket.objects().prefix("w2/").watch());
    try {
      await untilLive(rec, "w2/probe", "", (k) => bucket.object(k).put("p"));
      await bucket.object("w2/deep/x").put("two levels down");
      await bucket.object("w2/a").put("one level");
      await bucket.object("w2/deep/y").put("two levels down");
      await bucket.object("w2/z-end").put("end");
      await vi.waitFor(() => expect(names(rec.values)).toContain("w2/z-end"), { timeout: 5_000, interval: 20 });
      expect(names(withoutProbes(rec.values))).toEqual(["w2/a", "w2/z-end"]);
    } finally {
      rec.sub.unsubscribe();
    }
  });

  it("filter() and tags() run on each record (tags by a GetObjectTagging lookup)", async () => {
    const q = bucket.objects().prefix("w3/").recursive().where((p) => p.or(p.name("probe-*"), p.tags({ keep: "yes" }))).filter((o) => !o.objectName.endsWith(".skip"));
    const rec = recorder(q.watch());
    try {
      await untilLive(rec, "w3/probe", "", (k) => bucket.object(k).put("p"));
      await bucket.object("w3/t1").put("tagged", { tags: { keep: "yes" } });
      await bucket.object("w3/t2").put("tagged otherwise", { tags: { keep: "no" } });
      await bucket.object("w3/t3.skip").put("tagged but filtered out", { tags: { keep: "yes" } });
      await bucket.object("w3/t4").put("tagged", { tags: { keep: "yes" } });
      await vi.waitFor(() => expect(names(rec.values)).toContain("w3/t4"), { timeout: 5_000, interval: 20 });
      expect(names(withoutProbes(rec.values))).toEqual(["w3/t1", "w3/t4"]);
      expect(withoutProbes(rec.values)[0].userTags).toEqual({ keep: "yes" });
    } finally {
      rec.sub.unsubscribe();
    }
  });

  it("lookups run at most lookups(n) at once, and matches keep event order", async () => {
    const heads = { inFlight: 0, max: 0, total: 0 };
    const started = new WeakSet<object>();
    const onStart = (msg: unknown) => {
      const req = (msg as { request: { method: string; path: string } }).request;
      if (req.method === "GET" && req.path.includes("/w6/") && req.path.includes("tagging")) {
        started.add(req);
        heads.total++;
        heads.max = Math.max(heads.max, ++heads.inFlight);
      }
    };
    const onEnd = (msg: unknown) => {
      if (started.has((msg as { request: object }).request)) heads.inFlight--;
    };
    diagnostics.subscribe("http.client.request.start", onStart);
    diagnostics.subscribe("http.client.response.finish", onEnd);
    const rec = recorder(bucket.objects().prefix("w6/").recursive().where((p) => p.or(p.name("probe-*"), p.tags({ kind: "img" }))).lookups(2).watch());
    try {
      await untilLive(rec, "w6/probe", "", (k) => bucket.object(k).put("p"));
      const keys = Array.from({ length: 12 }, (_, i) => `w6/k${String(i).padStart(2, "0")}`);
      const kind = (k: string) => (Number(k.slice(-2)) % 3 === 0 ? "text" : "img");
      const expected = keys.filter((k) => kind(k) === "img");
      // One after the other: matches come out in event order.
      for (const k of keys) await bucket.object(k).put("x", { tags: { kind: kind(k) } });
      await vi.waitFor(() => expect(names(withoutProbes(rec.values))).toEqual(expected), { timeout: 5_000, interval: 20 });
      // A burst: lookups queue behind the bound.
      rec.values.length = 0;
      const burst = keys.map((k) => k.replace("/k", "/b"));
      await Promise.all(burst.map((k) => bucket.object(k).put("x", { tags: { kind: kind(k) } })));
      await vi.waitFor(() => expect(names(rec.values).sort()).toEqual(expected.map((k) => k.replace("/k", "/b"))), { timeout: 5_000, interval: 20 });
      expect(heads.total).toBe(2 * keys.length); // probes match by name: no lookup
      expect(heads.max).toBeGreaterThanOrEqual(1);
      expect(heads.max).toBeLessThanOrEqual(2);
      console.log(`[query-watch] a burst of ${burst.length} events with lookups(2): at most ${heads.max} tag lookups in flight`);
    } finally {
      rec.sub.unsubscribe();
      diagnostics.unsubscribe("http.client.request.start", onStart);
      diagnostics.unsubscribe("http.client.response.finish", onEnd);
    }
  });

  it("limit(n) completes after n matches and closes the connection", async () => {
    const { proxy, via } = await proxied();
    try {
      const rec = recorder(via.objects().prefix("w4/").recursive().limit(2).watch());
      await untilLive(rec, "w4/probe", "", (k) => bucket.object(k).put("p"));
      expect(proxy.open).toBe(1);
      expect(rec.completed).toBe(false);
      await bucket.object("w4/second").put("2");
      await vi.waitFor(() => expect(rec.completed).toBe(true), { timeout: 5_000, interval: 20 });
      expect(rec.values).toHaveLength(2);
      expect(rec.values[1].objectName).toBe("w4/second");
      await vi.waitFor(() => expect(proxy.open).toBe(0), { timeout: 2_000, interval: 5 });
    } finally {
      await proxy.close();
    }
  });

  it("unsubscribing (or aborting its signal) closes the connection at once", async () => {
    const { proxy, via } = await proxied();
    try {
      const rec = recorder(via.objects().prefix("w5/").recursive().watch());
      await untilLive(rec, "w5/probe", "", (k) => bucket.object(k).put("p"));
      expect(proxy.open).toBe(1);
      rec.sub.unsubscribe();
      await vi.waitFor(() => expect(proxy.open).toBe(0), { timeout: 1_000, interval: 5 });

      const ac = new AbortController();
      const rec2 = recorder(via.objects().prefix("w5/").recursive().watch({ signal: ac.signal }));
      await untilLive(rec2, "w5/probe2", "", (k) => bucket.object(k).put("p"));
      ac.abort();
      await vi.waitFor(() => expect(proxy.open).toBe(0), { timeout: 1_000, interval: 5 });
      expect((rec2.error as Error).name).toBe("AbortError");
      expect(proxy.connections).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it("refuses bad predicates and options when the query is built, before any connection", async () => {
    const counter = await countingListener();
    try {
      const b = plainClient({ endpoint: counter.endpoint, region: "us-east-1" }).bucket("any");
      const before = counter.requests();
      expect(() => b.objects().name("[").watch()).toThrow(InvalidArgumentError);
      expect(() => b.objects().larger(-1).watch()).toThrow(InvalidArgumentError);
      expect(() => b.objects().watch({ events: ["ObjectCreated"] as never })).toThrow(InvalidArgumentError);
      expect(() => b.objects().versions().latest().watch()).toThrow(InvalidArgumentError);
      expect(counter.requests()).toBe(before);
      expect(counter.connections()).toBe(0);
    } finally {
      await counter.close();
    }
  });
});
