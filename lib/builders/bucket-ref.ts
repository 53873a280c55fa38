import type { Observable } from "rxjs";
import type { NotificationRecord } from "../model/notification-record.js";
import {
  freezeNode, type HeadBucketNode, type ListenBucketNotificationNode, type MakeBucketNode, type RemoveBucketNode, type SnowballUploadNode,
} from "../plan/nodes.js";
import type { PlanRunner, SnowballSource } from "../plan/runner.js";
import type { SnowballObject, SnowballSummary } from "../model/snowball.js";
import { planSnowball, type PutManyOptions } from "./snowball-plan.js";
import { checkBucketName, checkRegion } from "../validate/index.js";
import {
  bucketTagsCodec, encryptionCodec, lifecycleCodec, notificationCodec, objectLockCodec, policyCodec, replicationCodec, versioningCodec,
} from "../xml/configs/index.js";
import type { ConfigCodec } from "../xml/configs/codec.js";
import { ConfigRef } from "./config-ref.js";
import { listenNode, type ListenOptions } from "./listen-plan.js";
import { ObjectRef, type SignalOption } from "./object-ref.js";
import { ObjectsQuery } from "./objects-query.js";
import { UploadsRef } from "./uploads-ref.js";
import type { BulkMutation } from "../model/bulk-mutation.js";
import type { KeySource } from "../model/key-source.js";
import { planRemoveKeys, startRemove, type RemoveObjectsOptions } from "./remove-plan.js";

/** Options of {@link BucketRef.create}. */
export interface CreateBucketOptions extends SignalOption {
  /** Region to create the bucket in (default: the client's region, or us-east-1). */
  readonly region?: string;
  /** Enable object lock (and versioning) on the new bucket. */
  readonly objectLock?: boolean;
}

/** What {@link BucketRef.explain} can show. */
export type BucketOperation = "create" | "exists" | "remove" | "listen" | "putMany";

/**
 * A bucket. Immutable, no I/O until a terminal call.
 *
 * @example
 * ```ts
 * const b = s3.bucket("photos");
 * if (!(await b.exists())) await b.create({ region: "us-east-1" });
 * ```
 */
export class BucketRef {
  readonly #runner: PlanRunner;
  /** Bucket name. */
  readonly name: string;

  /** @internal Use `S3.bucket()`. */
  constructor(runner: PlanRunner, name: string) {
    checkBucketName(name);
    this.#runner = runner;
    this.name = name;
    Object.freeze(this);
  }

  /** An object in this bucket. */
  object(key: string): ObjectRef {
    return new ObjectRef(this.#runner, this.name, key);
  }

  /** This bucket's incomplete multipart uploads: list, abort one, abort all. */
  uploads(): UploadsRef {
    return new UploadsRef(this.#runner, this.name);
  }

  /** A listing of this bucket's objects (configure it, then stream or iterate it). */
  objects(): ObjectsQuery {
    return ObjectsQuery.of(this.#runner, this.name);
  }

  /**
   * Removes the given keys (strings, `DeleteObject`s with version ids, or listed
   * `ObjectInfo`s) from an array, iterable, async iterable or Observable, pulled lazily and
   * sent in DeleteObjects batches of up to 1000, a few in flight — memory stays flat for any
   * number of keys. Starts now and runs once; see {@link ObjectsQuery.remove} for the result.
   */
  removeObjects(keys: KeySource, options: RemoveObjectsOptions = {}): BulkMutation {
    const node = planRemoveKeys(this.name, keys, options);
    return startRemove(this.#runner, node, options, { keys });
  }

  #config<T, In, G>(codec: ConfigCodec<T, In, G>): ConfigRef<T, In, G> {
    return new ConfigRef(this.#runner, { bucket: this.name }, codec);
  }

  /** Versioning (Enabled / Suspended / Off, and MinIO's excluded prefixes). Cannot be deleted. */
  versioning() {
    return this.#config(versioningCodec);
  }

  /** Bucket policy, as a JSON string. `get()` on a bucket without one rejects with NoSuchBucketPolicy, as in the seed. */
  policy() {
    return this.#config(policyCodec);
  }

  /** Notification configuration (queue, topic and cloud-function targets). */
  notification() {
    return this.#config(notificationCodec);
  }

  /** Default server-side encryption. */
  encryption() {
    return this.#config(encryptionCodec);
  }

  /** Replication configuration. */
  replication() {
    return this.#config(replicationCodec);
  }

  /** Lifecycle rules. */
  lifecycle() {
    return this.#config(lifecycleCodec);
  }

  /** Bucket tags (at most 50). */
  tags() {
    return this.#config(bucketTagsCodec);
  }

  /** Default object-lock retention of a bucket created with object lock. */
  objectLock() {
    return this.#config(objectLockCodec);
  }

  /** The plan a terminal call would run. */
  explain(operation: "create", options?: CreateBucketOptions): MakeBucketNode;
  explain(operation: "exists" | "remove"): HeadBucketNode | RemoveBucketNode;
  explain(operation: "listen", options?: ListenOptions): ListenBucketNotificationNode;
  explain(operation: "putMany", source: SnowballSource, options?: PutManyOptions): SnowballUploadNode;
  explain(
    operation: BucketOperation,
    a: unknown = {},
    b: unknown = {},
  ): MakeBucketNode | HeadBucketNode | RemoveBucketNode | ListenBucketNotificationNode | SnowballUploadNode {
    if (operation === "putMany") return planSnowball(this.name, a as SnowballSource, b as PutManyOptions);
    if (operation === "create") return this.#createNode(a as CreateBucketOptions);
    if (operation === "listen") return listenNode(this.name, a as ListenOptions);
    if (operation === "exists") return freezeNode({ kind: "HeadBucket", bucket: this.name });
    return freezeNode({ kind: "RemoveBucket", bucket: this.name });
  }

  #createNode(options: CreateBucketOptions): MakeBucketNode {
    checkBucketName(this.name, true);
    if (options.region !== undefined) checkRegion(options.region);
    return freezeNode({
      kind: "MakeBucket",
      bucket: this.name,
      ...(options.region !== undefined ? { region: options.region } : {}),
      objectLock: options.objectLock === true,
    });
  }

  /** Creates the bucket. */
  async create(options: CreateBucketOptions = {}): Promise<void> {
    return this.#runner.run(this.#createNode(options), { signal: options.signal });
  }

  /** Whether the bucket exists (false on NoSuchBucket; other errors reject). */
  async exists(options: SignalOption = {}): Promise<boolean> {
    return this.#runner.run(freezeNode({ kind: "HeadBucket", bucket: this.name }), { signal: options.signal });
  }

  /** Removes the (empty) bucket. */
  async remove(options: SignalOption = {}): Promise<void> {
    return this.#runner.run(freezeNode({ kind: "RemoveBucket", bucket: this.name }), { signal: options.signal });
  }

  /**
   * Uploads many objects as tar archives that MinIO extracts on arrival (snowball): from any
   * iterable or async iterable of {@link SnowballObject} or `{ name, data }`. The source is
   * read as the upload goes and cut into archives of bounded size (`options.batch`, default
   * 64 MiB / 10 000 objects), each sent as one PUT before the next is read, so memory stays
   * bounded however long the source. Uncompressed archives stream with their exact length;
   * compressed ones are staged (memory or `stagingFilename`). A failed archive may be partly
   * extracted (MinIO extracts while it receives).
   */
  async putMany(source: SnowballSource, options: PutManyOptions = {}): Promise<SnowballSummary> {
    return this.#runner.run(planSnowball(this.name, source, options), { objects: source, signal: options.signal });
  }

  /** The bucket's region (GetBucketLocation, cached). */
  async location(options: SignalOption = {}): Promise<string> {
    return this.#runner.run(freezeNode({ kind: "GetBucketLocation", bucket: this.name }), { signal: options.signal });
  }

  /**
   * Listens to this bucket's events (MinIO's ListenBucketNotification): an Observable of
   * records, one emission per record, that connects on subscribe — each subscription opens
   * its own connection; `share()` it to fan one connection out to many consumers.
   * Unsubscribing ends the request at once. Keep-alive padding is skipped; a dropped, closed
   * or silent (`idleTimeoutMs`) connection is reconnected with jittered backoff unless
   * `reconnect: false`; a 4xx answer (NoSuchBucket, AccessDenied) errors with the typed
   * S3Error. Events that happen while no connection is up are not replayed (a listener is
   * not a durable queue: use a notification target for that). Each live subscription holds
   * one socket of the client's pool (`transport.maxSockets`, default 64, per host).
   *
   * @example
   * ```ts
   * s3.bucket("photos").listen({ prefix: "in/", events: ["s3:ObjectCreated:*"] })
   *   .subscribe((r) => console.log(r.eventName, r.objectName));
   * ```
   * @throws InvalidArgumentError at once on bad options (see {@link ListenOptions})
   */
  listen(options: ListenOptions = {}): Observable<NotificationRecord> {
    return this.#runner.listen(listenNode(this.name, options), options.signal);
  }
}
