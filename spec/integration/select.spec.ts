import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { lastValueFrom, toArray } from "rxjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CSVInputSerialization, CSVOutputSerialization, JSONInputSerialization, JSONOutputSerialization, Minio, NetworkError, ParquetInputSerialization, S3, S3Error,
  SelectRequest, SseCustomerKey, VersioningConfig, type SelectResult,
} from "../../lib/index.js";
import { startCutProxy } from "../support/cut-proxy.js";
import { parquetFile } from "../support/parquet-writer.js";
import { tlsClient } from "./copy-support.js";
import { plainClient, servers, tempBucket } from "./support.js";

const CITIES = ["Oslo", "Lima", "Pune", "Kyiv", "Nice"];

/** 300 people as CSV with a header line; spec/fixtures/select/people.csv.bz2 is `bzip2 -9` of exactly this text. */
function peopleCsv(): string {
  const rows = ["id,name,city,age"];
  for (let i = 1; i <= 300; i++) rows.push(`${i},name-${i},${CITIES[i % 5]},${18 + ((i * 7) % 60)}`);
  return rows.join("\n") + "\n";
}

/** The people the CSV holds, as objects. */
function people() {
  return peopleCsv().trim().split("\n").slice(1).map((line) => {
    const [id, name, city, age] = line.split(",");
    return { id: Number(id), name: name!, city: city!, age: Number(age) };
  });
}

async function text(result: SelectResult): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const c of result) chunks.push(c);
  return Buffer.concat(chunks).toString("utf8");
}

/** Polls `read` every 250 ms until it is unchanged for 750 ms; -1 if it never settles within `limitMs`. */
async function stableValue(read: () => number, limitMs: number): Promise<number> {
  let last = read();
  let since = Date.now();
  for (const start = Date.now(); Date.now() - start < limitMs; ) {
    await new Promise((r) => setTimeout(r, 250));
    const now = read();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= 750) {
      return now;
    }
  }
  return -1;
}

const s3 = plainClient();
let t: Awaited<ReturnType<typeof tempBucket>>;
beforeAll(async () => {
  t = await tempBucket(s3, "select");
  const csv = peopleCsv();
  await t.bucket.object("people.csv").put(csv);
  await t.bucket.object("people.csv.gz").put(gzipSync(csv));
  await t.bucket.object("people.csv.bz2").put(await readFile(new URL("../fixtures/select/people.csv.bz2", import.meta.url)));
  await t.bucket.object("people.jsonl").put(people().map((p) => JSON.stringify(p)).join("\n") + "\n");
  const all = people();
  await t.bucket.object("people.parquet").put(parquetFile([{ name: "id", values: all.map((p) => p.id) }, { name: "city", values: all.map((p) => p.city) }]));
  // 60 000 numbers, one of which (row 50 000) is not: CAST fails there, after records went out.
  const numbers = ["n"];
  for (let i = 0; i < 60_000; i++) numbers.push(i === 50_000 ? "oops" : String(i));
  await t.bucket.object("numbers.csv").put(numbers.join("\n") + "\n");
});
afterAll(async () => {
  await t.cleanup();
  s3.close();
});

const csvIn = (options: ConstructorParameters<typeof CSVInputSerialization>[0] = {}) => new CSVInputSerialization({ fileHeaderInfo: "USE", ...options });

describe("S3 Select against MinIO", () => {
  it("selects from a gzip CSV with WHERE; stats count the compressed and uncompressed bytes", async () => {
    const expected = people().filter((p) => p.city === "Oslo" && p.age > 40);
    expect(expected.length).toBeGreaterThan(5);
    const result = await t.bucket.object("people.csv.gz").select(
      new SelectRequest("SELECT s.id, s.name FROM S3Object s WHERE s.city = 'Oslo' AND CAST(s.age AS INT) > 40", csvIn({ compressionType: "GZIP" }), new CSVOutputSerialization()),
    );
    const out = await text(result);
    expect(out).toBe(expected.map((p) => `${p.id},${p.name}\n`).join(""));
    const stats = await result.stats();
    expect(stats).toEqual({
      bytesScanned: (await t.bucket.object("people.csv.gz").stat()).size,
      bytesProcessed: Buffer.byteLength(peopleCsv()),
      bytesReturned: Buffer.byteLength(out),
    });
  });

  it("selects from a bzip2 CSV (records() as an Observable)", async () => {
    const result = await t.bucket.object("people.csv.bz2").select(
      new SelectRequest("SELECT count(*) FROM S3Object s WHERE s.city = 'Kyiv'", csvIn({ compressionType: "BZIP2" }), new CSVOutputSerialization()),
    );
    const chunks = await lastValueFrom(result.records().pipe(toArray()));
    expect(Buffer.concat(chunks).toString()).toBe(`${people().filter((p) => p.city === "Kyiv").length}\n`);
    expect((await result.stats()).bytesProcessed).toBe(Buffer.byteLength(peopleCsv()));
  });

  it("selects JSON lines into JSON records", async () => {
    const result = await t.bucket.object("people.jsonl").select(
      new SelectRequest("SELECT s.name, s.age FROM S3Object s WHERE s.age >= 70", new JSONInputSerialization({ jsonType: "LINES" }), new JSONOutputSerialization()),
    );
    const lines = (await text(result)).trim().split("\n").map((l) => JSON.parse(l) as unknown);
    const expected = people().filter((p) => p.age >= 70).map((p) => ({ name: p.name, age: p.age }));
    expect(expected.length).toBeGreaterThan(0);
    expect(lines).toEqual(expected);
  });

  it("selects from Parquet (MinIO with parquet select enabled; it reports -1 for scanned/processed)", async () => {
    const result = await t.bucket.object("people.parquet").select(
      new SelectRequest("SELECT s.id FROM S3Object s WHERE s.city = 'Pune' AND s.id < 40", new ParquetInputSerialization(), new CSVOutputSerialization()),
    );
    const out = await text(result);
    expect(out).toBe(people().filter((p) => p.city === "Pune" && p.id < 40).map((p) => `${p.id}\n`).join(""));
    expect(await result.stats()).toEqual({ bytesScanned: -1, bytesProcessed: -1, bytesReturned: Buffer.byteLength(out) });
  });

  it("a file that is not Parquet is a typed ParquetParsingError", async () => {
    const req = new SelectRequest("SELECT * FROM S3Object", new ParquetInputSerialization(), new CSVOutputSerialization());
    await expect(t.bucket.object("people.csv").select(req)).rejects.toMatchObject({ name: "S3Error", code: "ParquetParsingError", status: 400 });
  });

  it("an error event mid-stream (a failed CAST) is an S3Error after the records before it", async () => {
    const result = await t.bucket.object("numbers.csv").select(
      new SelectRequest("SELECT CAST(s.n AS INT) FROM S3Object s", csvIn(), new CSVOutputSerialization()),
    );
    let received = "";
    let err: unknown;
    try {
      for await (const c of result) received += Buffer.from(c).toString();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(S3Error);
    expect((err as S3Error).status).toBe(200); // the HTTP response had succeeded: this came in the event stream
    expect((err as S3Error).message).toMatch(/cast/i);
    expect(received.length).toBeGreaterThan(0);
    expect(received.startsWith("0\n1\n2\n")).toBe(true);
    expect(received).not.toContain("oops");
    await expect(result.stats()).rejects.toBe(err);
  });

  it("break stops the request; stats reject and the client goes on working", async () => {
    const result = await t.bucket.object("numbers.csv").select(new SelectRequest("SELECT * FROM S3Object", csvIn(), new CSVOutputSerialization()));
    for await (const c of result) {
      expect(c.length).toBeGreaterThan(0);
      break;
    }
    await expect(result.stats()).rejects.toMatchObject({ name: "AbortError" });
    const again = await t.bucket.object("people.csv").select(new SelectRequest("SELECT count(*) FROM S3Object", csvIn(), new CSVOutputSerialization()));
    expect(await text(again)).toBe("300\n");
  });

  it("selects from an older version through o.version(id)", async () => {
    const v = await tempBucket(s3, "selectver");
    try {
      await v.bucket.versioning().set(new VersioningConfig(VersioningConfig.ENABLED));
      const first = await v.bucket.object("v.csv").put("x\nold\n");
      await v.bucket.object("v.csv").put("x\nnew\n");
      const req = new SelectRequest("SELECT * FROM S3Object", csvIn(), new CSVOutputSerialization());
      expect(await text(await v.bucket.object("v.csv").select(req))).toBe("new\n");
      expect(await text(await v.bucket.object("v.csv").version(first.versionId!).select(req))).toBe("old\n");
    } finally {
      await v.cleanup();
    }
  });

  it("a connection cut mid-body is a NetworkError after the records before it, never a silent truncation", async () => {
    const plain = new URL(servers().plain.endpoint);
    // The request and response headers pass; the body is cut 4 KiB in (well before the End event).
    const proxy = await startCutProxy({ host: plain.hostname, port: Number(plain.port) }, { cuts: 1, afterBytes: 4096 });
    const s = servers().plain;
    const via = new S3({ endpoint: proxy.endpoint, accessKey: s.accessKey, secretKey: s.secretKey, region: s.region });
    try {
      const result = await via.bucket(t.name).object("numbers.csv").select(new SelectRequest("SELECT * FROM S3Object", csvIn(), new CSVOutputSerialization()));
      let received = 0;
      let err: unknown;
      try {
        for await (const c of result) received += c.length;
      } catch (e) {
        err = e;
      }
      expect(proxy.cut).toBe(1);
      expect(err).toBeInstanceOf(NetworkError);
      expect(received).toBeLessThan(4096);
      await expect(result.stats()).rejects.toBe(err);
    } finally {
      via.close();
      await proxy.close();
    }
  });

  it("for await reads the socket only as fast as the loop takes records (backpressure)", async () => {
    const MiB = 1024 * 1024;
    const line = "0123456789,abcdefghijklmnopqrstuvwxyz,ABCDEFGHIJKLMNOPQRSTUVWXYZ\n";
    const big = Buffer.from(line.repeat(Math.ceil((24 * MiB) / line.length)));
    await t.bucket.object("big.csv").put(big);
    const plain = new URL(servers().plain.endpoint);
    const proxy = await startCutProxy({ host: plain.hostname, port: Number(plain.port) }, { cuts: 0, afterBytes: 0 });
    const s = servers().plain;
    const via = new S3({ endpoint: proxy.endpoint, accessKey: s.accessKey, secretKey: s.secretKey, region: s.region });
    try {
      const result = await via.bucket(t.name).object("big.csv").select(
        new SelectRequest("SELECT * FROM S3Object", new CSVInputSerialization({ fileHeaderInfo: "NONE" }), new CSVOutputSerialization()),
      );
      let received = 0;
      let plateau: number | undefined;
      for await (const c of result) {
        received += c.length;
        if (plateau === undefined && received > MiB) {
          // A slow consumer: with backpressure the bytes handed over stop growing once the socket
          // buffers are full; without it they would grow until the whole response was in.
          plateau = await stableValue(() => proxy.delivered, 6000);
        }
      }
      expect(plateau).toBeGreaterThan(MiB);
      expect(plateau).toBeLessThan(big.length);
      expect(received).toBe(big.length);
      expect((await result.stats()).bytesReturned).toBe(big.length);
    } finally {
      via.close();
      await proxy.close();
    }
  });

  it("with requestProgress: the request is accepted, stats arrive and progress() completes", async () => {
    // MinIO sends Progress events once a minute, so a quick select has none; their decoding is
    // covered by spec/select/result.spec.ts.
    const result = await t.bucket.object("people.csv").select(
      new SelectRequest("SELECT s.id FROM S3Object s WHERE s.id = '7'", csvIn(), new CSVOutputSerialization(), { requestProgress: true }),
    );
    const progress = lastValueFrom(result.progress().pipe(toArray()));
    expect(await text(result)).toBe("7\n");
    expect((await result.stats()).bytesScanned).toBe(Buffer.byteLength(peopleCsv()));
    expect(Array.isArray(await progress)).toBe(true);
  });

  it("scans only a byte range of a CSV", async () => {
    // Fixed-width records (10 bytes each): records whose first byte lies in the range are returned.
    const rows = Array.from({ length: 20 }, (_, i) => `row-${String(i).padStart(5, "0")}\n`);
    expect(rows.every((r) => r.length === 10)).toBe(true);
    await t.bucket.object("rows.csv").put(rows.join(""));
    const result = await t.bucket.object("rows.csv").select(
      new SelectRequest("SELECT * FROM S3Object", new CSVInputSerialization({ fileHeaderInfo: "NONE" }), new CSVOutputSerialization(), {
        scanStartRange: 30, scanEndRange: 59,
      }),
    );
    const out = await text(result);
    expect(out).toBe(rows.slice(3, 6).join(""));
    expect((await result.stats()).bytesReturned).toBe(Buffer.byteLength(out));
  });

  it("the facade returns a SelectResult at once; records and stats agree", async () => {
    const s = servers().plain;
    const minio = new Minio(s.endpoint, { accessKey: s.accessKey, secretKey: s.secretKey });
    try {
      const result = minio.selectObjectContent(t.name, "people.csv", new SelectRequest("SELECT s.city FROM S3Object s WHERE s.id = '5'", csvIn(), new JSONOutputSerialization()));
      const expected = `${JSON.stringify({ city: people()[4]!.city })}\n`;
      expect(await text(result)).toBe(expected);
      expect((await result.stats()).bytesReturned).toBe(expected.length);
    } finally {
      minio.close();
    }
  });

  it("a missing object rejects select() with a typed NoSuchKey (and the facade's ready)", async () => {
    const req = new SelectRequest("SELECT * FROM S3Object", csvIn(), new CSVOutputSerialization());
    await expect(t.bucket.object("nope.csv").select(req)).rejects.toMatchObject({ name: "S3Error", code: "NoSuchKey", status: 404 });
    const s = servers().plain;
    const minio = new Minio(s.endpoint, { accessKey: s.accessKey, secretKey: s.secretKey });
    try {
      const result = minio.selectObjectContent(t.name, "nope.csv", req);
      await expect(result.ready).rejects.toBeInstanceOf(S3Error);
      await expect(result.stats()).rejects.toMatchObject({ code: "NoSuchKey" });
    } finally {
      minio.close();
    }
  });

  it("bad SQL rejects with an S3Error", async () => {
    const req = new SelectRequest("SELEKT nothing FROM", csvIn(), new CSVOutputSerialization());
    const err = await t.bucket.object("people.csv").select(req).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(S3Error);
    expect((err as S3Error).status).toBe(400);
    expect((err as S3Error).code).not.toBe("");
  });
});

describe("S3 Select of an SSE-C object (TLS server)", () => {
  const tls = tlsClient();
  let e: Awaited<ReturnType<typeof tempBucket>>;
  beforeAll(async () => {
    e = await tempBucket(tls, "selectssec");
  });
  afterAll(async () => {
    await e?.cleanup();
    tls.close();
  });

  it("needs the customer key, and selects with it", async () => {
    const key = new SseCustomerKey(randomBytes(32));
    const w = await e.bucket.object("secret.csv").put(peopleCsv(), { sse: key });
    const req = new SelectRequest("SELECT count(*) FROM S3Object s WHERE s.city = 'Lima'", csvIn(), new CSVOutputSerialization());
    await expect(e.bucket.object("secret.csv").select(req)).rejects.toBeInstanceOf(S3Error);
    const result = await e.bucket.object("secret.csv").select(req, { ssec: key });
    expect(await text(result)).toBe(`${people().filter((p) => p.city === "Lima").length}\n`);
    expect(w.etag).not.toBe("");
  });
});
