/**
 * The transfer benchmark's contestants. Each client is set up once (outside the timed
 * region) and offers `put` (stream a `size`-byte source into a key) and/or `get` (download
 * a key and drain it, resolving with the byte count). Libraries are imported inside
 * `setup`, so a library that fails to load only fails its own rows.
 */
import { keepAliveAgent, rawTarget } from "../support/raw-sign.js";
import { awsS3Client, minioJsClient, quarryClient } from "../support/peer-clients.js";
import { rawGet } from "./raw-transfer.js";
import { drainCount, sourceStream } from "./source.js";

/** What every client needs. */
export interface BenchContext {
  readonly endpoint: string;
  readonly accessKey: string;
  /** Never print it. */
  readonly secretKey: string;
  readonly region: string;
  readonly bucket: string;
}

/** A client ready to be timed. */
export interface ReadyClient {
  put?(key: string, size: number): Promise<void>;
  get?(key: string): Promise<number>;
  close(): void;
}

/** A client of the benchmark. */
export interface ClientSpec {
  readonly name: string;
  readonly group: "quarry" | "raw" | "minio-js" | "aws";
  readonly setup: (ctx: BenchContext) => Promise<ReadyClient>;
}

const quarry: ClientSpec = {
  name: "quarry",
  group: "quarry",
  async setup(ctx) {
    const s3 = await quarryClient(ctx);
    const b = s3.bucket(ctx.bucket);
    return {
      // Default options: the multipart engine picks part size and parallelism itself.
      put: async (key, size) => void (await b.object(key).put(sourceStream(size), { size })),
      get: async (key) => drainCount(await b.object(key).get()),
      close: () => s3.close(),
    };
  },
};

const minioJs: ClientSpec = {
  name: "minio-js 8",
  group: "minio-js",
  async setup(ctx) {
    const client = await minioJsClient(ctx);
    return {
      put: async (key, size) => void (await client.putObject(ctx.bucket, key, sourceStream(size), size)),
      get: async (key) => drainCount(await client.getObject(ctx.bucket, key)),
      // minio-js uses http.globalAgent (keep-alive by default on Node ≥ 19); nothing to close.
      close: () => undefined,
    };
  },
};

const awsSdk: ClientSpec = {
  name: "AWS SDK v3",
  group: "aws",
  async setup(ctx) {
    const { GetObjectCommand } = await import("@aws-sdk/client-s3");
    const { Upload } = await import("@aws-sdk/lib-storage");
    const client = await awsS3Client(ctx);
    return {
      put: async (key, size) => {
        const upload = new Upload({ client, queueSize: 4, params: { Bucket: ctx.bucket, Key: key, Body: sourceStream(size), ContentLength: size } });
        await upload.done();
      },
      get: async (key) => {
        const out = await client.send(new GetObjectCommand({ Bucket: ctx.bucket, Key: key }));
        return drainCount(out.Body as NodeJS.ReadableStream);
      },
      close: () => client.destroy(),
    };
  },
};

const raw: ClientSpec = {
  name: "raw node:http",
  group: "raw",
  async setup(ctx) {
    const agent = keepAliveAgent();
    const target = rawTarget(ctx);
    return { get: (key) => rawGet(agent, target, ctx.bucket, key), close: () => agent.destroy() };
  },
};

/** Every client, in table order. */
export const CLIENTS: readonly ClientSpec[] = [quarry, minioJs, awsSdk, raw];
