import type { Readable } from "node:stream";
import type { ObjectsQuery } from "./builders/objects-query.js";
import type { PutOptions } from "./builders/object-ref.js";
import { S3, type S3Options } from "./client.js";
import { InvalidArgumentError } from "./errors.js";
import type { BucketInfo, ObjectInfo } from "./model/object-info.js";
import type { ObjectStream, ObjectWriteResult } from "./model/results.js";
import { checkInteger } from "./validate/index.js";

/** Options of the {@link Minio} constructor — the seed's keyword arguments. */
export type MinioOptions = Omit<S3Options, "endpoint">;

/** Options of {@link Minio.listObjects}. */
export interface ListObjectsOptions {
  readonly prefix?: string;
  readonly recursive?: boolean;
  readonly startAfter?: string;
  readonly includeUserMeta?: boolean;
  readonly includeVersion?: boolean;
  readonly useApiV1?: boolean;
  /** Default true, as in the seed. */
  readonly useUrlEncodingType?: boolean;
}

/** Options of {@link Minio.getObject}. */
export interface GetObjectOptions {
  readonly offset?: number;
  readonly length?: number;
  readonly requestHeaders?: Readonly<Record<string, string>>;
  readonly versionId?: string;
  readonly extraQueryParams?: Readonly<Record<string, string>>;
}

/** Options of {@link Minio.statObject}. */
export interface StatObjectOptions {
  readonly versionId?: string;
  readonly extraQueryParams?: Readonly<Record<string, string>>;
}

/** Options of {@link Minio.putObject}. */
export type PutObjectOptions = Omit<PutOptions, "size" | "signal">;

/**
 * The seed-parity facade: every operation of the MinIO Python SDK under its camelCase
 * name, required parameters positional, optional ones in a final options object. Each
 * method is a thin call into the fluent {@link S3} API.
 *
 * @example
 * ```ts
 * const client = new Minio("127.0.0.1:9000", { accessKey, secretKey, secure: false });
 * await client.makeBucket("my-bucket");
 * await client.putObject("my-bucket", "hello.txt", Buffer.from("hi"), 2);
 * ```
 */
export class Minio {
  /** The fluent client underneath; use it for anything beyond the seed's API. */
  readonly s3: S3;

  /**
   * @param endpoint `host:port` (HTTPS unless `secure: false`) or a URL with scheme
   * @param options credentials, region, TLS and transport settings
   */
  constructor(endpoint: string, options: MinioOptions = {}) {
    this.s3 = new S3({ ...options, endpoint });
  }

  /** Creates a bucket, optionally in a region (`location`) and with object lock. */
  async makeBucket(bucketName: string, options: { location?: string; objectLock?: boolean } = {}): Promise<void> {
    await this.s3.bucket(bucketName).create({ region: options.location, objectLock: options.objectLock });
  }

  /** Lists every bucket. */
  async listBuckets(): Promise<BucketInfo[]> {
    return this.s3.buckets().list();
  }

  /** Whether a bucket exists. */
  async bucketExists(bucketName: string): Promise<boolean> {
    return this.s3.bucket(bucketName).exists();
  }

  /** Removes an empty bucket. */
  async removeBucket(bucketName: string): Promise<void> {
    await this.s3.bucket(bucketName).remove();
  }

  /**
   * Lists objects: returns an {@link ObjectsQuery}, which is async-iterable and has
   * `.stream()` for an Observable. Nothing is requested until it is consumed.
   */
  listObjects(bucketName: string, options: ListObjectsOptions = {}): ObjectsQuery {
    let q = this.s3.bucket(bucketName).objects()
      .prefix(options.prefix ?? "")
      .recursive(options.recursive === true)
      .urlEncoding(options.useUrlEncodingType !== false);
    if (options.startAfter !== undefined) q = q.startAfter(options.startAfter);
    if (options.includeVersion) q = q.versions();
    else if (options.useApiV1) q = q.apiV1();
    if (options.includeUserMeta) q = q.withMetadata();
    q.explain(); // refuse conflicting options now rather than on first use
    return q;
  }

  /**
   * Uploads data of `length` bytes. (`length: -1` for streams of unknown size arrives with
   * multipart uploads.)
   */
  async putObject(
    bucketName: string,
    objectName: string,
    data: Buffer | Uint8Array | string | Readable,
    length: number,
    options: PutObjectOptions = {},
  ): Promise<ObjectWriteResult> {
    checkInteger(length, "length", 0);
    return this.s3.bucket(bucketName).object(objectName).put(data, { ...options, size: length });
  }

  /** Downloads an object (or a range) as a Node stream with `.headers`. */
  async getObject(bucketName: string, objectName: string, options: GetObjectOptions = {}): Promise<ObjectStream> {
    const { versionId, ...rest } = options;
    return this.#object(bucketName, objectName, versionId).get(rest);
  }

  /** Reads an object's information and metadata. */
  async statObject(bucketName: string, objectName: string, options: StatObjectOptions = {}): Promise<ObjectInfo> {
    return this.#object(bucketName, objectName, options.versionId).stat({ extraQueryParams: options.extraQueryParams });
  }

  /** Removes an object, or one version of it. */
  async removeObject(bucketName: string, objectName: string, options: { versionId?: string } = {}): Promise<void> {
    await this.#object(bucketName, objectName, options.versionId).remove();
  }

  #object(bucketName: string, objectName: string, versionId: string | undefined) {
    const ref = this.s3.bucket(bucketName).object(objectName);
    if (versionId === undefined) return ref;
    if (typeof versionId !== "string") throw new InvalidArgumentError("versionId must be a string");
    return ref.version(versionId);
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.s3.close();
  }
}
