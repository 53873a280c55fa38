/**
 * The three clients every benchmark compares, made the same way for each: Quarry, minio-js 8
 * (plain HTTP) and the AWS SDK v3 (path style). Libraries are imported on first use, so a
 * benchmark row that is not selected never loads its library.
 */

/** Where and as whom a benchmark client talks. */
export interface PeerContext {
  readonly endpoint: string;
  readonly accessKey: string;
  /** Never print it. */
  readonly secretKey: string;
  readonly region: string;
}

/** A Quarry client (close it with `close()`): this checkout's `lib`, or another `index.js` (a baseline). */
export async function quarryClient(ctx: PeerContext, lib = "../../lib/index.js") {
  const { S3 } = (await import(lib)) as typeof import("../../lib/index.js");
  return new S3({ endpoint: ctx.endpoint, accessKey: ctx.accessKey, secretKey: ctx.secretKey, region: ctx.region });
}

/** A minio-js client over plain HTTP (it uses http.globalAgent: nothing to close). */
export async function minioJsClient(ctx: PeerContext) {
  const Minio = await import("minio");
  const url = new URL(ctx.endpoint);
  return new Minio.Client({
    endPoint: url.hostname, port: Number(url.port || 80), useSSL: false, accessKey: ctx.accessKey, secretKey: ctx.secretKey, region: ctx.region,
  });
}

/** An AWS SDK v3 S3Client, path style (close it with `destroy()`). */
export async function awsS3Client(ctx: PeerContext) {
  const { S3Client } = await import("@aws-sdk/client-s3");
  return new S3Client({ endpoint: ctx.endpoint, region: ctx.region, forcePathStyle: true, credentials: { accessKeyId: ctx.accessKey, secretAccessKey: ctx.secretKey } });
}
