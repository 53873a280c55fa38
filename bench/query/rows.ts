/**
 * The rows of the key-range bench: each lists the 1% range through the counting proxy and
 * returns the keys it found. Quarry with the range pushed down (sequential and parallel(8)),
 * Quarry and minio-js listing everything and filtering in user code, and `mc find` with a
 * path glob selecting the same keys (a subprocess: its wall time includes process start).
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { S3 } from "../../lib/index.js";
import { minioJsClient } from "../support/peer-clients.js";
import type { KeyRange } from "./layout.js";

/** Where the rows send their requests (the proxy) and what they query. */
export interface RowContext {
  readonly endpoint: string;
  readonly accessKey: string;
  /** Never print it. */
  readonly secretKey: string;
  readonly region: string;
  readonly bucket: string;
  readonly range: KeyRange;
  /** The `mc` binary. */
  readonly mc: string;
}

/** One contestant, ready to run. */
export interface Row {
  readonly name: string;
  /** How it selects the range, for the table. */
  readonly how: string;
  /** Lists and returns the keys it selected (in the order they came). */
  run(): Promise<string[]>;
  close(): Promise<void>;
}

const run = promisify(execFile);

/** A Quarry client on the proxy; the region is given, so no GetBucketLocation is sent. */
function quarry(ctx: RowContext): S3 {
  return new S3({ endpoint: ctx.endpoint, accessKey: ctx.accessKey, secretKey: ctx.secretKey, region: ctx.region });
}

async function collect(source: AsyncIterable<{ objectName: string }>): Promise<string[]> {
  const out: string[] = [];
  for await (const o of source) out.push(o.objectName);
  return out;
}

/** An environment in which `mc` knows the alias `q` (the proxy) and keeps its config in `dir`. */
export function mcEnv(ctx: RowContext, dir: string): NodeJS.ProcessEnv {
  const url = new URL(ctx.endpoint);
  return { ...process.env, MC_HOST_q: `${url.protocol}//${ctx.accessKey}:${ctx.secretKey}@${url.host}`, MC_CONFIG_DIR: dir };
}

/**
 * Runs `mc find q/<bucket>[/<folder>] …args` and returns the keys it printed. (No trailing "/"
 * after a bare bucket: `mc find q/b/ --path 'logs/*'` matches nothing where `q/b` matches.)
 */
export async function mcFind(ctx: RowContext, bucket: string, args: readonly string[], configDir: string, folder = ""): Promise<string[]> {
  const { stdout } = await run(ctx.mc, ["--no-color", "--quiet", "find", folder ? `q/${bucket}/${folder}` : `q/${bucket}`, ...args], {
    env: mcEnv(ctx, configDir), maxBuffer: 256 * 1024 ** 2,
  });
  const lead = `q/${bucket}/`;
  return stdout.split("\n").filter(Boolean).map((line) => {
    if (!line.startsWith(lead)) throw new Error(`mc find printed ${JSON.stringify(line.slice(0, 120))}, not a key under ${lead}`);
    return line.slice(lead.length);
  });
}

/** Every row, in table order. */
export async function makeRows(ctx: RowContext): Promise<Row[]> {
  const { bucket, range } = ctx;
  const { lo, hi } = range;
  const s3 = quarry(ctx);
  const s3Parallel = quarry(ctx);
  const minioJs = await minioJsClient(ctx);
  const mcDir = await mkdtemp(join(tmpdir(), "quarry-bench-mc-"));
  return [
    {
      name: "Quarry keyBetween",
      how: `objects().recursive().keyBetween("${lo}", "${hi}")`,
      run: () => collect(s3.bucket(bucket).objects().recursive().keyBetween(lo, hi)),
      close: async () => s3.close(),
    },
    {
      name: "Quarry keyBetween parallel(8)",
      how: `… .keyBetween(…).parallel(8).ordered()`,
      run: () => collect(s3Parallel.bucket(bucket).objects().recursive().keyBetween(lo, hi).parallel(8).ordered()),
      close: async () => s3Parallel.close(),
    },
    {
      name: "Quarry listing + user filter",
      how: "for await (o of objects().recursive()) if (lo <= k && k < hi)",
      async run() {
        const out: string[] = [];
        for await (const o of s3.bucket(bucket).objects().recursive()) if (o.objectName >= lo && o.objectName < hi) out.push(o.objectName);
        return out;
      },
      close: async () => undefined,
    },
    {
      name: "minio-js 8 listObjectsV2 + user filter",
      how: `listObjectsV2(bucket, "", true) + if (lo <= k && k < hi)`,
      run: () => new Promise<string[]>((resolve, reject) => {
        const out: string[] = [];
        const stream = minioJs.listObjectsV2(bucket, "", true);
        stream.on("data", (o: { name?: string }) => {
          if (o.name !== undefined && o.name >= lo && o.name < hi) out.push(o.name);
        });
        stream.once("error", reject);
        stream.once("end", () => resolve(out));
      }),
      close: async () => undefined,
    },
    {
      name: "mc find --path",
      how: `mc find q/${bucket} --path '${range.mcPath}'`,
      run: () => mcFind(ctx, bucket, ["--path", range.mcPath], mcDir),
      close: async () => undefined,
    },
    {
      name: "mc find, folder narrowed by hand",
      how: `mc find q/${bucket}/${range.mcFolder} --name '${range.mcName}'`,
      run: () => mcFind(ctx, bucket, ["--name", range.mcName], mcDir, range.mcFolder),
      close: () => rm(mcDir, { recursive: true, force: true }),
    },
  ];
}
