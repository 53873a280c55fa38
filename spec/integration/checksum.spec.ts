/**
 * Flexible checksums against the real MinIO (which stores and checks CRC32s), a corrupting
 * proxy in front of it, and the synthetic endpoint (which ignores checksums) — alone and behind
 * a front that refuses the header the way R2 did.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, S3Client, UploadPartCommand } from "@aws-sdk/client-s3";
import { ChecksumMismatchError, Minio, S3, S3Error } from "../../lib/index.js";
import { compositeCrc32, crc32Header } from "../../lib/exec/checksum/crc32.js";
import { KeySpace } from "../../bench/synthetic/keyspace.js";
import { handler } from "../../bench/synthetic/server.js";
import { startResponseFaultProxy } from "../support/response-fault-proxy.js";
import { tlsClient } from "./copy-support.js";
import { drain, plainClient, servers, tempBucket } from "./support.js";

const MiB = 1024 * 1024;
const parts = (data: Buffer, size: number) => Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size));

/** A client through a proxy that replaces one byte of every GET response 50 000 bytes in (well past the headers). */
async function corruptingClient() {
  const target = new URL(servers().plain.endpoint);
  const proxy = await startResponseFaultProxy({ host: target.hostname, port: Number(target.port) }, () => ({ kind: "corrupt", afterBytes: 50_000 }));
  const s = servers().plain;
  return { proxy, via: new S3({ endpoint: proxy.endpoint, accessKey: s.accessKey, secretKey: s.secretKey, region: "us-east-1" }) };
}

describe("flexible checksums on MinIO", () => {
  const s3 = plainClient({ region: "us-east-1" });
  let t: Awaited<ReturnType<typeof tempBucket>>;
  let dir: string;
  beforeAll(async () => {
    t = await tempBucket(s3, "crc");
    dir = await mkdtemp(join(tmpdir(), "quarry-crc-"));
  });
  afterAll(async () => {
    await t?.cleanup();
    await rm(dir, { recursive: true, force: true });
    s3.close();
  });

  it("a PUT sends its CRC32 (by default); stat with checksum mode shows the same value", async () => {
    const data = randomBytes(200_000);
    const o = t.bucket.object("single.bin");
    const put = await o.put(data);
    expect(put.checksumCRC32).toBe(crc32Header(data));
    const info = await o.stat({ checksum: true });
    expect(info.checksumCRC32).toBe(crc32Header(data));
    // "off" sends none: MinIO then stores none to return.
    await t.bucket.object("plain.bin").put(data, { checksum: "off" });
    expect((await t.bucket.object("plain.bin").stat({ checksum: true })).checksumCRC32).toBeUndefined();
  });

  it("a multipart upload (stream of unknown size) gets the composite of its part CRC32s", async () => {
    const data = randomBytes(11 * MiB);
    const o = t.bucket.object("multi.bin");
    const put = await o.put(Readable.from(parts(data, 1 * MiB)), { partSize: 5 * MiB });
    const expected = compositeCrc32(parts(data, 5 * MiB).map(crc32Header));
    expect(expected).toMatch(/-3$/);
    expect(put.checksumCRC32).toBe(expected);
    const info = await o.stat({ checksum: true });
    expect(info.checksumCRC32).toBe(expected);
    // A composite value cannot be checked against a stream's bytes (no part boundaries): get passes it unchecked.
    expect((await drain(await o.get({ checksum: true }))).equals(data)).toBe(true);
  });

  it("a wrong x-amz-checksum-crc32 is refused by the server with a typed error (S3: BadDigest, MinIO: XAmzContentChecksumMismatch)", async () => {
    const o = t.bucket.object("wrong.bin");
    const err = await o.put(Buffer.from("hello"), { checksum: "off", metadata: { "x-amz-checksum-crc32": crc32Header(Buffer.from("other")) } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3Error);
    expect(["BadDigest", "XAmzContentChecksumMismatch"]).toContain((err as S3Error).code);
    expect((err as S3Error).status).toBe(400);
    await expect(o.stat()).rejects.toMatchObject({ code: "NoSuchKey" });
  });

  it("get and download verify the CRC32 the server returns", async () => {
    const data = randomBytes(300_000);
    const o = t.bucket.object("verified.bin");
    await o.put(data);
    const body = await o.get({ checksum: true });
    expect(body.headers["x-amz-checksum-crc32"]).toBe(crc32Header(data));
    expect((await drain(body)).equals(data)).toBe(true);
    const file = join(dir, "verified.bin");
    const info = await o.download(file, { checksum: true });
    expect(info.checksumCRC32).toBe(crc32Header(data));
    expect((await readFile(file)).equals(data)).toBe(true);
  });

  it("a byte flipped in transit fails get and download with ChecksumMismatchError; the temp file is removed", async () => {
    const data = randomBytes(100_000);
    await t.bucket.object("flip.bin").put(data);
    const { proxy, via } = await corruptingClient();
    try {
      const o = via.bucket(t.name).object("flip.bin");
      // Without checksum mode the garbled bytes go through unnoticed: that is what the check is for.
      const unchecked = await drain(await o.get());
      expect(unchecked.length).toBe(data.length);
      expect(unchecked.equals(data)).toBe(false);
      const err = await drain(await o.get({ checksum: true })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChecksumMismatchError);
      expect(err).toMatchObject({ algorithm: "CRC32", expected: crc32Header(data) });
      expect((err as ChecksumMismatchError).actual).not.toBe(crc32Header(data));
      const file = join(dir, "flip.bin");
      await expect(o.download(file, { checksum: true })).rejects.toBeInstanceOf(ChecksumMismatchError);
      expect(existsSync(file)).toBe(false);
      expect((await readdir(dir)).filter((n) => n.startsWith("flip.bin"))).toEqual([]);
      // A multipart object: its composite CRC32 is checked part by part, and fails the same way.
      await t.bucket.object("flip-mp.bin").put(Readable.from([randomBytes(6 * MiB)]), { partSize: 5 * MiB });
      const mp = join(dir, "flip-mp.bin");
      const mismatch = await via.bucket(t.name).object("flip-mp.bin").download(mp, { checksum: true }).catch((e: unknown) => e);
      expect(mismatch).toBeInstanceOf(ChecksumMismatchError);
      expect(mismatch).toMatchObject({ algorithm: "CRC32 (composite)" });
      expect((await readdir(dir)).filter((n) => n.startsWith("flip-mp.bin"))).toEqual([]);
    } finally {
      via.close();
      await proxy.close();
    }
  });

  it("a parallel get verifies too: ranges carry no checksum, one pinned HEAD brings it; a flipped byte fails the ordered stream", async () => {
    const data = randomBytes(3 * MiB + 123);
    await t.bucket.object("par.bin").put(data);
    const ok = await t.bucket.object("par.bin").get({ parallel: 3, partSize: MiB, checksum: true });
    expect((await drain(ok)).equals(data)).toBe(true);
    const { proxy, via } = await corruptingClient();
    try {
      const o = via.bucket(t.name).object("par.bin");
      const unchecked = await drain(await o.get({ parallel: 3, partSize: MiB }));
      expect(unchecked.length).toBe(data.length);
      expect(unchecked.equals(data)).toBe(false);
      const err = await drain(await o.get({ parallel: 3, partSize: MiB, checksum: true })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChecksumMismatchError);
      expect(err).toMatchObject({ algorithm: "CRC32", expected: crc32Header(data) });
    } finally {
      via.close();
      await proxy.close();
    }
  });

  it("download verifies a multipart object's composite CRC32 part by part: uniform parts, and (with one HEAD per part) non-uniform ones", async () => {
    const data = randomBytes(11 * MiB);
    await t.bucket.object("mp-uniform").put(Readable.from([data]), { partSize: 5 * MiB });
    const file = join(dir, "mp-uniform");
    const info = await t.bucket.object("mp-uniform").download(file, { checksum: true });
    expect(info.checksumCRC32).toMatch(/-3$/);
    expect((await readFile(file)).equals(data)).toBe(true);

    // Another client's upload with parts of 6, 5 and 5 MiB: cut as uniform (6, 6, 4) the composite
    // differs, so the exact sizes are asked before anything is called a mismatch.
    const s = servers().plain;
    const aws = new S3Client({ endpoint: s.endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: s.accessKey, secretAccessKey: s.secretKey } });
    try {
      const key = "mp-uneven";
      const { UploadId } = await aws.send(new CreateMultipartUploadCommand({ Bucket: t.name, Key: key, ChecksumAlgorithm: "CRC32" }));
      const cuts = [[0, 6 * MiB], [6 * MiB, 11 * MiB], [11 * MiB, 16 * MiB]] as const;
      const body = randomBytes(16 * MiB);
      const done = [];
      for (const [i, [from, to]] of cuts.entries()) {
        const ChecksumCRC32 = crc32Header(body.subarray(from, to));
        const r = await aws.send(new UploadPartCommand({ Bucket: t.name, Key: key, UploadId, PartNumber: i + 1, Body: body.subarray(from, to), ChecksumCRC32 }));
        done.push({ PartNumber: i + 1, ETag: r.ETag, ChecksumCRC32 });
      }
      await aws.send(new CompleteMultipartUploadCommand({ Bucket: t.name, Key: key, UploadId, MultipartUpload: { Parts: done } }));
      const uneven = join(dir, key);
      const got = await t.bucket.object(key).download(uneven, { checksum: true });
      expect(got.checksumCRC32).toBe(compositeCrc32(cuts.map(([from, to]) => crc32Header(body.subarray(from, to)))));
      expect((await readFile(uneven)).equals(body)).toBe(true);
    } finally {
      aws.destroy();
    }
  });

  it("the facade passes the settings through: putObject's checksum, statObject/getObject/fgetObject's checksum mode", async () => {
    const s = servers().plain;
    const minio = new Minio(s.endpoint, { accessKey: s.accessKey, secretKey: s.secretKey, checksum: "off" });
    const data = randomBytes(5000);
    expect((await minio.putObject(t.name, "facade-off", data, data.length)).checksumCRC32).toBeUndefined();
    const put = await minio.putObject(t.name, "facade-on", data, data.length, { checksum: "crc32" });
    expect(put.checksumCRC32).toBe(crc32Header(data));
    expect((await minio.statObject(t.name, "facade-on", { checksum: true })).checksumCRC32).toBe(crc32Header(data));
    expect((await drain(await minio.getObject(t.name, "facade-on", { checksum: true }))).equals(data)).toBe(true);
    expect((await minio.fgetObject(t.name, "facade-on", join(dir, "facade.bin"), { checksum: true })).checksumCRC32).toBe(crc32Header(data));
    minio.close();
  });

  it("over TLS (UNSIGNED-PAYLOAD) the CRC32 is the integrity check, single PUT and multipart", async () => {
    const tls = tlsClient();
    const e = await tempBucket(tls, "crctls");
    try {
      const small = randomBytes(64_000);
      expect((await e.bucket.object("s").put(small)).checksumCRC32).toBe(crc32Header(small));
      const big = randomBytes(6 * MiB);
      const put = await e.bucket.object("m").put(Readable.from([big]), { partSize: 5 * MiB });
      expect(put.checksumCRC32).toBe(compositeCrc32(parts(big, 5 * MiB).map(crc32Header)));
      expect((await e.bucket.object("s").stat({ checksum: true })).checksumCRC32).toBe(crc32Header(small));
    } finally {
      await e.cleanup();
      tls.close();
    }
  });
});

describe("servers that ignore or refuse checksums", () => {
  let server: http.Server;
  let endpoint: string;
  /** Requests seen: method, whether they carried a CRC32 or a checksum algorithm, and the status sent. */
  const seen: Array<{ method: string; crc: boolean; algorithm: boolean; status: number }> = [];
  /**
   * true: the front answers a request carrying a checksum header as R2 did (501 NotImplemented);
   * "all": it answers every PUT so, header or not (a NotImplemented that is not about checksums).
   */
  let refuse: boolean | "all" = false;
  beforeAll(async () => {
    const synthetic = handler(new KeySpace({ keys: 10, prefixes: 1, top: "", rootKeys: 0, objectSize: 10 }), { latencyMs: 0, bandwidth: 0 });
    server = http.createServer((req, res) => {
      const crc = req.headers["x-amz-checksum-crc32"] !== undefined;
      const algorithm = req.headers["x-amz-checksum-algorithm"] !== undefined;
      if ((refuse === true && (crc || algorithm)) || (refuse === "all" && req.method === "PUT")) {
        req.resume();
        seen.push({ method: req.method ?? "", crc, algorithm, status: 501 });
        const header = crc ? "x-amz-checksum-crc32" : "x-amz-checksum-algorithm";
        const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NotImplemented</Code><Message>Header '${header}' with value 'x' not implemented</Message></Error>`;
        res.writeHead(501, { "content-type": "application/xml", "content-length": Buffer.byteLength(body) }).end(body);
        return;
      }
      seen.push({ method: req.method ?? "", crc, algorithm, status: 200 });
      void synthetic(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  const client = (extra: { checksum?: "auto" | "crc32" | "off" } = {}) => new S3({ endpoint, accessKey: "x", secretKey: "y", region: "us-east-1", retry: { baseDelayMs: 1 }, ...extra });

  it("the synthetic endpoint (ignores checksums, echoes none): uploads succeed and report the CRC32 sent", async () => {
    seen.length = 0;
    const s3 = client();
    try {
      const data = randomBytes(10_000);
      expect((await s3.bucket("any").object("a").put(data)).checksumCRC32).toBe(crc32Header(data));
      const big = randomBytes(11 * MiB);
      const put = await s3.bucket("any").object("b").put(Readable.from([big]), { partSize: 5 * MiB });
      expect(put.checksumCRC32).toBe(compositeCrc32(parts(big, 5 * MiB).map(crc32Header)));
      // The one PUT and the three parts carried a CRC32, the create the algorithm.
      expect(seen.filter((r) => r.method === "PUT" && r.crc)).toHaveLength(4);
      expect(seen.filter((r) => r.method === "POST" && r.algorithm)).toHaveLength(1);
    } finally {
      s3.close();
    }
  });

  it("a NotImplemented that persists without the header is the caller's error, and the endpoint is not marked", async () => {
    const s3 = client();
    try {
      refuse = "all";
      seen.length = 0;
      await expect(s3.bucket("any").object("x").put(Buffer.from("x"))).rejects.toMatchObject({ code: "NotImplemented" });
      expect(seen.map((r) => r.crc)).toEqual([true, false]);
      refuse = false;
      seen.length = 0;
      await s3.bucket("any").object("y").put(Buffer.from("y"));
      expect(seen.map((r) => [r.crc, r.status])).toEqual([[true, 200]]);
    } finally {
      refuse = false;
      s3.close();
    }
  });

  it("a server refusing the header (as R2 did): auto falls back once and stops sending it; crc32 fails; off never sends it", async () => {
    refuse = true;
    try {
      const s3 = client();
      seen.length = 0;
      const data = randomBytes(10_000);
      const first = await s3.bucket("any").object("a").put(data);
      expect(first.checksumCRC32).toBeUndefined();
      expect(seen.map((r) => [r.method, r.crc, r.status])).toEqual([["PUT", true, 501], ["PUT", false, 200]]);
      seen.length = 0;
      await s3.bucket("any").object("a2").put(data);
      await s3.bucket("any").object("b").put(Readable.from([randomBytes(6 * MiB)]), { partSize: 5 * MiB });
      expect(seen.every((r) => !r.crc && !r.algorithm && r.status === 200)).toBe(true);
      s3.close();

      // A fresh client learns it on a multipart upload (the create carries the algorithm).
      const mp = client();
      seen.length = 0;
      await mp.bucket("any").object("c").put(Readable.from([randomBytes(6 * MiB)]), { partSize: 5 * MiB });
      expect(seen[0]).toMatchObject({ method: "POST", algorithm: true, status: 501 });
      expect(seen.slice(1).every((r) => !r.crc && !r.algorithm && r.status === 200)).toBe(true);
      mp.close();

      const strict = client({ checksum: "crc32" });
      await expect(strict.bucket("any").object("d").put(data)).rejects.toMatchObject({ code: "NotImplemented", status: 501 });
      strict.close();
      const off = client({ checksum: "off" });
      seen.length = 0;
      await off.bucket("any").object("e").put(data);
      const auto = client();
      await auto.bucket("any").object("f").put(data, { checksum: "off" });
      expect(seen.map((r) => [r.crc, r.status])).toEqual([[false, 200], [false, 200]]);
      off.close();
      auto.close();
    } finally {
      refuse = false;
    }
  });
});
