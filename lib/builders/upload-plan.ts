/**
 * Plans of uploads: one PutObject for a body of known size up to the part size, a
 * MultipartUpload above it or when the size is unknown, an UploadFile for a local file.
 * Builders do no I/O: a file's size (and so its shape) is learnt by the executor.
 */
import { InvalidArgumentError } from "../errors.js";
import type { ProgressListener } from "../model/progress.js";
import type { Retention } from "../model/retention.js";
import { SseCustomerKey, SseKMS, SseS3, type Sse } from "../model/sse.js";
import type { Tags } from "../model/tags.js";
import { freezeNode, type MultipartUploadNode, type PutObjectNode, type UploadFileNode, type UploadStep } from "../plan/nodes.js";
import { checkPartSize, partInfo } from "../plan/part-size.js";
import type { BodyInput } from "../plan/runner.js";
import { checkChecksumSetting, checkInteger } from "../validate/index.js";
import type { ChecksumSetting } from "../model/checksums.js";
import { guessContentType } from "./mime.js";
import type { SignalOption } from "./object-ref.js";
import { writeHeaders } from "./upload-headers.js";

export { DEFAULT_PART_SIZE, MAX_OBJECT_SIZE, MAX_PART_COUNT, MAX_PART_SIZE, MIN_PART_SIZE, partInfo } from "../plan/part-size.js";

/** Largest object a single PUT may carry (5 GiB). */
export const MAX_SINGLE_PUT = 5 * 1024 ** 3;
/** Default number of parts in flight. */
export const DEFAULT_PARALLEL = 3;

/** The object a plan is for. */
export interface ObjectTarget {
  readonly bucketName: string;
  readonly objectName: string;
}

/** Options of `ObjectRef.put`. */
export interface PutOptions extends SignalOption {
  /** Content type (default application/octet-stream; a Content-Type in `metadata` also counts). */
  readonly contentType?: string;
  /** User metadata (becomes x-amz-meta-*) and standard headers such as Cache-Control. */
  readonly metadata?: Readonly<Record<string, string | number | boolean>>;
  /**
   * Body length in bytes. Checked against Buffers, strings and Blobs; for streams and async
   * iterables it is the exact length they must produce. `-1` or absent: unknown (multipart
   * upload read part by part; a body that ends within the first part becomes one PUT).
   */
  readonly size?: number;
  /** Server-side encryption: SSE-S3, SSE-KMS, or SSE-C (SSE-C needs an https endpoint). */
  readonly sse?: Sse;
  /** Object tags (x-amz-tagging): a Tags or a plain record, at most 10. */
  readonly tags?: Tags | Readonly<Record<string, string>>;
  /** Object-lock retention of the new version (the bucket must have object lock). */
  readonly retention?: Retention;
  /** Place a legal hold on the new version (the bucket must have object lock). */
  readonly legalHold?: boolean;
  /**
   * Part size of a multipart upload, 5 MiB..5 GiB; bodies of known size up to it go in one
   * PUT. Default: 16 MiB, or the seed's `ceil(size / 10 000)` rounded up to 5 MiB when larger.
   */
  readonly partSize?: number;
  /** Parts uploaded at once, 1..64 (default 3): memory ≈ (parallel + 1) × partSize for streams. */
  readonly parallel?: number;
  /**
   * Receives `{ loaded, total }` as bytes reach the socket: monotonic, advancing within a part,
   * `total` null when the size is unknown; `loaded === total` is reported only once the object
   * exists (after CompleteMultipartUpload or the PUT succeeded).
   */
  readonly onProgress?: ProgressListener;
  /**
   * Upload checksum: `"auto"`, `"crc32"` or `"off"` (default: the client's `checksum`, itself
   * `"auto"`). With CRC32 every PUT and part carries `x-amz-checksum-crc32`, the upload is
   * created with `x-amz-checksum-algorithm: CRC32`, and the result's `checksumCRC32` is the
   * object's (composite `…-N` for multipart). A stream of declared size up to the part size is
   * sent as it is read, so it carries none (its CRC is known only after its body).
   */
  readonly checksum?: ChecksumSetting;
}

/** Options of `ObjectRef.upload` (content type guessed from the file's extension unless given). */
export interface UploadOptions extends Omit<PutOptions, "size"> {}

/** Plans an upload of a body. */
export function planPut(target: ObjectTarget, body: BodyInput, options: PutOptions): PutObjectNode | MultipartUploadNode {
  const size = bodySize(body, options.size);
  if (options.partSize !== undefined) checkPartSize(options.partSize);
  const parallel = parallelOf(options.parallel);
  const sse = checkSse(options.sse);
  const headers = writeHeaders(options);
  const checksum = checkChecksumSetting(options.checksum);
  const { partSize, partCount } = partInfo(size, options.partSize);
  if (size !== null && size <= partSize) {
    if (size > MAX_SINGLE_PUT) throw new InvalidArgumentError(`a single PUT carries at most 5 GiB; this body has ${size} bytes`);
    return freezeNode({ kind: "PutObject", bucket: target.bucketName, key: target.objectName, size, headers, ...(sse ? { sse } : {}), ...(checksum ? { checksum } : {}) });
  }
  return freezeNode({
    kind: "MultipartUpload",
    bucket: target.bucketName,
    key: target.objectName,
    size,
    partSize,
    partCount,
    parallel,
    headers,
    ...(sse ? { sse } : {}),
    ...(checksum ? { checksum } : {}),
    steps: multipartSteps(size, partSize, partCount, parallel),
  });
}

/** The steps of a multipart upload (shown by explain()). */
export function multipartSteps(size: number | null, partSize: number, partCount: number | null, parallel: number): UploadStep[] {
  const steps: UploadStep[] = [];
  if (size === null) steps.push({ step: "PutObject", when: "the body ends within the first part" });
  steps.push(size === null ? { step: "CreateMultipartUpload", when: "otherwise" } : { step: "CreateMultipartUpload" });
  steps.push({
    step: "UploadPart",
    count: partCount,
    partSize,
    lastPartSize: size === null || partCount === null ? null : size - (partCount - 1) * partSize,
    inFlight: parallel,
    retry: "per part",
  });
  steps.push({ step: "CompleteMultipartUpload" }, { step: "AbortMultipartUpload", when: "on failure" });
  return steps;
}

/** Plans an upload of a local file. */
export function planUploadFile(target: ObjectTarget, filePath: string, options: UploadOptions): UploadFileNode {
  if (typeof filePath !== "string" || filePath === "") throw new InvalidArgumentError("filePath must be a non-empty string");
  if (options.partSize !== undefined) checkPartSize(options.partSize);
  const sse = checkSse(options.sse);
  const checksum = checkChecksumSetting(options.checksum);
  return freezeNode({
    kind: "UploadFile",
    bucket: target.bucketName,
    key: target.objectName,
    filePath,
    partSize: options.partSize ?? null,
    parallel: parallelOf(options.parallel),
    headers: writeHeaders(options, guessContentType(filePath)),
    ...(sse ? { sse } : {}),
    ...(checksum ? { checksum } : {}),
    steps: [{ step: "StatFile" }, { step: "PutObject", when: "size ≤ part size" }, { step: "MultipartUpload", when: "otherwise" }],
  });
}

function parallelOf(parallel: number | undefined): number {
  if (parallel === undefined) return DEFAULT_PARALLEL;
  checkInteger(parallel, "parallel", 1, 64);
  return parallel;
}

function checkSse(sse: unknown): Sse | undefined {
  if (sse === undefined) return undefined;
  if (sse instanceof SseCustomerKey || sse instanceof SseKMS || sse instanceof SseS3) return sse;
  throw new InvalidArgumentError("sse must be an SseCustomerKey, SseKMS or SseS3");
}

function isStreamLike(body: object): boolean {
  return typeof (body as NodeJS.ReadableStream).pipe === "function"
    || typeof (body as ReadableStream).getReader === "function"
    || Symbol.asyncIterator in body;
}

/** The body's size, or null when unknown. */
function bodySize(body: BodyInput, declared: number | undefined): number | null {
  if (declared !== undefined && declared !== -1) checkInteger(declared, "size", 0);
  const given = declared === undefined || declared === -1 ? null : declared;
  let size: number;
  if (typeof body === "string") size = Buffer.byteLength(body, "utf8");
  else if (body instanceof Uint8Array) size = body.byteLength;
  else if (typeof Blob !== "undefined" && body instanceof Blob) size = body.size;
  else if (typeof body === "object" && body !== null && isStreamLike(body)) return given;
  else throw new InvalidArgumentError("body must be a Buffer, Uint8Array, string, Blob, Node readable, web ReadableStream or async iterable of Uint8Array");
  if (given !== null && given !== size) throw new InvalidArgumentError(`options.size ${given} does not match the body's ${size} bytes`);
  return size;
}
