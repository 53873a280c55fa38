/**
 * Pure pieces of the recovery machinery: the resume window and its continuation request,
 * the progress-refilled budget, the multipart ETag that confirms a lost Complete, and the
 * part-refill rule.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { compileRequest } from "../../lib/exec/compile.js";
import { multipartETag } from "../../lib/exec/operations/multipart-recovery.js";
import { PartRefills } from "../../lib/exec/operations/part-refills.js";
import { bodyWindow, continuationNode } from "../../lib/exec/operations/resumable-get.js";
import { Readable } from "node:stream";
import { bodyError, readBody } from "../../lib/exec/read-body.js";
import { ResumeBudget } from "../../lib/exec/retry.js";
import { NetworkError } from "../../lib/exec/transport.js";
import { InvalidArgumentError } from "../../lib/errors.js";
import type { GetObjectNode } from "../../lib/plan/nodes.js";

const node: GetObjectNode = { kind: "GetObject", bucket: "b", key: "k", headers: {}, query: {} };
const response = (statusCode: number, headers: Record<string, string>) => ({ statusCode, headers }) as unknown as IncomingMessage;

describe("resume window and continuation", () => {
  it("a whole-object 200 resumes open-ended, pinned with If-Match and the version id", () => {
    const w = bodyWindow(response(200, { etag: '"abc"', "content-length": "1000", "x-amz-version-id": "v1" }), node);
    expect(w).toEqual({ start: 0, end: 999, etag: '"abc"', versionId: "v1" });
    const req = compileRequest(continuationNode(node, w, 400));
    expect(req.headers).toMatchObject({ range: "bytes=400-", "if-match": '"abc"' });
    expect(req.query).toContainEqual(["versionId", "v1"]);
  });

  it("a range resumes within the range; a caller's own If-Match is kept; weak ETags and null versions do not pin", () => {
    const ranged: GetObjectNode = { ...node, range: { offset: 100, length: 50 }, headers: { "If-Match": '"mine"' } };
    const w = bodyWindow(response(206, { etag: 'W/"weak"', "content-range": "bytes 100-149/1000", "x-amz-version-id": "null" }), ranged);
    expect(w).toEqual({ start: 100, end: 149, etag: undefined, versionId: undefined });
    const req = compileRequest(continuationNode(ranged, w, 120));
    expect(req.headers["range"]).toBe("bytes=120-149");
    expect(req.headers["If-Match"]).toBe('"mine"');
    expect(req.headers["if-match"]).toBeUndefined();
  });

  it("a body of unknown length is not resumable (no end)", () => {
    expect(bodyWindow(response(200, { etag: '"abc"' }), node).end).toBeUndefined();
  });

  it("Node's bare body errors become NetworkError; aborts and typed errors pass through", () => {
    const bare = Object.assign(new Error("aborted"), { code: "ECONNRESET" });
    expect(bodyError(bare, 5)).toMatchObject({ name: "NetworkError", code: "ECONNRESET" });
    const abort = new DOMException("x", "AbortError");
    expect(bodyError(abort, 0)).toBe(abort);
    const typed = new NetworkError("t", "ETIMEDOUT");
    expect(bodyError(typed, 0)).toBe(typed);
  });
});

describe("reading bodies", () => {
  const res = (chunks: Buffer[]) => Object.assign(Readable.from(chunks), { statusCode: 200, headers: {} }) as unknown as IncomingMessage;

  it("a body over readBody's limit is an InvalidResponseError; a cut one a NetworkError", async () => {
    await expect(readBody(res([Buffer.alloc(10), Buffer.alloc(10)]), 15)).rejects.toMatchObject({ name: "InvalidResponseError" });
    const cut = Object.assign(new Readable({ read() { this.destroy(Object.assign(new Error("aborted"), { code: "ECONNRESET" })); } }), { statusCode: 200, headers: {} });
    await expect(readBody(cut as unknown as IncomingMessage)).rejects.toMatchObject({ name: "NetworkError", code: "ECONNRESET" });
  });
});

describe("ResumeBudget", () => {
  it("allows maxAttempts consecutive failures without progress; progress starts a new run", () => {
    const b = new ResumeBudget({ maxAttempts: 3 });
    expect(b.failed(false)).toBe(true); // 1
    expect(b.failed(false)).toBe(true); // 2
    expect(b.failed(true)).toBe(true); // progress: back to 1
    expect(b.failures).toBe(1);
    expect(b.failed(false)).toBe(true); // 2
    expect(b.failed(false)).toBe(false); // 3: spent
  });
});

describe("multipartETag", () => {
  it("is the MD5 of the binary part MD5s, dash, the part count", () => {
    const parts = [Buffer.from("one"), Buffer.from("two")].map((d, i) => ({ partNumber: i + 1, etag: createHash("md5").update(d).digest("hex") }));
    const expected = createHash("md5").update(Buffer.concat(parts.map((p) => Buffer.from(p.etag, "hex")))).digest("hex");
    expect(multipartETag(parts)).toBe(`${expected}-2`);
  });

  it("is unknown when a part ETag is not an MD5 (SSE-C, SSE-KMS)", () => {
    expect(multipartETag([{ partNumber: 1, etag: "not-an-md5" }])).toBeUndefined();
  });
});

describe("PartRefills", () => {
  const reset = () => new NetworkError("reset", "ECONNRESET");

  it("re-sends a part whose budget ran out once another part completes", async () => {
    const refills = new PartRefills();
    const signal = new AbortController().signal;
    let release!: () => void;
    const other = refills.run(() => new Promise<string>((resolve) => (release = () => resolve("other"))), signal);
    let tries = 0;
    const flaky = refills.run(async () => {
      if (++tries === 1) {
        setTimeout(() => release(), 5); // the other part completes while this one waits
        throw reset();
      }
      return "flaky";
    }, signal);
    expect(await Promise.all([flaky, other])).toEqual(["flaky", "other"]);
    expect(tries).toBe(2);
  });

  it("fails when nothing else progresses, and never re-sends non-retryable errors", async () => {
    const signal = new AbortController().signal;
    let tries = 0;
    await expect(new PartRefills().run(async () => {
      tries++;
      throw reset();
    }, signal)).rejects.toBeInstanceOf(NetworkError);
    expect(tries).toBe(1);
    const refills = new PartRefills();
    await refills.run(async () => "done", signal);
    let bad = 0;
    await expect(refills.run(async () => {
      bad++;
      throw new InvalidArgumentError("bad");
    }, signal)).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(bad).toBe(1);
  });
});
