/**
 * The snowball benchmark's contestants. Each writes `bodies` (one Buffer an object) under
 * `prefix`: Quarry as snowball archives (`bucket.putMany`), and Quarry, minio-js 8 and the AWS
 * SDK v3 as one PutObject an object, `concurrency` at a time. Libraries are imported inside
 * `setup`, so a library that fails to load only fails its own rows.
 */
import { awsClient, minioJsClient, type PeerContext } from "../support/peers.js";

/** What every client needs. */
export interface BenchContext extends PeerContext {
  readonly bucket: string;
  /** Per-object puts in flight. */
  readonly concurrency: number;
}

/** A client ready to be timed. */
export interface ReadyClient {
  /** Writes every body as `${prefix}${i}`. */
  write(prefix: string, bodies: readonly Buffer[]): Promise<void>;
  close(): void;
}

/** A client of the benchmark. */
export interface ClientSpec {
  readonly name: string;
  readonly group: "quarry-snowball" | "quarry" | "minio-js" | "aws";
  readonly setup: (ctx: BenchContext) => Promise<ReadyClient>;
}

/** Runs `fn` for 0..n-1, `concurrency` at a time; the first failure rejects. */
async function eachLimit(n: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, async () => {
    while (next < n) await fn(next++);
  }));
}

const quarrySnowball: ClientSpec = {
  name: "quarry putMany",
  group: "quarry-snowball",
  async setup(ctx) {
    const { S3 } = await import("../../lib/index.js");
    const s3 = new S3({ endpoint: ctx.endpoint, accessKey: ctx.accessKey, secretKey: ctx.secretKey, region: ctx.region });
    const b = s3.bucket(ctx.bucket);
    return {
      // Default options: streamed archives of at most 64 MiB / 10 000 objects.
      write: async (prefix, bodies) => void (await b.putMany(bodies.map((data, i) => ({ name: `${prefix}${i}`, data })))),
      close: () => s3.close(),
    };
  },
};

const quarryPuts: ClientSpec = {
  name: "quarry put",
  group: "quarry",
  async setup(ctx) {
    const { S3 } = await import("../../lib/index.js");
    const s3 = new S3({ endpoint: ctx.endpoint, accessKey: ctx.accessKey, secretKey: ctx.secretKey, region: ctx.region, transport: { maxSockets: ctx.concurrency } });
    const b = s3.bucket(ctx.bucket);
    return {
      write: (prefix, bodies) => eachLimit(bodies.length, ctx.concurrency, async (i) => void (await b.object(`${prefix}${i}`).put(bodies[i]!))),
      close: () => s3.close(),
    };
  },
};

const minioJs: ClientSpec = {
  name: "minio-js 8 put",
  group: "minio-js",
  async setup(ctx) {
    const client = await minioJsClient(ctx);
    return {
      write: (prefix, bodies) => eachLimit(bodies.length, ctx.concurrency, async (i) => void (await client.putObject(ctx.bucket, `${prefix}${i}`, bodies[i]!, bodies[i]!.length))),
      close: () => undefined,
    };
  },
};

const awsSdk: ClientSpec = {
  name: "AWS SDK v3 put",
  group: "aws",
  async setup(ctx) {
    const { PutObjectCommand } = await import("@aws-sdk/client-s3");
    const client = await awsClient(ctx);
    return {
      write: (prefix, bodies) => eachLimit(bodies.length, ctx.concurrency, async (i) => void (await client.send(new PutObjectCommand({ Bucket: ctx.bucket, Key: `${prefix}${i}`, Body: bodies[i]! })))),
      close: () => client.destroy(),
    };
  },
};

/** Every contestant, in table order. */
export const CLIENTS: readonly ClientSpec[] = [quarrySnowball, quarryPuts, minioJs, awsSdk];
