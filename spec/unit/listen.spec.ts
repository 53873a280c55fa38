import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, InvalidResponseError, Minio, S3 } from "../../lib/index.js";
import { LineSplitter, LineTooLongError } from "../../lib/exec/line-splitter.js";
import { parseNotificationLine } from "../../lib/exec/notification-parse.js";
import { decodeEventKey } from "../../lib/model/notification-record.js";
import { testRequest } from "../support/test-request.js";

// Nothing listens on port 1: a request would fail with a NetworkError, never an InvalidArgumentError.
const s3 = new S3({ endpoint: "http://127.0.0.1:1", accessKey: "AKIAEXAMPLE", secretKey: "secret" });
const b = s3.bucket("photos");

/** A record as MinIO's listen API encodes it (keys as they are). */
function wireRecord(key: string, eventName = "s3:ObjectCreated:Put") {
  return {
    eventVersion: "2.0", eventSource: "minio:s3", awsRegion: "", eventTime: "2026-11-30T14:00:00.000Z", eventName,
    userIdentity: { principalId: "minioadmin" },
    requestParameters: { principalId: "minioadmin", region: "", sourceIPAddress: "127.0.0.1" },
    responseElements: { "x-amz-request-id": "1", "x-minio-origin-endpoint": "http://127.0.0.1:9000" },
    s3: {
      s3SchemaVersion: "1.0", configurationId: "Config",
      bucket: { name: "photos", ownerIdentity: { principalId: "minioadmin" }, arn: "arn:aws:s3:::photos" },
      object: { key, size: 5, eTag: "abc", contentType: "text/plain", userMetadata: { "content-type": "text/plain" }, sequencer: "18" },
    },
    source: { host: "127.0.0.1", port: "", userAgent: "Quarry" },
  };
}

const KEYS = ["in/a.txt", "in/hé llo+x.txt", "in/😀/ü.txt", "in/b.txt"];
/** A body as MinIO streams it: keep-alive spaces before, between and inside lines, a null-Records ping, two records in one line, CRLF. */
const BODY = Buffer.from(
  "   " +
  JSON.stringify({ Records: [wireRecord(KEYS[0]!)] }) + "\n" +
  "  \n \n" +
  JSON.stringify({ Records: null }) + "\n" +
  "    " + JSON.stringify({ Records: [wireRecord(KEYS[1]!), wireRecord(KEYS[2]!, "s3:ObjectRemoved:Delete")] }) + "\r\n" +
  " " + JSON.stringify({ Records: [wireRecord(KEYS[3]!)] }) + "\n" +
  "     ",
  "utf8",
);

function recordsOf(chunks: Uint8Array[]): string[] {
  const splitter = new LineSplitter();
  const names: string[] = [];
  for (const c of chunks) for (const line of splitter.push(c)) for (const r of parseNotificationLine(line)) names.push(r.objectName);
  expect(splitter.end()).toBe("");
  return names;
}

describe("the notification line splitter and record parser", () => {
  it("gives one record per entry, skipping keep-alive padding, whatever byte the chunks split at", () => {
    expect(recordsOf([BODY])).toEqual(KEYS);
    for (let at = 0; at <= BODY.length; at++) {
      expect(recordsOf([BODY.subarray(0, at), BODY.subarray(at)])).toEqual(KEYS);
    }
    const bytes = Array.from(BODY, (_, i) => BODY.subarray(i, i + 1));
    expect(recordsOf(bytes)).toEqual(KEYS);
  });

  it("handles any chunking (property: random split points, three-way)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: BODY.length }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...[...cuts].sort((x, y) => x - y), BODY.length];
        const chunks = points.slice(1).map((end, i) => BODY.subarray(points[i], end));
        expect(recordsOf(chunks)).toEqual(KEYS);
      }),
      { numRuns: 300 },
    );
  });

  it("holds nothing while only keep-alive whitespace arrives, and keeps an unterminated line for end()", () => {
    const s = new LineSplitter();
    for (let i = 0; i < 10_000; i++) expect(s.push(Buffer.from(" "))).toEqual([]);
    expect(s.pendingBytes).toBe(0);
    expect(s.push(Buffer.from('{"Records":'))).toEqual([]);
    expect(s.pendingBytes).toBe(11);
    expect(s.end()).toBe('{"Records":');
    expect(s.pendingBytes).toBe(0);
  });

  it("refuses a line longer than its limit", () => {
    const s = new LineSplitter(8);
    expect(() => s.push(Buffer.from("0123456789"))).toThrow(LineTooLongError);
  });

  it("types every field and keeps the key as sent (the listen API does not encode it)", () => {
    const [r] = parseNotificationLine(JSON.stringify({ Records: [wireRecord("dir/a b+c%.txt")] }));
    expect(r).toMatchObject({
      eventName: "s3:ObjectCreated:Put", eventTime: "2026-11-30T14:00:00.000Z", bucketName: "photos", objectName: "dir/a b+c%.txt",
      userIdentity: { principalId: "minioadmin" },
      s3: { bucket: { name: "photos", arn: "arn:aws:s3:::photos" }, object: { key: "dir/a b+c%.txt", size: 5, eTag: "abc", sequencer: "18" } },
      source: { host: "127.0.0.1" },
    });
  });

  it("fills absent fields with empty values and leaves optional object fields out", () => {
    const [r] = parseNotificationLine('{"Records":[{"eventName":"s3:ObjectRemoved:Delete","s3":{"object":{"key":"k","sequencer":"1"}}}]}');
    expect(r!.s3.object).toEqual({ key: "k", sequencer: "1" });
    expect(r!.userIdentity).toEqual({ principalId: "" });
    expect(r!.requestParameters).toEqual({});
    expect(r!.s3.bucket).toEqual({ name: "", ownerIdentity: { principalId: "" }, arn: "" });
  });

  it("rejects a line that is not a Records document", () => {
    for (const bad of ["{not json", "[1]", '{"Records":5}', '{"Records":[1]}']) {
      expect(() => parseNotificationLine(bad)).toThrow(InvalidResponseError);
    }
    expect(parseNotificationLine('{"Records":[]}')).toEqual([]);
  });

  it("decodeEventKey decodes target-delivered keys the way MinIO escapes them, and keeps a malformed one as sent", () => {
    expect(decodeEventKey("a+b%2Fc%C3%A9")).toBe("a b/cé");
    expect(decodeEventKey("bad%zz")).toBe("bad%zz");
  });
});

describe("the listen plan", () => {
  it("is plain, frozen data with the seed's defaults", () => {
    const node = b.explain("listen");
    expect(node).toEqual({
      kind: "ListenBucketNotification", bucket: "photos", prefix: "", suffix: "",
      events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:*", "s3:ObjectAccessed:*"],
      reconnect: { baseDelayMs: 500, maxDelayMs: 30_000 }, idleTimeoutMs: 60_000,
    });
    expect(Object.isFrozen(node) && Object.isFrozen(node.events) && Object.isFrozen(node.reconnect)).toBe(true);
    expect(JSON.parse(JSON.stringify(node))).toEqual(node);
    expect(b.explain("listen", { reconnect: false, idleTimeoutMs: 5 }).reconnect).toBe(false);
    expect(b.explain("listen", { reconnect: { maxAttempts: 3, baseDelayMs: 10 } }).reconnect).toEqual({ maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 30_000 });
  });

  it("compiles to GET /<bucket> with prefix, suffix and one events parameter per event", () => {
    const node = b.explain("listen", { prefix: "in/", suffix: ".txt", events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"] });
    expect(testRequest(node, { pathStyle: true })).toEqual({
      method: "GET", host: "127.0.0.1:9000", path: "/photos",
      query: "events=s3%3AObjectCreated%3A%2A&events=s3%3AObjectRemoved%3ADelete&prefix=in%2F&suffix=.txt",
      headers: {},
    });
  });

  it("refuses bad input at once, before any request", () => {
    const bad: Array<Parameters<typeof b.listen>[0]> = [
      { events: [] },
      { events: ["ObjectCreated"] as never },
      { events: ["s3:ObjectCreated:Put", "s3:Object Created:*"] as never },
      { prefix: 5 as never },
      { suffix: "x".repeat(1025) },
      { idleTimeoutMs: 0 },
      { idleTimeoutMs: 1.5 },
      { reconnect: { baseDelayMs: 0 } },
      { reconnect: { baseDelayMs: 1000, maxDelayMs: 10 } },
      { reconnect: { maxAttempts: -1 } },
      { reconnect: "yes" as never },
    ];
    for (const options of bad) expect(() => b.listen(options), JSON.stringify(options)).toThrow(InvalidArgumentError);
    expect(() => s3.bucket("x").listen()).toThrow(InvalidArgumentError);
    const minio = new Minio("http://127.0.0.1:1", { accessKey: "AKIAEXAMPLE", secretKey: "secret" });
    expect(() => minio.listenBucketNotification("photos", { events: ["nope"] as never })).toThrow(InvalidArgumentError);
  });
});
