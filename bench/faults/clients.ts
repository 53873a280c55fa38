/**
 * The fault benchmark's contestants. Each client is built against the proxy's endpoint and
 * offers the three scenarios with its own default retry settings (only the multipart part
 * size is fixed to 16 MiB for all, so every client sends three part requests). Libraries are
 * imported inside `setup`, so one that fails to load only fails its own rows.
 */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";

/** What every client needs. */
export interface FaultContext {
  readonly endpoint: string;
  readonly accessKey: string;
  /** Never print it. */
  readonly secretKey: string;
  readonly region: string;
  readonly bucket: string;
}

/** What a download returns: bytes seen and their SHA-256. */
export interface Digest {
  readonly bytes: number;
  readonly sha256: string;
}

/** A client ready to run the scenarios through the proxy. */
export interface FaultClient {
  download(key: string): Promise<Digest>;
  /** Multipart upload of `data` (16 MiB parts) from a stream. */
  upload(key: string, data: Buffer): Promise<void>;
  /** Recursive listing of `prefix`; resolves with the keys seen. */
  list(prefix: string): Promise<string[]>;
  close(): void;
}

/** A row of the table. */
export interface FaultClientSpec {
  readonly name: string;
  readonly group: "quarry" | "minio-js" | "aws";
  readonly setup: (ctx: FaultContext) => Promise<FaultClient>;
}

const PART = 16 * 1024 * 1024;

/** Hashes a stream as it drains. */
export async function digest(stream: AsyncIterable<Buffer | Uint8Array>): Promise<Digest> {
  const h = createHash("sha256");
  let bytes = 0;
  for await (const c of stream) {
    bytes += c.length;
    h.update(c);
  }
  return { bytes, sha256: h.digest("hex") };
}

/** A Readable over `data` in 1 MiB chunks (a stream, so nothing can re-read the Buffer whole). */
function streamOf(data: Buffer): Readable {
  let off = 0;
  return new Readable({
    read() {
      if (off >= data.length) return void this.push(null);
      const end = Math.min(off + 1024 * 1024, data.length);
      this.push(data.subarray(off, end));
      off = end;
    },
  });
}

const quarry: FaultClientSpec = {
  name: "quarry",
  group: "quarry",
  async setup(ctx) {
    const { S3 } = await import("../../lib/index.js");
    const s3 = new S3({ endpoint: ctx.endpoint, accessKey: ctx.accessKey, secretKey: ctx.secretKey, region: ctx.region });
    const b = s3.bucket(ctx.bucket);
    return {
      download: async (key) => digest(await b.object(key).get()),
      upload: async (key, data) => void (await b.object(key).put(streamOf(data), { size: data.length, partSize: PART })),
      list: async (prefix) => {
        const keys: string[] = [];
        for await (const o of b.objects().prefix(prefix).recursive()) keys.push(o.objectName);
        return keys;
      },
      close: () => s3.close(),
    };
  },
};

const minioJs: FaultClientSpec = {
  name: "minio-js 8",
  group: "minio-js",
  async setup(ctx) {
    const Minio = await import("minio");
    const url = new URL(ctx.endpoint);
    const client = new Minio.Client({
      endPoint: url.hostname, port: Number(url.port || 80), useSSL: false, partSize: PART,
      accessKey: ctx.accessKey, secretKey: ctx.secretKey, region: ctx.region,
    });
    return {
      download: async (key) => digest(await client.getObject(ctx.bucket, key)),
      upload: async (key, data) => void (await client.putObject(ctx.bucket, key, streamOf(data), data.length)),
      list: (prefix) => new Promise<string[]>((resolve, reject) => {
        const keys: string[] = [];
        const s = client.listObjectsV2(ctx.bucket, prefix, true);
        s.on("data", (o: { name?: string }) => void (o.name !== undefined && keys.push(o.name)));
        s.on("error", reject);
        s.on("end", () => resolve(keys));
      }),
      close: () => undefined,
    };
  },
};

const awsSdk: FaultClientSpec = {
  name: "AWS SDK v3",
  group: "aws",
  async setup(ctx) {
    const { S3Client, GetObjectCommand, paginateListObjectsV2 } = await import("@aws-sdk/client-s3");
    const { Upload } = await import("@aws-sdk/lib-storage");
    const client = new S3Client({
      endpoint: ctx.endpoint, region: ctx.region, forcePathStyle: true,
      credentials: { accessKeyId: ctx.accessKey, secretAccessKey: ctx.secretKey },
    });
    return {
      download: async (key) => {
        const out = await client.send(new GetObjectCommand({ Bucket: ctx.bucket, Key: key }));
        return digest(out.Body as AsyncIterable<Uint8Array>);
      },
      upload: async (key, data) => {
        const up = new Upload({ client, queueSize: 4, partSize: PART, params: { Bucket: ctx.bucket, Key: key, Body: streamOf(data), ContentLength: data.length } });
        await up.done();
      },
      list: async (prefix) => {
        const keys: string[] = [];
        for await (const page of paginateListObjectsV2({ client }, { Bucket: ctx.bucket, Prefix: prefix })) {
          for (const o of page.Contents ?? []) if (o.Key !== undefined) keys.push(o.Key);
        }
        return keys;
      },
      close: () => client.destroy(),
    };
  },
};

/** Every client, in table order. */
export const FAULT_CLIENTS: readonly FaultClientSpec[] = [quarry, minioJs, awsSdk];
