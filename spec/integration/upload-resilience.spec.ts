import { randomBytes } from "node:crypto";
import { ListMultipartUploadsCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NetworkError, S3, type Progress } from "../../lib/index.js";
import { startFaultProxy, type Fault } from "../support/fault-proxy.js";
import { drain, plainClient, servers, tempBucket } from "./support.js";

const MiB = 1024 ** 2;
const s3 = plainClient();
let t: Awaited<ReturnType<typeof tempBucket>>;
beforeAll(async () => {
  t = await tempBucket(s3, "upfault");
});
afterAll(async () => {
  await t.cleanup();
  s3.close();
});

async function viaProxy(script: Fault[]) {
  const s = servers().plain;
  const url = new URL(s.endpoint);
  const proxy = await startFaultProxy({ host: url.hostname, port: Number(url.port) }, script);
  const client = new S3({ endpoint: proxy.endpoint, accessKey: s.accessKey, secretKey: s.secretKey, region: "us-east-1", retry: { baseDelayMs: 5 } });
  return { proxy, client };
}

async function incomplete(bucket: string) {
  const p = servers().plain;
  const aws = new S3Client({ endpoint: p.endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: p.accessKey, secretAccessKey: p.secretKey } });
  try {
    return (await aws.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? [];
  } finally {
    aws.destroy();
  }
}

describe("multipart uploads through a fault-injecting proxy", () => {
  it("a part whose connection resets is retried from its buffer; progress stays monotonic", async () => {
    const { proxy, client } = await viaProxy(["pass", "reset"]); // Create passes, the first UploadPart is reset
    try {
      const data = randomBytes(12 * MiB);
      const seen: Progress[] = [];
      const w = await client.bucket(t.name).object("retried.bin").put(data, { partSize: 5 * MiB, parallel: 1, onProgress: (p) => seen.push(p) });
      expect(w.etag).toMatch(/-3$/);
      expect((await drain(await s3.bucket(t.name).object("retried.bin").get())).equals(data)).toBe(true);
      expect(seen.every((p, i) => i === 0 || p.loaded > seen[i - 1]!.loaded)).toBe(true);
      expect(seen.at(-1)).toEqual({ loaded: data.length, total: data.length });
      expect(proxy.connections).toBeGreaterThan(1); // the reset connection was replaced
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it("a part that keeps failing rejects the upload and aborts it: nothing is orphaned", async () => {
    const { proxy, client } = await viaProxy(["pass", "reset", "reset", "reset", "reset"]);
    try {
      const err = await client.bucket(t.name).object("failed.bin").put(randomBytes(12 * MiB), { partSize: 5 * MiB, parallel: 1 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetworkError);
      expect(await incomplete(t.name)).toEqual([]);
      await expect(s3.bucket(t.name).object("failed.bin").stat()).rejects.toMatchObject({ code: "NoSuchKey" });
    } finally {
      client.close();
      await proxy.close();
    }
  });
});
