import diagnostics from "node:diagnostics_channel";
import { firstValueFrom, take, toArray } from "rxjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Minio, type ObjectInfo } from "../../lib/index.js";
import { plainClient, servers, tempBucket } from "./support.js";

const s3 = plainClient();
let t: Awaited<ReturnType<typeof tempBucket>>;
const odd = ["sp ace/a b.txt", "uni/ü日本.txt", "plus/a+b.txt", "pct/100%.txt", "nl/line\nbreak.txt", "amp/&<>\"'.txt", "tab/\t.txt"];
const many = Array.from({ length: 35 }, (_, i) => `many/k-${String(i).padStart(3, "0")}`);

/** Counts ListObjects requests the client sends to the bucket (node's http client channel). */
function countListRequests(bucket: string): { readonly count: number; stop(): void } {
  const state = { count: 0 };
  const onStart = (msg: unknown) => {
    const path = (msg as { request: { path: string } }).request.path;
    if (path.startsWith(`/${bucket}?`) && !path.includes("location")) state.count++;
  };
  diagnostics.subscribe("http.client.request.start", onStart);
  return { get count() { return state.count; }, stop: () => diagnostics.unsubscribe("http.client.request.start", onStart) };
}

beforeAll(async () => {
  t = await tempBucket(s3, "list", { objectLock: true });
  for (const k of [...odd, ...many, "top.txt"]) await t.bucket.object(k).put(k, { metadata: { tag: "t1" } });
});
afterAll(async () => {
  await t.cleanup();
  s3.close();
});

const names = (xs: ObjectInfo[]) => xs.map((o) => o.objectName);

describe("listing against MinIO", () => {
  it("recursive: every key, decoded, in order, with sizes and etags", async () => {
    const all = await t.bucket.objects().recursive().toArray();
    expect(names(all)).toEqual([...odd, ...many, "top.txt"].sort());
    const plus = all.find((o) => o.objectName === "plus/a+b.txt")!;
    expect(plus).toMatchObject({ size: "plus/a+b.txt".length, isDir: false, isDeleteMarker: false, bucketName: t.name });
    expect(plus.etag).toMatch(/^[0-9a-f]{32}$/);
    expect(plus.lastModified).toBeInstanceOf(Date);
  });

  it("without URL encoding (the server sends raw XML-escaped keys) gives the same keys", async () => {
    const all = await t.bucket.objects().recursive().urlEncoding(false).toArray();
    expect(names(all)).toEqual([...odd, ...many, "top.txt"].sort());
  });

  it("non-recursive: common prefixes as directories", async () => {
    const top = await t.bucket.objects().toArray();
    expect(top.filter((o) => o.isDir).map((o) => o.objectName)).toEqual(["amp/", "many/", "nl/", "pct/", "plus/", "sp ace/", "tab/", "uni/"]);
    expect(top.filter((o) => !o.isDir).map((o) => o.objectName)).toEqual(["top.txt"]);
    expect(names(await t.bucket.objects().prefix("sp ace/").toArray())).toEqual(["sp ace/a b.txt"]);
  });

  it("more than three pages: pageSize 10 over 35 keys, as Observable and as async iterable", async () => {
    const counter = countListRequests(t.name);
    try {
      const q = t.bucket.objects().prefix("many/").recursive().pageSize(10);
      expect(names(await firstValueFrom(q.stream().pipe(toArray())))).toEqual(many);
      expect(counter.count).toBe(4);
      const iterated: string[] = [];
      for await (const o of q) iterated.push(o.objectName);
      expect(iterated).toEqual(many);
      expect(counter.count).toBe(8);
    } finally {
      counter.stop();
    }
  });

  it("lazy: take(3) of a 4-page listing stops early — at most one page requested ahead", async () => {
    const counter = countListRequests(t.name);
    try {
      const q = t.bucket.objects().prefix("many/").recursive().pageSize(10);
      expect(names(await firstValueFrom(q.stream().pipe(take(3), toArray())))).toEqual(many.slice(0, 3));
      await new Promise((r) => setTimeout(r, 100));
      expect(counter.count).toBeLessThanOrEqual(2);
      const before = counter.count;
      for await (const o of q) {
        if (o.objectName === many[12]) break;
      }
      await new Promise((r) => setTimeout(r, 100));
      expect(counter.count - before).toBeLessThanOrEqual(3); // pages 1 and 2 consumed, page 3 at most requested
      expect(counter.count - before).toBeGreaterThanOrEqual(2);
    } finally {
      counter.stop();
    }
  });

  it("startAfter skips up to and including the key, across V2, V1 and versions", async () => {
    const v2 = await t.bucket.objects().prefix("many/").recursive().startAfter("many/k-031").toArray();
    expect(names(v2)).toEqual(many.slice(32));
    const v1 = await t.bucket.objects().prefix("many/").recursive().apiV1().startAfter("many/k-031").toArray();
    expect(names(v1)).toEqual(many.slice(32));
    const vs = await t.bucket.objects().prefix("many/").recursive().versions().startAfter("many/k-031").toArray();
    expect(names(vs)).toEqual(many.slice(32));
  });

  it("V1 pages through with markers (pageSize 10)", async () => {
    const v1 = await t.bucket.objects().recursive().apiV1().pageSize(10).toArray();
    expect(names(v1)).toEqual([...odd, ...many, "top.txt"].sort());
  });

  it("includeVersion: versions and delete markers, paged", async () => {
    const o = t.bucket.object("many/k-000");
    await o.put("second version");
    await o.remove(); // a delete marker on top
    try {
      const vs = await t.bucket.objects().prefix("many/k-00").recursive().versions().pageSize(2).toArray();
      const k0 = vs.filter((x) => x.objectName === "many/k-000");
      expect(k0).toHaveLength(3);
      expect(k0[0]).toMatchObject({ isDeleteMarker: true, isLatest: true });
      expect(k0.slice(1).every((x) => !x.isDeleteMarker && x.versionId)).toBe(true);
      expect(vs.filter((x) => x.objectName !== "many/k-000")).toHaveLength(9);
      // the plain listing no longer shows the deleted key
      expect(names(await t.bucket.objects().prefix("many/k-00").recursive().toArray())).toEqual(many.slice(1, 10));
    } finally {
      for (const v of await t.bucket.objects().prefix("many/k-000").recursive().versions().toArray()) {
        if (v.isDeleteMarker || v.size === "second version".length) await o.version(v.versionId!).remove();
      }
    }
  });

  it("includeUserMeta: MinIO returns user metadata in the listing", async () => {
    const [first] = await t.bucket.objects().prefix("top").recursive().withMetadata().toArray();
    expect(first!.objectName).toBe("top.txt");
    const meta = Object.fromEntries(Object.entries(first!.metadata ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    expect(meta["x-amz-meta-tag"]).toBe("t1");
  });

  it("a missing bucket errors the Observable with NoSuchBucket", async () => {
    await expect(firstValueFrom(s3.bucket("quarry-no-such-bucket").objects().stream())).rejects.toMatchObject({ code: "NoSuchBucket" });
  });

  it("facade listObjects mirrors the seed's options", async () => {
    const s = servers().plain;
    const minio = new Minio(s.endpoint, { accessKey: s.accessKey, secretKey: s.secretKey });
    const q = minio.listObjects(t.name, { prefix: "uni/", recursive: true, useUrlEncodingType: true });
    const out: string[] = [];
    for await (const o of q) out.push(o.objectName);
    expect(out).toEqual(["uni/ü日本.txt"]);
    const v = await firstValueFrom(minio.listObjects(t.name, { prefix: "plus/", includeVersion: true, recursive: true }).stream().pipe(toArray()));
    expect(v[0]).toMatchObject({ objectName: "plus/a+b.txt", isLatest: true });
    expect(v[0]!.versionId).toBeTruthy();
    minio.close();
  });
});
