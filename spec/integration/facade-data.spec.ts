import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, Minio, SseCustomerKey, type Progress } from "../../lib/index.js";
import { drain, plainClient, servers, tempBucket } from "./support.js";

const s3 = plainClient();
const s = servers().plain;
const minio = new Minio(s.endpoint, { accessKey: s.accessKey, secretKey: s.secretKey });
let t: Awaited<ReturnType<typeof tempBucket>>;
let dir: string;
beforeAll(async () => {
  t = await tempBucket(s3, "fdata");
  dir = await mkdtemp(join(tmpdir(), "quarry-facade-"));
});
afterAll(async () => {
  await t.cleanup();
  await rm(dir, { recursive: true, force: true });
  minio.close();
  s3.close();
});

/** The seed's data calls by their names, with the seed's option names. */
describe("facade data path", () => {
  it("putObject with length -1 streams a multipart upload; progress and numParallelUploads are the seed's names", async () => {
    const data = randomBytes(12 * 1024 * 1024 + 5);
    const seen: Progress[] = [];
    const w = await minio.putObject(t.name, "big.bin", Readable.from([data.subarray(0, 7e6), data.subarray(7e6)]), -1, {
      partSize: 5 * 1024 * 1024, numParallelUploads: 2, progress: (p) => void seen.push(p), contentType: "application/x-big",
    });
    expect(w.etag).toMatch(/-3$/); // three parts
    expect(seen.at(-1)).toEqual({ loaded: data.length, total: null });
    const back = await drain(await minio.getObject(t.name, "big.bin"));
    expect(createHash("sha256").update(back).digest("hex")).toBe(createHash("sha256").update(data).digest("hex"));
    expect((await minio.statObject(t.name, "big.bin")).contentType).toBe("application/x-big");
  });

  it("putObject refuses other negative lengths before sending", async () => {
    await expect(minio.putObject(t.name, "x", Buffer.from("x"), -2)).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("fputObject guesses the content type; fgetObject writes the file and reports progress", async () => {
    const src = join(dir, "page.html");
    await writeFile(src, "<h1>hello</h1>");
    await minio.fputObject(t.name, "page.html", src);
    expect((await minio.statObject(t.name, "page.html")).contentType).toMatch(/^text\/html/);
    const dst = join(dir, "out", "page.html");
    const seen: Progress[] = [];
    const info = await minio.fgetObject(t.name, "page.html", dst, { progress: (p) => void seen.push(p) });
    expect(info.size).toBe(14);
    expect(await readFile(dst, "utf8")).toBe("<h1>hello</h1>");
    expect(seen.at(-1)).toEqual({ loaded: 14, total: 14 });
  });

  it("SSE-C by the seed's names is refused over plain HTTP before sending", async () => {
    const key = new SseCustomerKey(randomBytes(32));
    await expect(minio.putObject(t.name, "c", Buffer.from("c"), 1, { sse: key })).rejects.toThrow(/HTTPS/);
    await expect(minio.statObject(t.name, "page.html", { ssec: key })).rejects.toThrow(/HTTPS/);
  });

  it("SSE-C on the TLS server: put, stat and get with the key", async () => {
    const tls = servers().tls;
    const secure = new Minio(tls.endpoint, { accessKey: tls.accessKey, secretKey: tls.secretKey, transport: { ca: tls.ca } });
    const tb = await tempBucket(plainClientFor(tls), "fssec");
    try {
      const key = new SseCustomerKey(randomBytes(32));
      await secure.putObject(tb.name, "secret.txt", Buffer.from("classified"), 10, { sse: key });
      expect((await secure.statObject(tb.name, "secret.txt", { ssec: key })).size).toBe(10);
      expect((await drain(await secure.getObject(tb.name, "secret.txt", { ssec: key }))).toString()).toBe("classified");
      await expect(secure.statObject(tb.name, "secret.txt")).rejects.toMatchObject({ name: "S3Error" });
    } finally {
      await tb.cleanup();
      secure.close();
    }
  });
});

function plainClientFor(info: { endpoint: string; accessKey: string; secretKey: string; ca?: string }) {
  return new (s3.constructor as typeof import("../../lib/index.js").S3)({ endpoint: info.endpoint, accessKey: info.accessKey, secretKey: info.secretKey, transport: { ca: info.ca } });
}
