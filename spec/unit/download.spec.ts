import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { planDownload } from "../../lib/builders/download-plan.js";
import { S3Error } from "../../lib/errors.js";
import type { RequestExecutor } from "../../lib/exec/executor.js";
import type { HttpRequest } from "../../lib/exec/http-request.js";
import { downloadObject } from "../../lib/exec/operations/download.js";
import type { Progress } from "../../lib/model/progress.js";
import { SseCustomerKey } from "../../lib/model/sse.js";

/** One scripted server answer: headers of a HEAD, or a GET body (206 when `start` is given). */
type Answer = { etag: string; size: number; body?: Buffer; start?: number; status?: number } | S3Error;

/** A fake executor answering HEAD/GET from a script, recording what was asked. */
function fakeExecutor(script: Answer[]) {
  const asked: HttpRequest[] = [];
  const exec = {
    config: { retry: { maxAttempts: 2, baseDelayMs: 1 } },
    async send(req: HttpRequest) {
      asked.push(req);
      const a = script.shift();
      if (a === undefined) throw new Error(`unscripted ${req.method}`);
      if (a instanceof S3Error) throw a;
      const body = a.body ?? Buffer.alloc(0);
      const res = Object.assign(Readable.from(body.length ? [body] : []), {
        statusCode: a.status ?? (a.start !== undefined ? 206 : 200),
        headers: {
          etag: `"${a.etag}"`,
          "content-length": String(req.method === "HEAD" ? a.size : body.length),
          ...(a.start !== undefined ? { "content-range": `bytes ${a.start}-${a.size - 1}/${a.size}` } : {}),
        },
      });
      return res;
    },
  };
  return { exec: exec as unknown as RequestExecutor, asked };
}

const target = { bucketName: "b", objectName: "k" };
let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("downloadObject (scripted server)", () => {
  it("explain(): the node is plain data; the customer key shows as its MD5 only", () => {
    const node = planDownload({ ...target, versionId: "v1" }, "/tmp/x", { ssec: new SseCustomerKey(Buffer.alloc(32, 1)), tmpFilePath: "/tmp/x.t", requestHeaders: { "X-A": "1" } });
    expect(JSON.parse(JSON.stringify(node))).toEqual({
      kind: "DownloadObject", bucket: "b", key: "k", versionId: "v1", filePath: "/tmp/x", tmpFilePath: "/tmp/x.t",
      headers: { "x-a": "1" }, query: {}, ssec: { type: "SSE-C", keyMd5: expect.any(String) },
    });
    expect(Object.isFrozen(node)).toBe(true);
  });

  it("an object that changes between the stat and the GET (412) restarts with the new etag", async () => {
    dir = await mkdtemp(join(tmpdir(), "quarry-dlu-"));
    const dest = join(dir, "f");
    const fresh = Buffer.from("new content");
    const { exec, asked } = fakeExecutor([
      { etag: "e1", size: 5 },
      new S3Error({ code: "PreconditionFailed", message: "changed", status: 412 }),
      { etag: "e2", size: fresh.length },
      { etag: "e2", size: fresh.length, body: fresh },
    ]);
    const info = await downloadObject(exec, planDownload(target, dest, {}), {});
    expect(info.etag).toBe("e2");
    expect(await readFile(dest, "utf8")).toBe("new content");
    expect(asked.map((r) => `${r.method} ${r.headers["if-match"] ?? ""}`)).toEqual(['HEAD ', 'GET "e1"', "HEAD ", 'GET "e2"']);
    expect(await readdir(dir)).toEqual(["f"]);
  });

  it("a server that ignores the Range gets the whole body written from byte 0; progress never goes back", async () => {
    dir = await mkdtemp(join(tmpdir(), "quarry-dlu-"));
    const dest = join(dir, "f");
    await writeFile(`${dest}.e1.part.quarry`, "0123");
    const whole = Buffer.from("0123456789");
    const { exec, asked } = fakeExecutor([{ etag: "e1", size: 10 }, { etag: "e1", size: 10, body: whole }]);
    const seen: Progress[] = [];
    await downloadObject(exec, planDownload(target, dest, {}), { progress: (p) => seen.push(p) });
    expect(asked[1]!.headers["range"]).toBe("bytes=4-");
    expect(await readFile(dest, "utf8")).toBe("0123456789");
    expect(seen.map((p) => p.loaded)).toEqual([4, 10]);
  });

  it("a temp file longer than the object is not resumed", async () => {
    dir = await mkdtemp(join(tmpdir(), "quarry-dlu-"));
    const dest = join(dir, "f");
    await writeFile(`${dest}.e1.part.quarry`, "0123456789abc");
    const { exec, asked } = fakeExecutor([{ etag: "e1", size: 3 }, { etag: "e1", size: 3, body: Buffer.from("xyz") }]);
    await downloadObject(exec, planDownload(target, dest, {}), {});
    expect(asked[1]!.headers["range"]).toBeUndefined();
    expect(await readFile(dest, "utf8")).toBe("xyz");
  });

  it("a complete temp file is renamed without a GET", async () => {
    dir = await mkdtemp(join(tmpdir(), "quarry-dlu-"));
    const dest = join(dir, "f");
    await writeFile(`${dest}.e1.part.quarry`, "abc");
    const { exec, asked } = fakeExecutor([{ etag: "e1", size: 3 }]);
    await downloadObject(exec, planDownload(target, dest, {}), {});
    expect(asked.map((r) => r.method)).toEqual(["HEAD"]);
    expect(await readFile(dest, "utf8")).toBe("abc");
  });

  it("a body longer than the stat size fails and never creates the destination", async () => {
    dir = await mkdtemp(join(tmpdir(), "quarry-dlu-"));
    const dest = join(dir, "f");
    const { exec } = fakeExecutor([{ etag: "e1", size: 3 }, { etag: "e1", size: 3, body: Buffer.from("abcdef") }]);
    await expect(downloadObject(exec, planDownload(target, dest, {}), {})).rejects.toThrow(/more than/);
    expect(await readdir(dir)).toEqual(["f.e1.part.quarry"]);
  });

  it("a short body is retried from where it stopped, then fails once the retries are used up", async () => {
    dir = await mkdtemp(join(tmpdir(), "quarry-dlu-"));
    const dest = join(dir, "f");
    const { exec, asked } = fakeExecutor([
      { etag: "e1", size: 6 },
      { etag: "e1", size: 6, body: Buffer.from("abc") },
      { etag: "e1", size: 6, body: Buffer.from("de"), start: 3 },
      { etag: "e1", size: 6, body: Buffer.alloc(0), start: 5 },
    ]);
    // maxAttempts (2) consecutive failures without progress end it; progress resets the count.
    await expect(downloadObject(exec, planDownload(target, dest, {}), {})).rejects.toMatchObject({ name: "NetworkError", code: "ESHORTBODY" });
    expect(asked.slice(1).map((r) => r.headers["range"])).toEqual([undefined, "bytes=3-", "bytes=5-"]);
    expect(await readFile(`${dest}.e1.part.quarry`, "utf8")).toBe("abcde");
    expect(await readdir(dir)).toEqual(["f.e1.part.quarry"]);
  });

  it("an error thrown by the progress listener fails the download as is (not retried as a network error)", async () => {
    dir = await mkdtemp(join(tmpdir(), "quarry-dlu-"));
    const dest = join(dir, "f");
    const { exec, asked } = fakeExecutor([{ etag: "e1", size: 3 }, { etag: "e1", size: 3, body: Buffer.from("abc") }]);
    const boom = new Error("listener failed");
    const progress = (p: Progress) => {
      if (p.loaded > 0) throw boom;
    };
    await expect(downloadObject(exec, planDownload(target, dest, {}), { progress })).rejects.toBe(boom);
    expect(asked).toHaveLength(2);
    expect(await readdir(dir)).toEqual(["f.e1.part.quarry"]);
  });
});

