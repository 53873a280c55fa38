import { InvalidArgumentError } from "../errors.js";
import type { ObjectInfo } from "../model/object-info.js";
import type { ObjectStream, ObjectWriteResult } from "../model/results.js";
import type { Observable } from "rxjs";
import { progressCallback, type Progress } from "../model/progress.js";
import { SseCustomerKey } from "../model/sse.js";
import {
  freezeNode, type ComposeObjectNode, type CopyObjectNode, type DeleteObjectNode, type DownloadObjectNode, type GetObjectNode,
  type HeadObjectNode, type MultipartUploadNode, type PlanNode, type PresignObjectNode, type PutObjectNode, type UploadFileNode,
} from "../plan/nodes.js";
import type { BodyInput, PlanRunner } from "../plan/runner.js";
import { checkChecksumFlag, checkInteger, checkObjectName } from "../validate/index.js";
import { withChecksumMode } from "./checksum-mode.js";
import type { ConfigCodec } from "../xml/configs/codec.js";
import { legalHoldCodec, objectTagsCodec, retentionCodec } from "../xml/configs/index.js";
import { ConfigRef } from "./config-ref.js";
import { planCompose, planCopy, type ComposeOptions, type ComposeSource, type CopyOptions, type CopySource } from "./copy-plan.js";
import { planDownload, type DownloadOptions } from "./download-plan.js";
import { requestHeaders } from "./headers.js";
import { parallelFields, type ParallelReadOptions } from "./parallel-options.js";
import { planPresign, type PresignOptions } from "./presign-plan.js";
import { uploadObservable, type UploadEvent } from "./upload-observable.js";
import { planPut, planUploadFile, type PutOptions, type UploadOptions } from "./upload-plan.js";
import { planSelect, type SelectOptions } from "./select-plan.js";
import { SelectResult } from "../select/result.js";
import type { SelectRequest } from "../model/select.js";
import type { SelectObjectContentNode } from "../plan/select-node.js";

/** Options every terminal call accepts. */
export interface SignalOption {
  /** Aborts the call and its request in flight. */
  readonly signal?: AbortSignal;
}

/** Options of {@link ObjectRef.get}. */
export interface GetOptions extends SignalOption, ParallelReadOptions {
  /** First byte to read (default 0). */
  readonly offset?: number;
  /** Number of bytes to read (default: to the end). */
  readonly length?: number;
  /** Extra request headers (e.g. If-Match). */
  readonly requestHeaders?: Readonly<Record<string, string>>;
  /** Extra query parameters (e.g. response-content-type). */
  readonly extraQueryParams?: Readonly<Record<string, string>>;
  /** Customer key, for an object written with SSE-C. */
  readonly ssec?: SseCustomerKey;
  /**
   * Ask for the object's checksum (`x-amz-checksum-mode: ENABLED`) and verify the body against
   * it: a mismatch fails the stream with a ChecksumMismatchError after its last byte. Only a
   * full-object CRC32, SHA-256 or SHA-1 is verified; a composite checksum (multipart uploads)
   * or none at all (servers that ignore checksums) passes unchecked. Not with a range. With
   * `parallel`, whose ranges carry no checksum, one HEAD (pinned to the same ETag) fetches it.
   */
  readonly checksum?: boolean;
}

/** Options of {@link ObjectRef.stat}. */
export interface StatOptions extends SignalOption {
  /** Extra request headers. */
  readonly requestHeaders?: Readonly<Record<string, string>>;
  /** Extra query parameters. */
  readonly extraQueryParams?: Readonly<Record<string, string>>;
  /** Customer key, for an object written with SSE-C. */
  readonly ssec?: SseCustomerKey;
  /** Ask for the object's checksums (`x-amz-checksum-mode: ENABLED`): `checksumCRC32` etc. on the result. */
  readonly checksum?: boolean;
}

/** Options of {@link ObjectRef.remove}. */
export interface RemoveOptions extends SignalOption {
  /** Remove a version under GOVERNANCE retention (needs the permission). */
  readonly bypassGovernance?: boolean;
}

/** What {@link ObjectRef.explain} can show. */
export type ObjectOperation = "put" | "get" | "stat" | "remove" | "upload" | "download" | "copy" | "compose" | "presign" | "select";

/**
 * One object (or one version of it). Immutable, no I/O until a terminal call.
 *
 * @example
 * ```ts
 * const o = s3.bucket("docs").object("a/readme.txt");
 * await o.put("hello", { contentType: "text/plain" });
 * const info = await o.stat();
 * ```
 */
export class ObjectRef {
  readonly #runner: PlanRunner;
  /** Bucket name. */
  readonly bucketName: string;
  /** Object key. */
  readonly objectName: string;
  /** Version this reference points at, if any. */
  readonly versionId: string | undefined;

  /** @internal Use `BucketRef.object()`. */
  constructor(runner: PlanRunner, bucketName: string, objectName: string, versionId?: string) {
    checkObjectName(objectName);
    if (versionId !== undefined && (typeof versionId !== "string" || versionId === "")) {
      throw new InvalidArgumentError("versionId must be a non-empty string");
    }
    this.#runner = runner;
    this.bucketName = bucketName;
    this.objectName = objectName;
    this.versionId = versionId;
    Object.freeze(this);
  }

  /** The same object at a given version. */
  version(versionId: string): ObjectRef {
    return new ObjectRef(this.#runner, this.bucketName, this.objectName, versionId);
  }

  #config<T, In, G>(codec: ConfigCodec<T, In, G>): ConfigRef<T, In, G> {
    const target = { bucket: this.bucketName, key: this.objectName, ...(this.versionId !== undefined ? { versionId: this.versionId } : {}) };
    return new ConfigRef(this.#runner, target, codec);
  }

  /** Object tags (at most 10) of this object or version. */
  tags() {
    return this.#config(objectTagsCodec);
  }

  /** Object-lock retention (mode and retain-until date) of this object or version. */
  retention() {
    return this.#config(retentionCodec);
  }

  /** Legal hold of this object or version: `get()` → boolean, `set(true | false)`. */
  legalHold() {
    return this.#config(legalHoldCodec);
  }

  /** The plan a terminal call with these options would run. */
  explain(operation: "put", body: BodyInput, options?: PutOptions): PutObjectNode | MultipartUploadNode;
  explain(operation: "upload", filePath: string, options?: UploadOptions): UploadFileNode;
  explain(operation: "get", options?: GetOptions): GetObjectNode;
  explain(operation: "stat", options?: StatOptions): HeadObjectNode;
  explain(operation: "remove", options?: RemoveOptions): DeleteObjectNode;
  explain(operation: "upload", filePath: string, options?: UploadOptions): UploadFileNode;
  explain(operation: "download", filePath: string, options?: DownloadOptions): DownloadObjectNode;
  explain(operation: "copy", source: CopySource, options?: CopyOptions): CopyObjectNode;
  explain(operation: "compose", sources: readonly ComposeSource[], options?: ComposeOptions): ComposeObjectNode;
  explain(operation: "presign", options?: PresignOptions): PresignObjectNode;
  explain(operation: "select", request: SelectRequest, options?: SelectOptions): SelectObjectContentNode;
  explain(operation: ObjectOperation, a?: unknown, b?: unknown): PlanNode {
    switch (operation) {
      case "presign":
        return planPresign(this, (a ?? {}) as PresignOptions);
      case "select":
        return planSelect(this, a as SelectRequest, (b ?? {}) as SelectOptions);
      case "upload":
        return planUploadFile(this, a as string, (b ?? {}) as UploadOptions);
      case "download":
        return planDownload(this, a as string, (b ?? {}) as DownloadOptions);
      case "copy":
        return planCopy(this, a as CopySource, (b ?? {}) as CopyOptions);
      case "compose":
        return planCompose(this, a as readonly ComposeSource[], (b ?? {}) as ComposeOptions);
      case "put":
        return planPut(this, a as BodyInput, (b ?? {}) as PutOptions);
      case "get":
        return this.#getNode((a ?? {}) as GetOptions);
      case "stat":
        return this.#statNode((a ?? {}) as StatOptions);
      case "remove":
        return this.#removeNode((a ?? {}) as RemoveOptions);
      default:
        throw new InvalidArgumentError(`unknown operation ${String(operation)}`);
    }
  }

  #getNode(options: GetOptions): GetObjectNode {
    let range: GetObjectNode["range"];
    if (options.offset !== undefined || options.length !== undefined) {
      const offset = options.offset ?? 0;
      checkInteger(offset, "offset", 0);
      if (options.length !== undefined) checkInteger(options.length, "length", 1);
      range = options.length === undefined ? { offset } : { offset, length: options.length };
    }
    const checksum = checkChecksumFlag(options.checksum);
    if (checksum && range) throw new InvalidArgumentError("checksum verification needs the whole object: S3 returns no checksum for a range");
    return freezeNode({
      kind: "GetObject",
      bucket: this.bucketName,
      key: this.objectName,
      ...(this.versionId !== undefined ? { versionId: this.versionId } : {}),
      ...(range ? { range } : {}),
      headers: withChecksumMode(requestHeaders(options.requestHeaders), checksum),
      query: { ...options.extraQueryParams },
      ...(options.ssec ? { ssec: checkSsec(options.ssec) } : {}),
      ...parallelFields(options),
    });
  }

  #statNode(options: StatOptions): HeadObjectNode {
    return freezeNode({
      kind: "HeadObject",
      bucket: this.bucketName,
      key: this.objectName,
      ...(this.versionId !== undefined ? { versionId: this.versionId } : {}),
      headers: withChecksumMode(requestHeaders(options.requestHeaders), checkChecksumFlag(options.checksum)),
      query: { ...options.extraQueryParams },
      ...(options.ssec ? { ssec: checkSsec(options.ssec) } : {}),
    });
  }

  #removeNode(options: RemoveOptions): DeleteObjectNode {
    return freezeNode({
      kind: "DeleteObject",
      bucket: this.bucketName,
      key: this.objectName,
      ...(this.versionId !== undefined ? { versionId: this.versionId } : {}),
      bypassGovernance: options.bypassGovernance === true,
    });
  }

  /** Uploads the object: one PUT for small bodies, a multipart upload for large or unknown-size ones. */
  async put(body: BodyInput, options: PutOptions = {}): Promise<ObjectWriteResult> {
    return this.#runner.run(planPut(this, body, options), { body, signal: options.signal, progress: progressCallback(options.onProgress) });
  }

  /** Uploads a local file (content type guessed from its extension unless given). */
  async upload(filePath: string, options: UploadOptions = {}): Promise<ObjectWriteResult> {
    return this.#runner.run(planUploadFile(this, filePath, options), { signal: options.signal, progress: progressCallback(options.onProgress) });
  }

  /**
   * {@link put} as a cold Observable: `{ type: "progress", loaded, total }` events, then
   * `{ type: "done", result }`. Each subscription uploads once; unsubscribing aborts the upload.
   * (`onProgress` still receives the reports too.)
   */
  put$(body: BodyInput, options: PutOptions = {}): Observable<UploadEvent> {
    const node = planPut(this, body, options);
    const listener = progressCallback(options.onProgress);
    return uploadObservable((signal, onProgress) => this.#runner.run(node, { body, signal, progress: both(onProgress, listener) }), options.signal);
  }

  /** {@link upload} as a cold Observable of progress events and the result (see {@link put$}). */
  upload$(filePath: string, options: UploadOptions = {}): Observable<UploadEvent> {
    const node = planUploadFile(this, filePath, options);
    const listener = progressCallback(options.onProgress);
    return uploadObservable((signal, onProgress) => this.#runner.run(node, { signal, progress: both(onProgress, listener) }), options.signal);
  }

  /** Downloads the object to a local file, through a temp file renamed only when complete. */
  async download(filePath: string, options: DownloadOptions = {}): Promise<ObjectInfo> {
    return this.#runner.run(planDownload(this, filePath, options), { signal: options.signal, progress: progressCallback(options.onProgress) });
  }

  /** Server-side copy from another object into this one. */
  async copyFrom(source: CopySource, options: CopyOptions = {}): Promise<ObjectWriteResult> {
    return this.#runner.run(planCopy(this, source, options), { signal: options.signal });
  }

  /** Server-side compose of parts of other objects into this one. */
  async compose(sources: readonly ComposeSource[], options: ComposeOptions = {}): Promise<ObjectWriteResult> {
    return this.#runner.run(planCompose(this, sources, options), { signal: options.signal });
  }

  /** Downloads the object (or a byte range) as a Node stream with the response headers. */
  async get(options: GetOptions = {}): Promise<ObjectStream> {
    return this.#runner.run(this.#getNode(options), { signal: options.signal });
  }

  /** Reads the object's size, etag, content type, version and metadata. */
  async stat(options: StatOptions = {}): Promise<ObjectInfo> {
    return this.#runner.run(this.#statNode(options), { signal: options.signal });
  }

  /**
   * A presigned URL for this object (or version): anyone holding it can run `method` (default
   * `GET`) on the object until it expires, with no credentials. Signed locally; the only request
   * it may send is one GetBucketLocation, the first time a bucket's region is needed — give the
   * client a `region` to avoid it.
   *
   * @throws InvalidArgumentError for bad options (e.g. `expires` outside 1…604800 s) or an anonymous client.
   */
  async presign(options: PresignOptions = {}): Promise<string> {
    return this.#runner.run(planPresign(this, options), options.signal ? { signal: options.signal } : NO_OPTIONS);
  }

  /**
   * Runs an S3 Select (SQL over this object or version). Resolves once the response headers
   * arrived — so NoSuchKey or a refused request rejects here — with a {@link SelectResult}
   * whose records are read once (see there).
   */
  async select(request: SelectRequest, options: SelectOptions = {}): Promise<SelectResult> {
    const result = this.selectNow(request, options);
    await result.ready;
    return result;
  }

  /**
   * {@link select} without waiting for the response headers: the request is sent at once and
   * its errors reject {@link SelectResult.ready}, the records and the stats.
   */
  selectNow(request: SelectRequest, options: SelectOptions = {}): SelectResult {
    const node = planSelect(this, request, options);
    return new SelectResult((signal) => this.#runner.run(node, { signal }), options);
  }

  /** Removes the object (or this version of it). */
  async remove(options: RemoveOptions = {}): Promise<void> {
    return this.#runner.run(this.#removeNode(options), { signal: options.signal });
  }
}


const NO_OPTIONS = Object.freeze({});

function both(a: (p: Progress) => void, b: ((p: Progress) => void) | undefined): (p: Progress) => void {
  return b === undefined ? a : (p) => { a(p); b(p); };
}

function checkSsec(ssec: unknown): SseCustomerKey {
  if (!(ssec instanceof SseCustomerKey)) throw new InvalidArgumentError("ssec must be an SseCustomerKey");
  return ssec;
}
