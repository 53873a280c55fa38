/**
 * The listing benchmark's contestants: each lists the whole bucket recursively
 * (prefix "", no delimiter, 1000 keys a page) and returns the number of keys.
 * `setup` creates the client once, outside the timed region; `list` is what is timed.
 * Libraries are imported inside `setup`, so a row that is not selected (BENCH_ONLY) is
 * never loaded, and a library that fails to load only fails its own rows.
 */
import { awsS3Client, minioJsClient, quarryClient } from "../support/peer-clients.js";
import { keepAliveAgent, rawTarget } from "../support/raw-sign.js";
import { rawListCount } from "./raw-list.js";

/** What every client needs. */
export interface BenchContext {
  readonly endpoint: string;
  readonly accessKey: string;
  /** Never print it. */
  readonly secretKey: string;
  readonly region: string;
  readonly bucket: string;
}

/** One full recursive listing; resolves with the number of keys seen. */
export type ListFn = () => Promise<number>;

/** A client ready to be timed. */
export interface ReadyClient {
  readonly list: ListFn;
  /** Releases sockets. */
  close(): void;
}

/** A row of the benchmark table. */
export interface ClientSpec {
  /** Row label. */
  readonly name: string;
  /** What BENCH_ONLY matches (besides the exact name): quarry, raw, minio-js, aws, baseline. */
  readonly group: "quarry" | "raw" | "minio-js" | "aws" | "baseline";
  readonly setup: (ctx: BenchContext) => Promise<ReadyClient>;
}

const raw: ClientSpec = {
  name: "raw (node:http, unparsed)",
  group: "raw",
  async setup(ctx) {
    const agent = keepAliveAgent();
    const target = rawTarget(ctx);
    return { list: () => rawListCount(agent, target, ctx.bucket), close: () => agent.destroy() };
  },
};

/** Lists with `for await`, counting keys. */
async function forAwaitClient(ctx: BenchContext, lib?: string): Promise<ReadyClient> {
  const s3 = await quarryClient(ctx, lib);
  return {
    async list() {
      let n = 0;
      for await (const _o of s3.bucket(ctx.bucket).objects().recursive()) n++;
      return n;
    },
    close: () => s3.close(),
  };
}

const quarryForAwait: ClientSpec = {
  name: "quarry (for await)",
  group: "quarry",
  setup: (ctx) => forAwaitClient(ctx),
};

const quarryObservable: ClientSpec = {
  name: "quarry (Observable)",
  group: "quarry",
  async setup(ctx) {
    const s3 = await quarryClient(ctx);
    return {
      list: () =>
        new Promise<number>((resolve, reject) => {
          let n = 0;
          s3.bucket(ctx.bucket).objects().recursive().stream().subscribe({
            next: () => {
              n++;
            },
            error: reject,
            complete: () => resolve(n),
          });
        }),
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
      list: () =>
        new Promise<number>((resolve, reject) => {
          let n = 0;
          const stream = client.listObjectsV2(ctx.bucket, "", true);
          stream.on("data", () => {
            n++;
          });
          stream.once("error", reject);
          stream.once("end", () => resolve(n));
        }),
      // minio-js uses http.globalAgent (keep-alive by default on Node ≥ 19); nothing to close.
      close: () => undefined,
    };
  },
};

const awsSdk: ClientSpec = {
  name: "AWS SDK v3",
  group: "aws",
  async setup(ctx) {
    const { paginateListObjectsV2 } = await import("@aws-sdk/client-s3");
    const client = await awsS3Client(ctx);
    return {
      async list() {
        let n = 0;
        for await (const page of paginateListObjectsV2({ client, pageSize: 1000 }, { Bucket: ctx.bucket, MaxKeys: 1000 })) {
          n += page.Contents?.length ?? 0;
        }
        return n;
      },
      close: () => client.destroy(),
    };
  },
};

/**
 * Quarry from another checkout's lib/ (BENCH_BASELINE_LIB, e.g. `git archive <commit> lib`
 * unpacked under the repo so its imports resolve): before/after numbers in one run.
 */
const baseline: ClientSpec = {
  name: "quarry baseline (for await)",
  group: "baseline",
  setup: (ctx) => forAwaitClient(ctx, `${process.env.BENCH_BASELINE_LIB!.replace(/\/$/, "")}/index.js`),
};

/** Every row, in table order (the baseline row only when BENCH_BASELINE_LIB is set). */
export const CLIENTS: readonly ClientSpec[] = [raw, quarryForAwait, quarryObservable, minioJs, awsSdk, ...(process.env.BENCH_BASELINE_LIB ? [baseline] : [])];

/** The rows BENCH_ONLY (a comma list of groups or exact row names) selects; all when empty. */
export function selectClients(only: string | undefined): ClientSpec[] {
  const wanted = (only ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (wanted.length === 0) return [...CLIENTS];
  const known = new Set(CLIENTS.flatMap((c) => [c.group, c.name.toLowerCase()]));
  const unknown = wanted.filter((w) => !known.has(w));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown client(s) ${unknown.join(", ")}; use quarry, raw, minio-js, aws or a row name`);
  return CLIENTS.filter((c) => wanted.includes(c.group) || wanted.includes(c.name.toLowerCase()));
}
