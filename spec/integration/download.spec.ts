import { randomBytes } from "node:crypto";
import diagnostics from "node:diagnostics_channel";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import type { ClientRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, Minio, S3, SseCustomerKey } from "../../lib/index.js";
import type { Progress } from "../../lib/model/progress.js";
import { plainClient, servers, tempBucket } from "./support.js";

const MiB = 1024 * 1024;

/** Headers of every request sent for a key while `fn` runs (via diagnostics_channel). */
async function recordRequests<T>(key: string, fn: () => Promise<T>): Promise<{ result: T; requests: Array<{ method: string; headers: Record<string, unknown> }> }> {
  const requests: Array<{ method: string; headers: Record<string, unknown> }> = [];
  const onStart = (message: unknown) => {
    const req = (message as { request: ClientRequest }).request;
    if (req.path.includes(encodeURIComponent(key))) requests.push({ method: req.method, headers: req.getHeaders() });
  };
  diagnostics.subscribe("http.client.request.start", onStart);
  try {
    return { result: await fn(), requests };
  } finally {
    diagnostics.unsubscribe("http.client.request.start", onStart);
  }
}

/** Progress listener that aborts once `after` bytes have been written. */
function abortAfter(after: number) {
  const ac = new AbortController();
  return { signal: ac.signal, onProgress: (p: Progress) => void (p.loaded >= after && ac.abort()) };
}

describe("download to a file", () => {
  let s3: S3;
  let t: Awaited<ReturnType<typeof tempBucket>>;
  let dir: string;
  beforeAll(async () => {
    s3 = plainClient();
    t = await tempBucket(s3, "dl");
  });
  afterAll(async () => {
    await t.cleanup();
    s3.close();
  });
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const freshDir = async () => (dir = await mkdtemp(join(tmpdir(), "quarry-dl-")));

  it("downloads the bytes, creates parent directories, returns the stat and leaves no temp file", async () => {
    const data = randomBytes(3 * MiB + 17);
    const w = await t.bucket.object("a/full.bin").put(data);
    const root = await freshDir();
    const dest = join(root, "x", "y", "full.bin");
    const seen: Progress[] = [];
    const info = await t.bucket.object("a/full.bin").download(dest, { onProgress: (p) => seen.push(p) });
    expect(info).toMatchObject({ bucketName: t.name, objectName: "a/full.bin", size: data.length, etag: w.etag });
    expect((await readFile(dest)).equals(data)).toBe(true);
    expect(await readdir(join(root, "x", "y"))).toEqual(["full.bin"]);
    expect(seen.at(-1)).toEqual({ loaded: data.length, total: data.length });
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.loaded).toBeGreaterThanOrEqual(seen[i - 1]!.loaded);
  });

  it("an empty object downloads to an empty file", async () => {
    await t.bucket.object("empty").put(Buffer.alloc(0));
    const dest = join(await freshDir(), "empty");
    expect((await t.bucket.object("empty").download(dest)).size).toBe(0);
    expect((await stat(dest)).size).toBe(0);
  });

  it("an interrupted download keeps only the temp file; the next call resumes it with a Range request", async () => {
    const data = randomBytes(12 * MiB);
    const { etag } = await t.bucket.object("resume.bin").put(data);
    const root = await freshDir();
    const dest = join(root, "resume.bin");
    const tmp = `${dest}.${etag}.part.quarry`;
    let destSeenEarly = false;
    const abort = abortAfter(2 * MiB);
    const first = t.bucket.object("resume.bin").download(dest, {
      signal: abort.signal,
      onProgress: (p) => {
        destSeenEarly ||= existsSync(dest);
        abort.onProgress(p);
      },
    });
    await expect(first).rejects.toMatchObject({ name: "AbortError" });
    expect(destSeenEarly).toBe(false);
    expect(await readdir(root)).toEqual([`resume.bin.${etag}.part.quarry`]);
    const kept = (await stat(tmp)).size;
    expect(kept).toBeGreaterThanOrEqual(2 * MiB);
    expect(kept).toBeLessThan(data.length);

    const seen: Progress[] = [];
    const { requests } = await recordRequests("resume.bin", () => t.bucket.object("resume.bin").download(dest, { onProgress: (p) => seen.push(p) }));
    const get = requests.find((r) => r.method === "GET")!;
    expect(get.headers["range"]).toBe(`bytes=${kept}-`);
    expect(get.headers["if-match"]).toBe(`"${etag}"`);
    expect(seen[0]).toEqual({ loaded: kept, total: data.length }); // resumed bytes count as loaded
    expect(seen.at(-1)!.loaded).toBe(data.length);
    expect((await readFile(dest)).equals(data)).toBe(true);
    expect(await readdir(root)).toEqual(["resume.bin"]);
  });

  it("an existing destination is untouched by a failed download and replaced by a complete one", async () => {
    const data = randomBytes(8 * MiB);
    await t.bucket.object("replace.bin").put(data);
    const dest = join(await freshDir(), "replace.bin");
    await writeFile(dest, "old contents");
    await expect(t.bucket.object("replace.bin").download(dest, abortAfter(MiB))).rejects.toMatchObject({ name: "AbortError" });
    expect(await readFile(dest, "utf8")).toBe("old contents");
    await t.bucket.object("replace.bin").download(dest);
    expect((await readFile(dest)).equals(data)).toBe(true);
  });

  it("an object changed between attempts restarts from byte 0 instead of resuming (default temp file)", async () => {
    const o = t.bucket.object("changes.bin");
    await o.put(randomBytes(8 * MiB));
    const dest = join(await freshDir(), "changes.bin");
    await expect(o.download(dest, abortAfter(MiB))).rejects.toMatchObject({ name: "AbortError" });
    const fresh = randomBytes(8 * MiB);
    await o.put(fresh);
    const { requests } = await recordRequests("changes.bin", () => o.download(dest));
    expect(requests.find((r) => r.method === "GET")!.headers["range"]).toBeUndefined();
    expect((await readFile(dest)).equals(fresh)).toBe(true);
  });

  it("an object changed between attempts restarts from byte 0 with a custom tmpFilePath too", async () => {
    const o = t.bucket.object("changes2.bin");
    await o.put(randomBytes(8 * MiB));
    const root = await freshDir();
    const dest = join(root, "out.bin");
    const tmpFilePath = join(root, "partial");
    await expect(o.download(dest, { tmpFilePath, ...abortAfter(MiB) })).rejects.toMatchObject({ name: "AbortError" });
    expect((await readdir(root)).sort()).toEqual(["partial", "partial.etag"]);
    const fresh = randomBytes(6 * MiB);
    await o.put(fresh);
    const { requests } = await recordRequests("changes2.bin", () => o.download(dest, { tmpFilePath }));
    expect(requests.find((r) => r.method === "GET")!.headers["range"]).toBeUndefined();
    expect((await readFile(dest)).equals(fresh)).toBe(true);
    expect(await readdir(root)).toEqual(["out.bin"]);
  });

  it("a custom tmpFilePath resumes the same object", async () => {
    const data = randomBytes(8 * MiB);
    const o = t.bucket.object("custom.bin");
    await o.put(data);
    const root = await freshDir();
    const dest = join(root, "custom.bin");
    const tmpFilePath = join(root, "sub", "custom.tmp");
    await mkdir(join(root, "sub"));
    await expect(o.download(dest, { tmpFilePath, ...abortAfter(MiB) })).rejects.toMatchObject({ name: "AbortError" });
    const kept = (await stat(tmpFilePath)).size;
    const { requests } = await recordRequests("custom.bin", () => o.download(dest, { tmpFilePath }));
    expect(requests.find((r) => r.method === "GET")!.headers["range"]).toBe(`bytes=${kept}-`);
    expect((await readFile(dest)).equals(data)).toBe(true);
  });

  it("refuses a directory destination before any request", async () => {
    const root = await freshDir();
    const { requests } = await recordRequests("whatever", () => expect(t.bucket.object("whatever").download(root)).rejects.toBeInstanceOf(InvalidArgumentError));
    expect(requests).toEqual([]);
    await expect(() => t.bucket.object("x").download(join(root, "f"), { requestHeaders: { Range: "bytes=0-1" } })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("downloads a given version (fluent and facade fgetObject)", async () => {
    const v = await tempBucket(s3, "dlver", { objectLock: true });
    const s = servers().plain;
    const minio = new Minio(s.endpoint, { accessKey: s.accessKey, secretKey: s.secretKey });
    try {
      const o = v.bucket.object("doc");
      const one = await o.put("version one");
      await o.put("version two!");
      const root = await freshDir();
      const info = await o.version(one.versionId!).download(join(root, "a"));
      expect(info.versionId).toBe(one.versionId);
      expect(await readFile(join(root, "a"), "utf8")).toBe("version one");
      const seen: Progress[] = [];
      const viaFacade = await minio.fgetObject(v.name, "doc", join(root, "b"), { versionId: one.versionId!, progress: (p) => seen.push(p) });
      expect(viaFacade.size).toBe(11);
      expect(await readFile(join(root, "b"), "utf8")).toBe("version one");
      expect(seen.at(-1)).toEqual({ loaded: 11, total: 11 });
      await minio.fgetObject(v.name, "doc", join(root, "c"));
      expect(await readFile(join(root, "c"), "utf8")).toBe("version two!");
    } finally {
      minio.close();
      await v.cleanup();
    }
  });

  it("SSE-C (TLS server): the key is sent on the stat and every GET, including a resumed one", async () => {
    const tls = servers().tls;
    const secure = new S3({ endpoint: tls.endpoint, accessKey: tls.accessKey, secretKey: tls.secretKey, transport: { ca: tls.ca } });
    const e = await tempBucket(secure, "dlssec");
    try {
      const ssec = new SseCustomerKey(randomBytes(32));
      const data = randomBytes(8 * MiB);
      const o = e.bucket.object("secret.bin");
      await o.put(data, { sse: ssec });
      const root = await freshDir();
      const dest = join(root, "secret.bin");
      await expect(o.download(dest)).rejects.toMatchObject({ name: "S3Error" });
      expect(await readdir(root)).toEqual([]);
      await expect(o.download(dest, { ssec, ...abortAfter(MiB) })).rejects.toMatchObject({ name: "AbortError" });
      const { requests } = await recordRequests("secret.bin", () => o.download(dest, { ssec }));
      expect(requests.map((r) => r.headers["x-amz-server-side-encryption-customer-key-md5"])).toEqual([expect.any(String), expect.any(String)]);
      expect(requests[1]!.headers["range"]).toMatch(/^bytes=[1-9]\d*-$/);
      expect((await readFile(dest)).equals(data)).toBe(true);
    } finally {
      await e.cleanup();
      secure.close();
    }
  });
});

