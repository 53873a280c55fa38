import { Readable } from "node:stream";
import { InvalidArgumentError } from "../errors.js";
import type { ProgressListener } from "../model/progress.js";
import { freezeNode, type MultipartUploadNode, type PutObjectNode, type UploadFileNode } from "../plan/nodes.js";
import type { BodyInput } from "../plan/runner.js";
import { checkInteger } from "../validate/index.js";
import { metadataHeaders } from "./headers.js";
import type { SignalOption } from "./object-ref.js";

/** Largest object a single PUT may carry (5 GiB). */
export const MAX_SINGLE_PUT = 5 * 1024 ** 3;

/** The object a plan is for. */
export interface ObjectTarget {
  readonly bucketName: string;
  readonly objectName: string;
}

/** Options of `ObjectRef.put`. */
export interface PutOptions extends SignalOption {
  /** Content type (default application/octet-stream). */
  readonly contentType?: string;
  /** User metadata (becomes x-amz-meta-*) and standard headers such as Cache-Control. */
  readonly metadata?: Readonly<Record<string, string | number | boolean>>;
  /** Body length in bytes: required for streams, checked against Buffers and strings. */
  readonly size?: number;
  /** Receives `{ loaded, total }` as the upload progresses. */
  readonly onProgress?: ProgressListener;
}

/** Options of `ObjectRef.upload`. */
export interface UploadOptions extends Omit<PutOptions, "size"> {}

/** Plans an upload of a body. */
export function planPut(target: ObjectTarget, body: BodyInput, options: PutOptions): PutObjectNode | MultipartUploadNode {
  const size = bodySize(body, options.size);
  const headers: Record<string, string> = {
    ...metadataHeaders(options.metadata),
    "content-type": options.contentType ?? metadataContentType(options.metadata) ?? "application/octet-stream",
  };
  return freezeNode({ kind: "PutObject", bucket: target.bucketName, key: target.objectName, size, headers });
}

/** Plans an upload of a local file. */
export function planUploadFile(target: ObjectTarget, filePath: string, _options: UploadOptions): UploadFileNode {
  if (typeof filePath !== "string" || filePath === "") throw new InvalidArgumentError("filePath must be a non-empty string");
  return freezeNode({ kind: "UploadFile", bucket: target.bucketName, key: target.objectName, filePath });
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
