import type { Observable } from "rxjs";
import type { ObjectsQuery } from "./builders/objects-query.js";
import type { ListenOptions } from "./builders/listen-plan.js";
import type { NotificationRecord } from "./model/notification-record.js";
import type { ComposeOptions, CopyOptions } from "./builders/copy-plan.js";
import type { DownloadOptions } from "./builders/download-plan.js";
import type { ParallelReadOptions } from "./builders/parallel-options.js";
import type { PutManyOptions } from "./builders/snowball-plan.js";
import type { SnowballObject } from "./model/snowball.js";
import type { PutOptions } from "./builders/upload-plan.js";
import type { PresignOptions } from "./builders/presign-plan.js";
import type { PostPolicy, PresignedPost } from "./model/post-policy.js";
import { S3, type S3Options } from "./client.js";
import { InvalidArgumentError } from "./errors.js";
import type { BucketInfo, ObjectInfo } from "./model/object-info.js";
import type { ObjectStream, ObjectWriteResult } from "./model/results.js";
import type { ComposeSource, CopySource } from "./model/copy-source.js";
import type { ProgressListener } from "./model/progress.js";
import type { SseCustomerKey } from "./model/sse.js";
import type { SelectRequest } from "./model/select.js";
import type { SelectResult } from "./select/result.js";
import type { BodyInput } from "./plan/runner.js";
import type { LifecycleConfig } from "./model/lifecycle.js";
import type { NotificationConfig } from "./model/notification.js";
import type { ReplicationConfig } from "./model/replication.js";
import type { ObjectLockConfig } from "./model/object-lock.js";
import type { Retention } from "./model/retention.js";
import type { SSEConfig } from "./model/sse-config.js";
import type { Tags } from "./model/tags.js";
import type { VersioningConfig } from "./model/versioning.js";
import { DeleteErrors } from "./model/delete-errors.js";
import type { KeySource } from "./model/key-source.js";
import { checkInteger } from "./validate/index.js";
import type { TagsInput } from "./xml/configs/tags.js";

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
export interface GetObjectOptions extends ParallelReadOptions {
  readonly offset?: number;
  readonly length?: number;
  readonly requestHeaders?: Readonly<Record<string, string>>;
  /** Customer key of an SSE-C object (HTTPS only). */
  readonly ssec?: SseCustomerKey;
  readonly versionId?: string;
  readonly extraQueryParams?: Readonly<Record<string, string>>;
  /** Verify the body against the object's full-object checksum (see `GetOptions.checksum`). */
  readonly checksum?: boolean;
}

/** Options of {@link Minio.fgetObject}. */
export interface FGetObjectOptions extends Omit<DownloadOptions, "signal" | "onProgress"> {
  /** Version to download (the latest when absent). */
  readonly versionId?: string;
  /** Receives `{ loaded, total }` as the download progresses (callback or RxJS observer). */
  readonly progress?: ProgressListener;
}

/** Options of {@link Minio.statObject}. */
export interface StatObjectOptions {
  /** Customer key of an SSE-C object (HTTPS only). */
  readonly ssec?: SseCustomerKey;
  readonly versionId?: string;
  readonly extraQueryParams?: Readonly<Record<string, string>>;
  /** Ask for the object's checksums (`checksumCRC32` etc. on the result). */
  readonly checksum?: boolean;
}

/** Options of {@link Minio.putObject} and {@link Minio.fputObject} — the seed's keyword arguments. */
export interface PutObjectOptions extends Omit<PutOptions, "size" | "signal" | "onProgress" | "parallel"> {
  /** Receives `{ loaded, total }` as the upload progresses (callback or RxJS observer). */
  readonly progress?: ProgressListener;
  /** Parts uploaded in parallel (default 3). */
  readonly numParallelUploads?: number;
}

function putOptions(options: PutObjectOptions): Omit<PutOptions, "size"> {
  const { progress, numParallelUploads, ...rest } = options;
  return { ...rest, ...(progress ? { onProgress: progress } : {}), ...(numParallelUploads !== undefined ? { parallel: numParallelUploads } : {}) };
}

/** Options of {@link Minio.presignedGetObject} and {@link Minio.getPresignedUrl} — the seed's keyword arguments. */
export type PresignedUrlOptions = Omit<PresignOptions, "method" | "signal">;

/**
 * Options of {@link Minio.uploadSnowballObjects} — the seed's keyword arguments
 * (`stagingFilename`, `compression`, `metadata`, `sse`, `tags`, `retention`, `legalHold`).
 */
export interface UploadSnowballObjectsOptions extends Omit<PutManyOptions, "signal" | "batch" | "contentType" | "parallel"> {}

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
   * Uploads `data` of `length` bytes (`-1`: unknown, streamed part by part): one PUT when it
   * fits in a part, a parallel multipart upload otherwise, aborted on any failure.
   */
  async putObject(
    bucketName: string,
    objectName: string,
    data: BodyInput,
    length: number,
    options: PutObjectOptions = {},
  ): Promise<ObjectWriteResult> {
    if (length !== -1) checkInteger(length, "length", 0);
    return this.s3.bucket(bucketName).object(objectName).put(data, { ...putOptions(options), ...(length === -1 ? {} : { size: length }) });
  }

  /** Uploads a local file (content type guessed from its extension unless given). */
  async fputObject(bucketName: string, objectName: string, filePath: string, options: PutObjectOptions = {}): Promise<ObjectWriteResult> {
    return this.s3.bucket(bucketName).object(objectName).upload(filePath, putOptions(options));
  }

  /**
   * Uploads many objects as one tar archive that MinIO extracts into the bucket (the seed's
   * upload_snowball_objects): streamed with its exact length, or staged in memory
   * (`compression`) or in `stagingFilename`. Resolves to the archive PUT's result. One archive
   * carries at most 5 GiB; for larger or unbounded sources use `s3.bucket(b).putMany()`.
   */
  async uploadSnowballObjects(
    bucketName: string,
    objects: Iterable<SnowballObject> | AsyncIterable<SnowballObject>,
    options: UploadSnowballObjectsOptions = {},
  ): Promise<ObjectWriteResult> {
    const summary = await this.s3.bucket(bucketName).putMany(objects, { ...options, batch: false });
    return summary.results[0]!;
  }

  /** Downloads an object (or a range) as a Node stream with `.headers`. */
  async getObject(bucketName: string, objectName: string, options: GetObjectOptions = {}): Promise<ObjectStream> {
    const { versionId, ...rest } = options;
    return this.#object(bucketName, objectName, versionId).get(rest);
  }

  /**
   * Downloads an object to `filePath` through a temp file (default
   * `<filePath>.<etag>.part.quarry`) renamed into place only when complete; a kept temp
   * file from an interrupted call is resumed. Resolves with the object's information.
   */
  async fgetObject(bucketName: string, objectName: string, filePath: string, options: FGetObjectOptions = {}): Promise<ObjectInfo> {
    const { versionId, progress, ...rest } = options;
    return this.#object(bucketName, objectName, versionId).download(filePath, { ...rest, ...(progress ? { onProgress: progress } : {}) });
  }

  /**
   * Server-side copy of `source` into `objectName`: one CopyObject, or a multipart copy when
   * the source is over 5 GiB or ranged. Metadata or tags given imply the REPLACE directive.
   */
  async copyObject(bucketName: string, objectName: string, source: CopySource, options: Omit<CopyOptions, "signal"> = {}): Promise<ObjectWriteResult> {
    return this.s3.bucket(bucketName).object(objectName).copyFrom(source, options);
  }

  /**
   * Creates `objectName` from parts of other objects (multipart copy); every source but the
   * last must be at least 5 MiB. Any failure aborts the upload.
   */
  async composeObject(bucketName: string, objectName: string, sources: readonly ComposeSource[], options: Omit<ComposeOptions, "signal"> = {}): Promise<ObjectWriteResult> {
    return this.s3.bucket(bucketName).object(objectName).compose(sources, options);
  }

  /**
   * Runs an S3 Select (SQL over one object). Returns the {@link SelectResult} at once — the
   * request is sent now, and its errors (e.g. NoSuchKey) reject `result.ready`, the records and
   * `result.stats()`. Read the records once: `result.records()` (an Observable) or
   * `for await (const chunk of result)`; then `await result.stats()`.
   */
  selectObjectContent(bucketName: string, objectName: string, request: SelectRequest): SelectResult {
    return this.s3.bucket(bucketName).object(objectName).selectNow(request);
  }

  /** Reads an object's information and metadata. */
  async statObject(bucketName: string, objectName: string, options: StatObjectOptions = {}): Promise<ObjectInfo> {
    const { versionId, ...rest } = options;
    return this.#object(bucketName, objectName, versionId).stat(rest);
  }

  /**
   * A presigned URL for `method` on an object, valid for `expires` seconds (default and
   * maximum 7 days). Signed locally; the first call for a bucket whose region is unknown sends
   * one GetBucketLocation (give the client a `region` to avoid it).
   */
  async getPresignedUrl(method: string, bucketName: string, objectName: string, options: PresignedUrlOptions = {}): Promise<string> {
    return this.s3.bucket(bucketName).object(objectName).presign({ ...options, method });
  }

  /** A presigned GET URL (see {@link Minio.getPresignedUrl}). */
  async presignedGetObject(bucketName: string, objectName: string, options: PresignedUrlOptions = {}): Promise<string> {
    return this.s3.bucket(bucketName).object(objectName).presign({ ...options, method: "GET" });
  }

  /** A presigned PUT URL: upload with `fetch(url, { method: "PUT", body })` (see {@link Minio.getPresignedUrl}). */
  async presignedPutObject(bucketName: string, objectName: string, options: { expires?: number } = {}): Promise<string> {
    return this.s3.bucket(bucketName).object(objectName).presign({ expires: options.expires, method: "PUT" });
  }

  /** Signs a POST policy: the bucket URL and the form fields of a browser upload (see {@link S3.presignPost}). */
  async presignedPostPolicy(policy: PostPolicy): Promise<PresignedPost> {
    return this.s3.presignPost(policy);
  }

  /** Removes an object, or one version of it. */
  async removeObject(bucketName: string, objectName: string, options: { versionId?: string } = {}): Promise<void> {
    await this.#object(bucketName, objectName, options.versionId).remove();
  }

  /**
   * Removes many objects (or versions) in DeleteObjects batches of up to 1000. Returns the
   * keys that could not be removed, as in the seed — but the removal starts now, not when
   * the result is iterated, and runs once: subscribe to it, iterate it with `for await`, or
   * await it for a `DeleteError[]` (empty when every key was removed).
   */
  removeObjects(bucketName: string, deleteObjectList: KeySource, options: { bypassGovernanceMode?: boolean } = {}): DeleteErrors {
    return new DeleteErrors(this.s3.bucket(bucketName).removeObjects(deleteObjectList, { bypassGovernance: options.bypassGovernanceMode === true }));
  }

  // ── Bucket configuration ──────────────────────────────────────────────

  /** Reads the versioning configuration (status Off when never set). */
  async getBucketVersioning(bucketName: string): Promise<VersioningConfig> {
    return this.s3.bucket(bucketName).versioning().get();
  }

  /** Sets versioning (Enabled or Suspended, and MinIO's excluded prefixes). */
  async setBucketVersioning(bucketName: string, config: VersioningConfig): Promise<void> {
    await this.s3.bucket(bucketName).versioning().set(config);
  }

  /** Reads the bucket policy JSON; rejects with NoSuchBucketPolicy when there is none, as the seed does. */
  async getBucketPolicy(bucketName: string): Promise<string> {
    return this.s3.bucket(bucketName).policy().get();
  }

  /** Sets the bucket policy (a JSON string). */
  async setBucketPolicy(bucketName: string, policy: string): Promise<void> {
    await this.s3.bucket(bucketName).policy().set(policy);
  }

  /** Removes the bucket policy. */
  async deleteBucketPolicy(bucketName: string): Promise<void> {
    await this.s3.bucket(bucketName).policy().delete();
  }

  /** Reads the notification configuration (empty when none is set). */
  async getBucketNotification(bucketName: string): Promise<NotificationConfig> {
    return this.s3.bucket(bucketName).notification().get();
  }

  /** Sets the notification configuration (MinIO accepts only ARNs of its configured targets). */
  async setBucketNotification(bucketName: string, config: NotificationConfig): Promise<void> {
    await this.s3.bucket(bucketName).notification().set(config);
  }

  /** Removes every notification (sets an empty configuration, as the seed does). */
  async deleteBucketNotification(bucketName: string): Promise<void> {
    await this.s3.bucket(bucketName).notification().delete();
  }

  /**
   * Listens to a bucket's events: an Observable of {@link NotificationRecord}s that connects
   * on subscribe (one connection per subscription) and ends its request when unsubscribed.
   * Reconnects when the connection drops (see {@link ListenOptions} for `reconnect`,
   * `idleTimeoutMs`, `signal`, beyond the seed's `prefix`, `suffix`, `events`).
   */
  listenBucketNotification(bucketName: string, options: ListenOptions = {}): Observable<NotificationRecord> {
    return this.s3.bucket(bucketName).listen(options);
  }

  /** Reads the lifecycle configuration, or null when none is set. */
  async getBucketLifecycle(bucketName: string): Promise<LifecycleConfig | null> {
    return this.s3.bucket(bucketName).lifecycle().get();
  }

  /** Sets the lifecycle configuration. */
  async setBucketLifecycle(bucketName: string, config: LifecycleConfig): Promise<void> {
    await this.s3.bucket(bucketName).lifecycle().set(config);
  }

  /** Removes the lifecycle configuration. */
  async deleteBucketLifecycle(bucketName: string): Promise<void> {
    await this.s3.bucket(bucketName).lifecycle().delete();
  }

  /** Reads the replication configuration, or null when none is set. */
  async getBucketReplication(bucketName: string): Promise<ReplicationConfig | null> {
    return this.s3.bucket(bucketName).replication().get();
  }

  /** Sets the replication configuration (versioning must be enabled; MinIO needs a remote target). */
  async setBucketReplication(bucketName: string, config: ReplicationConfig): Promise<void> {
    await this.s3.bucket(bucketName).replication().set(config);
  }

  /** Removes the replication configuration. */
  async deleteBucketReplication(bucketName: string): Promise<void> {
    await this.s3.bucket(bucketName).replication().delete();
  }

  /** Reads the default encryption, or null when none is set. */
  async getBucketEncryption(bucketName: string): Promise<SSEConfig | null> {
    return this.s3.bucket(bucketName).encryption().get();
  }

  /** Sets the default encryption. */
  async setBucketEncryption(bucketName: string, config: SSEConfig): Promise<void> {
    await this.s3.bucket(bucketName).encryption().set(config);
  }

  /** Removes the default encryption. */
  async deleteBucketEncryption(bucketName: string): Promise<void> {
    await this.s3.bucket(bucketName).encryption().delete();
  }

  /** Reads the bucket tags, or null when there are none. */
  async getBucketTags(bucketName: string): Promise<Tags | null> {
    return this.s3.bucket(bucketName).tags().get();
  }

  /** Sets the bucket tags (at most 50). */
  async setBucketTags(bucketName: string, tags: TagsInput): Promise<void> {
    await this.s3.bucket(bucketName).tags().set(tags);
  }

  /** Removes the bucket tags. */
  async deleteBucketTags(bucketName: string): Promise<void> {
    await this.s3.bucket(bucketName).tags().delete();
  }

  /** Reads the object-lock configuration of a bucket created with object lock. */
  async getObjectLockConfig(bucketName: string): Promise<ObjectLockConfig> {
    return this.s3.bucket(bucketName).objectLock().get();
  }

  /** Sets the default retention of a bucket created with object lock. */
  async setObjectLockConfig(bucketName: string, config: ObjectLockConfig): Promise<void> {
    await this.s3.bucket(bucketName).objectLock().set(config);
  }

  /** Removes the default retention rule (object lock itself stays enabled). */
  async deleteObjectLockConfig(bucketName: string): Promise<void> {
    await this.s3.bucket(bucketName).objectLock().delete();
  }

  // ── Object configuration ──────────────────────────────────────────────

  /** Reads an object's tags, or null when it has none. */
  async getObjectTags(bucketName: string, objectName: string, options: { versionId?: string } = {}): Promise<Tags | null> {
    return this.#object(bucketName, objectName, options.versionId).tags().get();
  }

  /** Sets an object's tags (at most 10). */
  async setObjectTags(bucketName: string, objectName: string, tags: TagsInput, options: { versionId?: string } = {}): Promise<void> {
    await this.#object(bucketName, objectName, options.versionId).tags().set(tags);
  }

  /** Removes an object's tags. */
  async deleteObjectTags(bucketName: string, objectName: string, options: { versionId?: string } = {}): Promise<void> {
    await this.#object(bucketName, objectName, options.versionId).tags().delete();
  }

  /** Puts a legal hold on an object version. */
  async enableObjectLegalHold(bucketName: string, objectName: string, options: { versionId?: string } = {}): Promise<void> {
    await this.#object(bucketName, objectName, options.versionId).legalHold().set(true);
  }

  /** Lifts the legal hold of an object version. */
  async disableObjectLegalHold(bucketName: string, objectName: string, options: { versionId?: string } = {}): Promise<void> {
    await this.#object(bucketName, objectName, options.versionId).legalHold().set(false);
  }

  /** Whether an object version is under legal hold (false when none was ever set). */
  async isObjectLegalHoldEnabled(bucketName: string, objectName: string, options: { versionId?: string } = {}): Promise<boolean> {
    return this.#object(bucketName, objectName, options.versionId).legalHold().get();
  }

  /** Reads an object version's retention, or null when it has none. */
  async getObjectRetention(bucketName: string, objectName: string, options: { versionId?: string } = {}): Promise<Retention | null> {
    return this.#object(bucketName, objectName, options.versionId).retention().get();
  }

  /** Sets an object version's retention. */
  async setObjectRetention(bucketName: string, objectName: string, config: Retention, options: { versionId?: string } = {}): Promise<void> {
    await this.#object(bucketName, objectName, options.versionId).retention().set(config);
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
