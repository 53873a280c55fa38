/**
 * The removal benchmark's contestants: each removes the `keys` it is given (all existing
 * objects of one bucket) and resolves with the number of keys it reported removed.
 * `setup` creates the client once, outside the timed region; `remove` is what is timed.
 * Libraries are imported inside `setup`, so unselected rows are never loaded.
 */
import { awsS3Client, minioJsClient, quarryClient } from "../support/peer-clients.js";

/** What every client needs. */
export interface BenchContext {
  readonly endpoint: string;
  readonly accessKey: string;
  /** Never print it. */
  readonly secretKey: string;
  readonly region: string;
  readonly bucket: string;
  /** DeleteObjects requests in flight, for the clients that let you choose. */
  readonly concurrency: number;
}

/** A client ready to be timed. */
export interface ReadyClient {
  /** Removes `keys` (every object of the bucket); resolves with the number removed. */
  readonly remove: (keys: readonly string[]) => Promise<number>;
  /** Releases sockets. */
  close(): void;
}

/** A row of the table. */
export interface ClientSpec {
  readonly name: string;
  /** What BENCH_ONLY matches (besides the exact name). */
  readonly group: "quarry" | "minio-js" | "aws";
  readonly setup: (ctx: BenchContext) => Promise<ReadyClient>;
}

const quarryKeys: ClientSpec = {
  name: "quarry removeObjects(keys)",
  group: "quarry",
  async setup(ctx) {
    const s3 = await quarryClient(ctx);
    return {
      async remove(keys) {
        const s = await s3.bucket(ctx.bucket).removeObjects(keys, { concurrency: ctx.concurrency });
        if (s.failed > 0) throw new Error(`${s.failed} keys failed, first: ${JSON.stringify(s.errors[0])}`);
        return s.done;
      },
      close: () => s3.close(),
    };
  },
};

const quarryQuery: ClientSpec = {
  name: "quarry objects().remove() (lists too)",
  group: "quarry",
  async setup(ctx) {
    const s3 = await quarryClient(ctx);
    return {
      async remove() {
        const s = await s3.bucket(ctx.bucket).objects().recursive().remove({ concurrency: ctx.concurrency });
        if (s.failed > 0) throw new Error(`${s.failed} keys failed, first: ${JSON.stringify(s.errors[0])}`);
        return s.done;
      },
      close: () => s3.close(),
    };
  },
};

const minioJs: ClientSpec = {
  name: "minio-js 8 removeObjects",
  group: "minio-js",
  async setup(ctx) {
    const client = await minioJsClient(ctx);
    return {
      async remove(keys) {
        // Sends every 1000-key batch at once (no concurrency bound); resolves to the errors.
        const errors = await client.removeObjects(ctx.bucket, [...keys]);
        if (errors.length > 0) throw new Error(`${errors.length} keys failed`);
        return keys.length;
      },
      close: () => undefined,
    };
  },
};

const awsSdk: ClientSpec = {
  name: "AWS SDK v3 DeleteObjects",
  group: "aws",
  async setup(ctx) {
    const { DeleteObjectsCommand } = await import("@aws-sdk/client-s3");
    const client = await awsS3Client(ctx);
    return {
      async remove(keys) {
        // The SDK has no batching helper: 1000-key Quiet requests, `concurrency` in flight, as Quarry does.
        let next = 0;
        let removed = 0;
        const worker = async () => {
          for (let at = next; at < keys.length; at = next) {
            next += 1000;
            const batch = keys.slice(at, at + 1000);
            const out = await client.send(new DeleteObjectsCommand({ Bucket: ctx.bucket, Delete: { Quiet: true, Objects: batch.map((Key) => ({ Key })) } }));
            if (out.Errors?.length) throw new Error(`${out.Errors.length} keys failed`);
            removed += batch.length;
          }
        };
        await Promise.all(Array.from({ length: ctx.concurrency }, worker));
        return removed;
      },
      close: () => client.destroy(),
    };
  },
};

/** Every row, in table order. */
export const CLIENTS: readonly ClientSpec[] = [quarryKeys, quarryQuery, minioJs, awsSdk];
