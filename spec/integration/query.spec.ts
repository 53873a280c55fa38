import diagnostics from "node:diagnostics_channel";
import { lastValueFrom, take, toArray } from "rxjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VersioningConfig, type ObjectInfo, type ObjectsQuery } from "../../lib/index.js";
import { plainClient, tempBucket } from "./support.js";

// Each predicate against a bucket laid out for it, compared with a brute-force answer computed
// here from a plain listing (plus HEAD / tags per object where the predicate needs them).
const s3 = plainClient();
let t: Awaited<ReturnType<typeof tempBucket>>;
let all: ObjectInfo[];
let mid: Date;
const meta = new Map<string, { contentType: string; camera?: string; tags: Record<string, string> }>();

const layout: string[] = [
  "top.txt", "readme.md", "tmp/x.tmp", "tmp/y.txt", "tmp/deep/z.tmp",
  "img/a.jpg", "img/b.png", "img/c.JPG", "img/sub/d.jpg", "img/sub/e.gif",
  "a/b/c/d/e.txt", "a/b/c/f.txt", "a/g.txt", "sp ace/ü日本.jpg", "plus+/x+y.log",
  ...Array.from({ length: 12 }, (_, i) => `logs/2024-0${1 + (i % 3)}-1${i % 4}/app-${i}.log`),
  ...Array.from({ length: 8 }, (_, i) => `logs/2024-0${1 + (i % 3)}-1${i % 4}/web-${i}.log`),
  ...Array.from({ length: 20 }, (_, i) => `k/${String(i).padStart(3, "0")}`),
];

function contentTypeOf(key: string): string {
  if (/\.jpe?g$/i.test(key)) return "image/jpeg";
  if (key.endsWith(".png")) return "image/png";
  if (key.endsWith(".gif")) return "image/gif";
  if (key.endsWith(".log")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

async function putAll(keys: string[], offset: number): Promise<void> {
  await Promise.all(keys.map(async (key, i) => {
    const n = offset + i;
    const contentType = contentTypeOf(key);
    const camera = n % 3 === 0 ? (n % 2 === 0 ? "Nikon D750" : "Canon R5") : undefined;
    const tags: Record<string, string> = n % 4 === 0 ? { env: "prod" } : n % 4 === 1 ? { env: "dev", team: "x" } : {};
    meta.set(key, { contentType, camera, tags });
    await t.bucket.object(key).put("x".repeat((n * 37) % 300), {
      contentType, ...(camera ? { metadata: { Camera: camera } } : {}), ...(Object.keys(tags).length ? { tags } : {}),
    });
  }));
}

beforeAll(async () => {
  t = await tempBucket(s3, "query");
  const half = Math.floor(layout.length / 2);
  await putAll(layout.slice(0, half), 0);
  await new Promise((r) => setTimeout(r, 1100));
  mid = new Date();
  await new Promise((r) => setTimeout(r, 1100));
  await putAll(layout.slice(half), half);
  all = await t.bucket.objects().recursive().toArray();
});
afterAll(async () => {
  await t.cleanup();
  s3.close();
});

const names = (xs: readonly ObjectInfo[]) => xs.map((o) => o.objectName);
const q = () => t.bucket.objects().recursive();
const brute = (f: (o: ObjectInfo) => boolean) => names(all.filter(f));
const seg = (k: string) => k.slice(k.lastIndexOf("/") + 1);

/** Counts requests the client sends to a bucket, by method ("GET ?list" vs "HEAD" vs "GET ?tagging"). */
function countRequests(bucket: string) {
  const seen: Array<{ method: string; path: string }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const onStart = (msg: unknown) => {
    const { method, path } = (msg as { request: { method: string; path: string } }).request;
    if (!path.startsWith(`/${bucket}`) || path.includes("location")) return;
    seen.push({ method, path });
    if (method === "HEAD") maxInFlight = Math.max(maxInFlight, ++inFlight);
  };
  const onFinish = (msg: unknown) => {
    const { request } = msg as { request: { method: string; path: string } };
    if (request.method === "HEAD" && request.path.startsWith(`/${bucket}`)) inFlight--;
  };
  diagnostics.subscribe("http.client.request.start", onStart);
  diagnostics.subscribe("http.client.response.finish", onFinish);
  return {
    lists: () => seen.filter((r) => r.method === "GET" && !r.path.includes("tagging") && (r.path.includes("list-type") || r.path.includes("versions") || r.path.includes("prefix"))),
    heads: () => seen.filter((r) => r.method === "HEAD"),
    tagGets: () => seen.filter((r) => r.method === "GET" && r.path.includes("tagging")),
    maxHeadsInFlight: () => maxInFlight,
    stop: () => {
      diagnostics.unsubscribe("http.client.request.start", onStart);
      diagnostics.unsubscribe("http.client.response.finish", onFinish);
    },
  };
}

describe("each predicate equals brute force over a plain listing", () => {
  const cases: Array<[string, () => ObjectsQuery, (o: ObjectInfo) => boolean]> = [
    ["keyBetween", () => q().keyBetween("img/", "logs/2024-02"), (o) => o.objectName >= "img/" && o.objectName < "logs/2024-02"],
    ["keyBetween open-ended", () => q().keyBetween("sp"), (o) => o.objectName >= "sp"],
    ["glob * stays in one level", () => q().glob("logs/*/app-*.log"), (o) => /^logs\/[^/]*\/app-[^/]*\.log$/.test(o.objectName)],
    ["glob ** crosses levels", () => q().glob("a/**/*.txt"), (o) => o.objectName.startsWith("a/") && o.objectName.endsWith(".txt")],
    ["glob on one level (a '/' listing)", () => q().glob("img/*"), (o) => /^img\/[^/]*$/.test(o.objectName)],
    ["glob with ? and a class", () => q().glob("k/0[01]?"), (o) => /^k\/0[01].$/.test(o.objectName)],
    ["name", () => q().name("*.jpg"), (o) => seg(o.objectName).endsWith(".jpg")],
    ["name with unicode", () => q().name("ü*"), (o) => seg(o.objectName).startsWith("ü")],
    ["ignore", () => q().ignore("*.tmp"), (o) => !seg(o.objectName).endsWith(".tmp")],
    ["match", () => q().match(/^logs\/2024-0[12]-1[0-2]\/web/), (o) => /^logs\/2024-0[12]-1[0-2]\/web/.test(o.objectName)],
    ["match, case-insensitive", () => q().match(/\.jpg$/i), (o) => /\.jpg$/i.test(o.objectName)],
    ["larger", () => q().larger(200), (o) => o.size! > 200],
    ["smaller with units", () => q().smaller("0.1KiB"), (o) => o.size! < 102],
    ["olderThan a Date", () => q().olderThan(mid), (o) => o.lastModified! < mid],
    ["newerThan a Date", () => q().newerThan(mid), (o) => o.lastModified! > mid],
    ["newerThan a duration", () => q().newerThan("1h"), () => true],
    ["olderThan a duration", () => q().olderThan("1h"), () => false],
    ["maxDepth(1) from the prefix", () => q().prefix("a/").maxDepth(1), (o) => o.objectName.startsWith("a/") && !o.objectName.slice(2).includes("/")],
    ["maxDepth(3)", () => q().maxDepth(3), (o) => o.objectName.split("/").length <= 3],
    ["where: or / and / not", () => q().where((p) => p.or(p.name("*.jpg"), p.and(p.larger(250), p.not(p.glob("logs/**"))))),
      (o) => seg(o.objectName).endsWith(".jpg") || (o.size! > 250 && !o.objectName.startsWith("logs/"))],
    ["or of disjoint key ranges", () => q().where((p) => p.or(p.keyBetween("k/015", "k/018"), p.keyBetween("a/", "a/c"), p.keyBetween("k/002", "k/004"))),
      (o) => (o.objectName >= "k/015" && o.objectName < "k/018") || (o.objectName >= "a/" && o.objectName < "a/c") || (o.objectName >= "k/002" && o.objectName < "k/004")],
    ["filter(fn) with other predicates", () => q().prefix("k/").filter((o) => Number(o.objectName.slice(2)) % 3 === 0).larger(50),
      (o) => o.objectName.startsWith("k/") && Number(o.objectName.slice(2)) % 3 === 0 && o.size! > 50],
  ];
  for (const [what, query, f] of cases) {
    it(what, async () => {
      const expected = brute(f);
      expect(names(await query().toArray())).toEqual(expected);
      // The same through the Observable and for await.
      expect(names(await lastValueFrom(query().stream().pipe(toArray())))).toEqual(expected);
      const viaIter: string[] = [];
      for await (const o of query()) viaIter.push(o.objectName);
      expect(viaIter).toEqual(expected);
    });
  }

  it("the case sets are not degenerate (each brute-force answer is a proper, non-empty subset, save the duration edge cases)", () => {
    const sizes = cases.map(([, , f]) => all.filter(f).length);
    expect(sizes.filter((n) => n > 0 && n < all.length).length).toBeGreaterThanOrEqual(cases.length - 2);
  });

  it("a non-recursive query filters the entries of its level, common prefixes included", async () => {
    const level = await t.bucket.objects().toArray();
    expect(names(await t.bucket.objects().keyBetween("img/", "sp").toArray())).toEqual(names(level.filter((o) => o.objectName >= "img/" && o.objectName < "sp")));
    expect(names(await t.bucket.objects().glob("*.md").toArray())).toEqual(["readme.md"]);
  });
});

describe("enrichment: content type, metadata and tags", () => {
  it("contentType: HEAD only for what the cheap filters let through, at most lookups(n) in flight", async () => {
    const counter = countRequests(t.name);
    try {
      const got = await q().contentType("image/*").name("*.jpg").lookups(2).toArray();
      expect(names(got)).toEqual(brute((o) => seg(o.objectName).endsWith(".jpg") && meta.get(o.objectName)!.contentType.startsWith("image/")));
      expect(got.every((o) => o.contentType === "image/jpeg")).toBe(true);
      expect(counter.heads().length).toBe(all.filter((o) => seg(o.objectName).endsWith(".jpg")).length);
      expect(counter.maxHeadsInFlight()).toBeLessThanOrEqual(2);
    } finally {
      counter.stop();
    }
  });

  it("contentType ignores parameters; many lookups run concurrently", async () => {
    const counter = countRequests(t.name);
    try {
      expect(names(await q().contentType("text/plain").toArray())).toEqual(brute((o) => o.objectName.endsWith(".log")));
      expect(counter.maxHeadsInFlight()).toBeGreaterThan(1);
      expect(counter.maxHeadsInFlight()).toBeLessThanOrEqual(8);
    } finally {
      counter.stop();
    }
  });

  it("metadata: bare, case-insensitive names; exact values and regexes", async () => {
    expect(names(await q().metadata({ camera: "Nikon D750" }).toArray())).toEqual(brute((o) => meta.get(o.objectName)!.camera === "Nikon D750"));
    expect(names(await q().metadata({ CAMERA: /canon|nikon/i }).toArray())).toEqual(brute((o) => meta.get(o.objectName)!.camera !== undefined));
  });

  it("tags through GetObjectTagging, only for entries the listing cannot decide", async () => {
    const counter = countRequests(t.name);
    try {
      const expected = brute((o) => o.objectName.startsWith("k/") && meta.get(o.objectName)!.tags.env === "prod");
      expect(names(await q().tags({ env: "prod" }).prefix("k/").toArray())).toEqual(expected);
      expect(counter.tagGets().length).toBe(all.filter((o) => o.objectName.startsWith("k/")).length);
      // or(name, tags): a jpg is decided by its name; only the others are looked up.
      const counter2 = countRequests(t.name);
      const got = await q().prefix("img/").where((p) => p.or(p.name("*.jpg"), p.tags({ team: /^x$/ }))).toArray();
      counter2.stop();
      expect(names(got)).toEqual(brute((o) => o.objectName.startsWith("img/") && (seg(o.objectName).endsWith(".jpg") || meta.get(o.objectName)!.tags.team === "x")));
      expect(counter2.tagGets().length).toBe(all.filter((o) => o.objectName.startsWith("img/") && !seg(o.objectName).endsWith(".jpg")).length);
    } finally {
      counter.stop();
    }
  });

  it("withMetadata(): MinIO's metadata listing answers metadata and tags with no lookups", async () => {
    const counter = countRequests(t.name);
    try {
      expect(names(await q().withMetadata().tags({ env: "dev" }).toArray())).toEqual(brute((o) => meta.get(o.objectName)!.tags.env === "dev"));
      expect(names(await q().withMetadata().metadata({ camera: /^Canon/ }).toArray())).toEqual(brute((o) => meta.get(o.objectName)!.camera === "Canon R5"));
      expect(names(await q().withMetadata().contentType("image/png").toArray())).toEqual(brute((o) => meta.get(o.objectName)!.contentType === "image/png"));
      expect(counter.heads().length + counter.tagGets().length).toBe(0);
    } finally {
      counter.stop();
    }
  });
});

describe("limit", () => {
  it("stops paging once n matches are out", async () => {
    const counter = countRequests(t.name);
    try {
      expect(names(await q().prefix("k/").pageSize(5).name("0*").limit(7).toArray())).toEqual(brute((o) => o.objectName.startsWith("k/")).slice(0, 7));
      expect(counter.lists().length).toBeLessThanOrEqual(3); // 7 matches in pages of 5: two pages, one read ahead
      expect(names(await q().limit(3).toArray())).toEqual(names(all).slice(0, 3));
    } finally {
      counter.stop();
    }
  });
});

describe("unsubscribing", () => {
  it("take(n) on a filtered, enriched stream stops the run: no lookups after the consumer has gone", async () => {
    const counter = countRequests(t.name);
    try {
      const got = await lastValueFrom(q().prefix("k/").contentType("application/*").lookups(1).stream().pipe(take(2), toArray()));
      expect(names(got)).toEqual(brute((o) => o.objectName.startsWith("k/")).slice(0, 2));
      await new Promise((r) => setTimeout(r, 200));
      expect(counter.heads().length).toBeLessThanOrEqual(3); // two answered, at most one more in flight when it stopped
    } finally {
      counter.stop();
    }
  });
});

describe("aggregations equal brute force", () => {
  it("count and totalSize", async () => {
    expect(await q().count()).toBe(all.length);
    expect(await q().prefix("logs/").totalSize()).toBe(all.filter((o) => o.objectName.startsWith("logs/")).reduce((s, o) => s + o.size!, 0));
    expect(await q().name("*.jpg").count()).toBe(brute((o) => seg(o.objectName).endsWith(".jpg")).length);
  });

  it("groupByPrefix(depth) counts from the query's prefix, sorted by prefix", async () => {
    const expected = (prefix: string, depth: number) => {
      const groups = new Map<string, { count: number; size: number }>();
      for (const o of all.filter((x) => x.objectName.startsWith(prefix))) {
        const dirs = o.objectName.slice(prefix.length).split("/").slice(0, -1).slice(0, depth);
        const g = prefix + dirs.map((d) => `${d}/`).join("");
        const e = groups.get(g) ?? { count: 0, size: 0 };
        groups.set(g, { count: e.count + 1, size: e.size + o.size! });
      }
      return [...groups].map(([p, v]) => ({ prefix: p, ...v })).sort((a, b) => (a.prefix < b.prefix ? -1 : 1));
    };
    expect(await q().groupByPrefix(1)).toEqual(expected("", 1));
    expect(await q().prefix("logs/").groupByPrefix(2)).toEqual(expected("logs/", 2));
    expect(await q().groupByPrefix(0)).toEqual([{ prefix: "", count: all.length, size: all.reduce((s, o) => s + o.size!, 0) }]);
  });

  it("newest(n) newest first, oldest(n) oldest first", async () => {
    const order = (a: ObjectInfo, b: ObjectInfo) => a.lastModified!.getTime() - b.lastModified!.getTime() || (a.objectName < b.objectName ? -1 : 1);
    const oldestFirst = [...all].sort(order);
    const newestFirst = [...all].sort((a, b) => b.lastModified!.getTime() - a.lastModified!.getTime() || (a.objectName < b.objectName ? -1 : 1));
    expect(names(await q().oldest(5))).toEqual(names(oldestFirst.slice(0, 5)));
    expect(names(await q().newest(4))).toEqual(names(newestFirst.slice(0, 4)));
    expect(names(await q().newest(1000))).toEqual(names(newestFirst));
  });

  it("an aborted signal rejects the aggregation", async () => {
    await expect(q().count({ signal: AbortSignal.abort() })).rejects.toThrow();
    await expect(q().newest(2, { signal: AbortSignal.abort() })).rejects.toThrow();
  });

  it("running() streams running values and ends at the awaited value; awaiting twice runs once", async () => {
    const agg = q().prefix("k/").count();
    const values = await lastValueFrom(agg.running().pipe(toArray()));
    expect(values).toEqual(Array.from({ length: 21 }, (_, i) => i));
    const counter = countRequests(t.name);
    try {
      const total = q().prefix("k/").totalSize();
      expect([await total, await total]).toEqual([all.filter((o) => o.objectName.startsWith("k/")).reduce((s, o) => s + o.size!, 0), await total]);
      expect(counter.lists().length).toBe(1);
    } finally {
      counter.stop();
    }
  });
});

describe("versions", () => {
  it("latest, noncurrent and deleteMarkers equal brute force over the version listing", async () => {
    const v = await tempBucket(s3, "qver");
    try {
      await v.bucket.versioning().set(new VersioningConfig(VersioningConfig.ENABLED));
      for (const k of ["a", "b", "c"]) await v.bucket.object(k).put("1");
      await v.bucket.object("a").put("22");
      await v.bucket.object("b").remove(); // a delete marker over b
      const versions = await v.bucket.objects().recursive().versions().toArray();
      const vq = () => v.bucket.objects().recursive().versions();
      const ids = (xs: ObjectInfo[]) => xs.map((o) => `${o.objectName}@${o.versionId}`);
      expect(ids(await vq().latest().toArray())).toEqual(ids(versions.filter((o) => o.isLatest && !o.isDeleteMarker)));
      expect(ids(await vq().noncurrent().toArray())).toEqual(ids(versions.filter((o) => !o.isLatest && !o.isDeleteMarker)));
      expect(ids(await vq().deleteMarkers().toArray())).toEqual(ids(versions.filter((o) => o.isDeleteMarker)));
      expect(ids(await vq().latest().toArray()).map((s) => s.split("@")[0])).toEqual(["a", "c"]);
      expect(await vq().noncurrent().count()).toBe(2);
    } finally {
      await v.cleanup();
    }
  });
});
