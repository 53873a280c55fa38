import { Readable } from "node:stream";
import { InvalidArgumentError } from "../errors.js";
import type { ObjectInfo } from "../model/object-info.js";
import type { ObjectStream, ObjectWriteResult } from "../model/results.js";
import { freezeNode, type DeleteObjectNode, type GetObjectNode, type HeadObjectNode, type PutObjectNode } from "../plan/nodes.js";
import type { BodyInput, PlanRunner } from "../plan/runner.js";
import { checkInteger, checkObjectName } from "../validate/index.js";
import type { ConfigCodec } from "../xml/configs/codec.js";
import { legalHoldCodec, objectTagsCodec, retentionCodec } from "../xml/configs/index.js";
import { ConfigRef } from "./config-ref.js";
import { metadataHeaders, requestHeaders } from "./headers.js";

/** Largest object a single PUT may carry (5 GiB). */
export const MAX_SINGLE_PUT = 5 * 1024 ** 3;

/** Options every terminal call accepts. */
export interface SignalOption {
  /** Aborts the call and its request in flight. */
  readonly signal?: AbortSignal;
}

/** Options of {@link ObjectRef.put}. */
export interface PutOptions extends SignalOption {
  /** Content type (default application/octet-stream). */
  readonly contentType?: string;
  /** User metadata (becomes x-amz-meta-*) and standard headers such as Cache-Control. */
  readonly metadata?: Readonly<Record<string, string | number | boolean>>;
  /** Body length in bytes: required for streams, checked against Buffers and strings. */
  readonly size?: number;
}

/** Options of {@link ObjectRef.get}. */
export interface GetOptions extends SignalOption {
  /** First byte to read (default 0). */
  readonly offset?: number;
  /** Number of bytes to read (default: to the end). */
  readonly length?: number;
  /** Extra request headers (e.g. If-Match). */
  readonly requestHeaders?: Readonly<Record<string, string>>;
  /** Extra query parameters (e.g. response-content-type). */
  readonly extraQueryParams?: Readonly<Record<string, string>>;
}

/** Options of {@link ObjectRef.stat}. */
export interface StatOptions extends SignalOption {
  /** Extra request headers. */
  readonly requestHeaders?: Readonly<Record<string, string>>;
  /** Extra query parameters. */
  readonly extraQueryParams?: Readonly<Record<string, string>>;
}

/** Options of {@link ObjectRef.remove}. */
export interface RemoveOptions extends SignalOption {
  /** Remove a version under GOVERNANCE retention (needs the permission). */
  readonly bypassGovernance?: boolean;
}

/** What {@link ObjectRef.explain} can show. */
export type ObjectOperation = "put" | "get" | "stat" | "remove";

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
  explain(operation: "put", body: BodyInput, options?: PutOptions): PutObjectNode;
  explain(operation: "get", options?: GetOptions): GetObjectNode;
  explain(operation: "stat", options?: StatOptions): HeadObjectNode;
  explain(operation: "remove", options?: RemoveOptions): DeleteObjectNode;
  explain(operation: ObjectOperation, a?: unknown, b?: unknown): PutObjectNode | GetObjectNode | HeadObjectNode | DeleteObjectNode {
    switch (operation) {
      case "put":
        return this.#putNode(a as BodyInput, (b ?? {}) as PutOptions);
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

  #putNode(body: BodyInput, options: PutOptions): PutObjectNode {
    const size = bodySize(body, options.size);
    const headers: Record<string, string> = {
      ...metadataHeaders(options.metadata),
      "content-type": options.contentType ?? metadataContentType(options.metadata) ?? "application/octet-stream",
    };
    return freezeNode({ kind: "PutObject", bucket: this.bucketName, key: this.objectName, size, headers });
  }

  #getNode(options: GetOptions): GetObjectNode {
    let range: GetObjectNode["range"];
    if (options.offset !== undefined || options.length !== undefined) {
      const offset = options.offset ?? 0;
      checkInteger(offset, "offset", 0);
      if (options.length !== undefined) checkInteger(options.length, "length", 1);
      range = options.length === undefined ? { offset } : { offset, length: options.length };
    }
    return freezeNode({
      kind: "GetObject",
      bucket: this.bucketName,
      key: this.objectName,
      ...(this.versionId !== undefined ? { versionId: this.versionId } : {}),
      ...(range ? { range } : {}),
      headers: requestHeaders(options.requestHeaders),
      query: { ...options.extraQueryParams },
    });
  }

  #statNode(options: StatOptions): HeadObjectNode {
    return freezeNode({
      kind: "HeadObject",
      bucket: this.bucketName,
      key: this.objectName,
      ...(this.versionId !== undefined ? { versionId: this.versionId } : {}),
      headers: requestHeaders(options.requestHeaders),
      query: { ...options.extraQueryParams },
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

  /** Uploads the object in a single PUT (up to 5 GiB). Streams need `size`. */
  async put(body: BodyInput, options: PutOptions = {}): Promise<ObjectWriteResult> {
    return this.#runner.run(this.#putNode(body, options), { body, signal: options.signal });
  }

  /** Downloads the object (or a byte range) as a Node stream with the response headers. */
  async get(options: GetOptions = {}): Promise<ObjectStream> {
    return this.#runner.run(this.#getNode(options), { signal: options.signal });
  }

  /** Reads the object's size, etag, content type, version and metadata. */
  async stat(options: StatOptions = {}): Promise<ObjectInfo> {
    return this.#runner.run(this.#statNode(options), { signal: options.signal });
  }

  /** Removes the object (or this version of it). */
  async remove(options: RemoveOptions = {}): Promise<void> {
    return this.#runner.run(this.#removeNode(options), { signal: options.signal });
  }
}

function metadataContentType(metadata: PutOptions["metadata"]): string | undefined {
  if (!metadata) return undefined;
  for (const [k, v] of Object.entries(metadata)) if (k.toLowerCase() === "content-type") return String(v);
  return undefined;
}

function bodySize(body: BodyInput, declared: number | undefined): number {
  let size: number;
  if (typeof body === "string") size = Buffer.byteLength(body, "utf8");
  else if (body instanceof Uint8Array) size = body.byteLength;
  else if (body instanceof Readable || (typeof body === "object" && body !== null && typeof (body as NodeJS.ReadableStream).pipe === "function")) {
    if (declared === undefined) throw new InvalidArgumentError("a stream body needs options.size (its length in bytes)");
    checkInteger(declared, "size", 0, MAX_SINGLE_PUT);
    return declared;
  } else {
    throw new InvalidArgumentError("body must be a Buffer, Uint8Array, string or Node readable stream");
  }
  if (declared !== undefined && declared !== size) throw new InvalidArgumentError(`options.size ${declared} does not match the body's ${size} bytes`);
  if (size > MAX_SINGLE_PUT) throw new InvalidArgumentError(`a single PUT carries at most 5 GiB; this body has ${size} bytes`);
  return size;
}
