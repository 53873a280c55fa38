/**
 * The peer clients benchmarks compare Quarry with, built the same way everywhere: minio-js 8
 * over plain HTTP and the AWS SDK v3 with path-style addressing. Imported lazily, so a library
 * that fails to load only fails its own rows.
 */

/** Where and as whom a peer client connects. */
export interface PeerContext {
  readonly endpoint: string;
  readonly accessKey: string;
  /** Never print it. */
  readonly secretKey: string;
  readonly region: string;
}

/** A minio-js 8 client (it uses http.globalAgent: keep-alive on Node ≥ 19; nothing to close). */
export async function minioJsClient(ctx: PeerContext) {
  const Minio = await import("minio");
  const url = new URL(ctx.endpoint);
  return new Minio.Client({
    endPoint: url.hostname, port: Number(url.port || 80), useSSL: false,
    accessKey: ctx.accessKey, secretKey: ctx.secretKey, region: ctx.region,
  });
}

/** An AWS SDK v3 S3 client (path-style); call `destroy()` when done. */
export async function awsClient(ctx: PeerContext) {
  const { S3Client } = await import("@aws-sdk/client-s3");
  return new S3Client({
    endpoint: ctx.endpoint, region: ctx.region, forcePathStyle: true,
    credentials: { accessKeyId: ctx.accessKey, secretAccessKey: ctx.secretKey },
  });
}
