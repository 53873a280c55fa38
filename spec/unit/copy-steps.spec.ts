import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { planCompose, planCopy } from "../../lib/builders/copy-plan.js";
import type { RequestExecutor } from "../../lib/exec/executor.js";
import type { HttpRequest } from "../../lib/exec/http-request.js";
import { composeObject } from "../../lib/exec/operations/compose.js";
import { copyObject } from "../../lib/exec/operations/copy.js";
import { ComposeSource, CopySource } from "../../lib/model/copy-source.js";
import { InvalidArgumentError, SseCustomerKey } from "../../lib/index.js";

const GiB = 1024 ** 3;
const target = { bucketName: "dst", objectName: "k" };

/** A fake executor that answers by request shape and records what was sent. */
function fakeExec(sizes: Record<string, number>, failPart?: number, secure = false) {
  const sent: HttpRequest[] = [];
  const reply = (body: string, headers: Record<string, string> = {}) =>
    Object.assign(Readable.from(body === "" ? [] : [Buffer.from(body)]), { statusCode: 200, headers }) as unknown as IncomingMessage;
  const exec = {
    config: { retry: { maxAttempts: 1 }, endpoint: { secure } },
    send: async (req: HttpRequest) => {
      sent.push(req);
      const q = Object.fromEntries(req.query);
      if (req.method === "HEAD") return reply("", { "content-length": String(sizes[req.key!]), etag: `"etag-${req.key}"`, "content-type": "text/x-src", "x-amz-meta-a": "1" });
      if (req.method === "POST" && "uploads" in q) return reply("<InitiateMultipartUploadResult><UploadId>U1</UploadId></InitiateMultipartUploadResult>");
      if (req.method === "PUT" && q["partNumber"]) {
        if (Number(q["partNumber"]) === failPart) return reply("<Error><Code>AccessDenied</Code></Error>");
        return reply(`<CopyPartResult><ETag>"p${q["partNumber"]}"</ETag></CopyPartResult>`);
      }
      if (req.method === "PUT") return reply(`<CopyObjectResult><ETag>"single"</ETag></CopyObjectResult>`, { "x-amz-version-id": "v9" });
      if (req.method === "POST") return reply(`<CompleteMultipartUploadResult><ETag>"final-2"</ETag></CompleteMultipartUploadResult>`);
      return reply(""); // DELETE (abort)
    },
  } as unknown as RequestExecutor;
  const shape = () => sent.map((r) => `${r.method} ${r.key}${r.query.length ? "?" + r.query.map(([k, v]) => (v ? `${k}=${v}` : k)).join("&") : ""}${r.headers["x-amz-copy-source-range"] ? " " + r.headers["x-amz-copy-source-range"] : ""}`);
  return { exec, sent, shape };
}

describe("running copy plans (fake executor)", () => {
  it("a small source: stat, then one CopyObject with the directives", async () => {
    const { exec, sent, shape } = fakeExec({ src: 100 });
    const w = await copyObject(exec, planCopy(target, new CopySource("srcb", "src"), { metadata: { x: "y" } }), {});
    expect(w).toMatchObject({ etag: "single", versionId: "v9" });
    expect(shape()).toEqual(["HEAD src", "PUT k"]);
    expect(sent[1]!.headers).toMatchObject({ "x-amz-copy-source": "/srcb/src", "x-amz-metadata-directive": "REPLACE", "x-amz-tagging-directive": "COPY", "x-amz-meta-x": "y" });
  });

  it("a source over 5 GiB becomes a multipart copy of equal parts, pinned to the stat's ETag, carrying its metadata", async () => {
    const { exec, sent, shape } = fakeExec({ src: 6 * GiB });
    const w = await copyObject(exec, planCopy(target, new CopySource("srcb", "src"), {}), {});
    expect(w.etag).toBe("final-2");
    expect(shape()).toEqual([
      "HEAD src", "POST k?uploads", `PUT k?partNumber=1&uploadId=U1 bytes=0-${3 * GiB - 1}`, `PUT k?partNumber=2&uploadId=U1 bytes=${3 * GiB}-${6 * GiB - 1}`, "POST k?uploadId=U1",
    ]);
    expect(sent[1]!.headers).toMatchObject({ "content-type": "text/x-src", "x-amz-meta-a": "1" });
    expect(sent[2]!.headers["x-amz-copy-source-if-match"]).toBe("etag-src");
    expect(sent[4]!.body!.toString()).toContain("<Part><PartNumber>2</PartNumber><ETag>\"p2\"</ETag></Part>");
  });

  it("a failed part copy aborts the upload and rejects with the part's error", async () => {
    const { exec, shape } = fakeExec({ a: 6 * 1024 ** 2, b: 6 * 1024 ** 2, c: 10 }, 3);
    const node = planCompose(target, ["a", "b", "c"].map((k) => new ComposeSource("srcb", k)), {});
    await expect(composeObject(exec, node, {})).rejects.toMatchObject({ code: "AccessDenied" });
    expect(shape().filter((s) => !s.startsWith("PUT"))).toEqual(["HEAD a", "HEAD b", "HEAD c", "POST k?uploads", "DELETE k?uploadId=U1"]);
  });

  it("validation after the stats happens before any write", async () => {
    const { exec, shape } = fakeExec({ a: 10, b: 10 });
    await expect(composeObject(exec, planCompose(target, [new ComposeSource("srcb", "a"), new ComposeSource("srcb", "b")], {}), {})).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(shape()).toEqual(["HEAD a", "HEAD b"]);
  });

  it("customer keys over plain HTTP are refused before any request", async () => {
    const { exec, sent } = fakeExec({ a: 10 });
    const key = new SseCustomerKey(Buffer.alloc(32, 1));
    await expect(copyObject(exec, planCopy(target, new CopySource("srcb", "a"), { sse: key }), {})).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(composeObject(exec, planCompose(target, [new ComposeSource("srcb", "a", { ssec: key })], {}), {})).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(sent).toEqual([]);
  });
});
