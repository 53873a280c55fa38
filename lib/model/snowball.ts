/**
 * The objects of a snowball upload — the seed's `SnowballObject` — and what an upload of many
 * of them returns. A SnowballObject holds its data (or the path of a file) beside a validated
 * name; it is never part of a plan (plans stay plain, printable data).
 */
import { InvalidArgumentError } from "../errors.js";
import type { BodyInput } from "../plan/runner.js";
import { checkInteger, checkObjectName } from "../validate/index.js";
import type { ObjectWriteResult } from "./results.js";

/** Data of a snowball object: bytes, text (UTF-8), a Blob, or a stream of the declared `length`. */
export type SnowballData = BodyInput;

/** Options of {@link SnowballObject}: exactly one of `data` and `filename`. */
export interface SnowballObjectOptions {
  /** The object's bytes, or a stream of exactly `length` bytes. */
  readonly data?: SnowballData;
  /** Length in bytes: required for streams; checked against in-memory data and files. */
  readonly length?: number;
  /** A local file to read the object from (its length is taken when the upload runs). */
  readonly filename?: string;
  /**
   * Modification time written in the archive. MinIO gives the extracted object this as its
   * last-modified time (whole seconds). Default: the file's mtime, or the time of the upload.
   */
  readonly modTime?: Date;
}

/**
 * One object of a snowball upload: its name, and its data or a local file.
 *
 * @example
 * ```ts
 * new SnowballObject("logs/a.txt", { data: "hello" });
 * new SnowballObject("logs/b.bin", { data: someReadable, length: 1024 });
 * new SnowballObject("photos/c.jpg", { filename: "/tmp/c.jpg", modTime: new Date("2024-01-01") });
 * ```
 */
export class SnowballObject {
  /** Name of the object the server extracts (MinIO keeps it exactly when it is a clean path). */
  readonly objectName: string;
  /** The data, when given as data. */
  readonly data: SnowballData | undefined;
  /** The local file, when given as a file. */
  readonly filename: string | undefined;
  /** Length in bytes; for a file only when given (then checked against the file). */
  readonly length: number | undefined;
  /** Modification time to write, if given. */
  readonly modTime: Date | undefined;

  constructor(objectName: string, options: SnowballObjectOptions) {
    checkSnowballName(objectName);
    if (options === null || typeof options !== "object") throw new InvalidArgumentError("SnowballObject needs { data } or { filename }");
    const { data, filename, length, modTime } = options;
    if ((data === undefined) === (filename === undefined)) {
      throw new InvalidArgumentError(`SnowballObject ${JSON.stringify(objectName)}: give exactly one of data and filename`);
    }
    if (length !== undefined) checkInteger(length, "length", 0);
    if (modTime !== undefined && (!(modTime instanceof Date) || Number.isNaN(modTime.getTime()))) {
      throw new InvalidArgumentError(`SnowballObject ${JSON.stringify(objectName)}: modTime must be a valid Date`);
    }
    if (filename !== undefined) {
      if (typeof filename !== "string" || filename === "") throw new InvalidArgumentError("filename must be a non-empty string");
      this.length = length;
    } else {
      this.length = dataLength(objectName, data!, length);
    }
    this.objectName = objectName;
    this.data = data;
    this.filename = filename;
    this.modTime = modTime;
    Object.freeze(this);
  }
}

/** A plain `{ name, data }` item, accepted by `BucketRef.putMany` beside SnowballObjects. */
export interface SnowballItem {
  /** Object name (a clean path: see {@link SnowballObject}). */
  readonly name: string;
  /** The object's bytes, or a stream of exactly `length` bytes. */
  readonly data: SnowballData;
  /** Required when `data` is a stream. */
  readonly length?: number;
  /** Modification time written in the archive (default: the time of the upload). */
  readonly modTime?: Date;
}

/** What a snowball upload returns. */
export interface SnowballSummary {
  /** Objects sent. */
  readonly objects: number;
  /** Data bytes of those objects. */
  readonly bytes: number;
  /** Archives sent (one PUT each). */
  readonly batches: number;
  /** Bytes of the archives as sent (compressed, when compression is on). */
  readonly archiveBytes: number;
  /** The write result of each archive PUT, in order. */
  readonly results: readonly ObjectWriteResult[];
}

/** A SnowballObject from either accepted shape. */
export function toSnowballObject(item: SnowballObject | SnowballItem): SnowballObject {
  if (item instanceof SnowballObject) return item;
  if (item === null || typeof item !== "object" || typeof (item as SnowballItem).name !== "string") {
    throw new InvalidArgumentError("each object must be a SnowballObject or { name, data }");
  }
  const { name, data, length, modTime } = item;
  return new SnowballObject(name, { data, ...(length !== undefined ? { length } : {}), ...(modTime !== undefined ? { modTime } : {}) });
}

/**
 * Checks a name for a snowball archive. Besides the object-name rules, MinIO cleans each
 * archive path (`path.Clean`, leading "/" dropped), so a name it would change — empty, "."
 * or ".." segments, a leading or trailing "/" — is refused rather than stored under another key.
 */
export function checkSnowballName(name: unknown): asserts name is string {
  checkObjectName(name);
  if (name.includes("\0")) throw new InvalidArgumentError("a snowball object name must not contain NUL");
  if (name.startsWith("/") || name.endsWith("/") || name.split("/").some((s) => s === "" || s === "." || s === "..")) {
    throw new InvalidArgumentError(
      `snowball object name ${JSON.stringify(name)} is not a clean path (no leading or trailing "/", no empty, "." or ".." segments): MinIO would store it under another name`,
    );
  }
}

function isStream(data: object): boolean {
  return typeof (data as NodeJS.ReadableStream).pipe === "function" || typeof (data as ReadableStream).getReader === "function" || Symbol.asyncIterator in data;
}

function dataLength(name: string, data: SnowballData, given: number | undefined): number {
  let actual: number | undefined;
  if (typeof data === "string") actual = Buffer.byteLength(data, "utf8");
  else if (data instanceof Uint8Array) actual = data.byteLength;
  else if (typeof Blob !== "undefined" && data instanceof Blob) actual = data.size;
  else if (data === null || typeof data !== "object" || !isStream(data)) {
    throw new InvalidArgumentError(`SnowballObject ${JSON.stringify(name)}: data must be bytes, a string, a Blob or a stream`);
  }
  if (actual === undefined) {
    if (given === undefined) throw new InvalidArgumentError(`SnowballObject ${JSON.stringify(name)}: a stream of data needs its length`);
    return given;
  }
  if (given !== undefined && given !== actual) {
    throw new InvalidArgumentError(`SnowballObject ${JSON.stringify(name)}: length ${given} does not match the data's ${actual} bytes`);
  }
  return actual;
}
