import { InvalidArgumentError } from "../errors.js";
import { checkBucketName, checkInteger, checkObjectName } from "../validate/index.js";
import { SseCustomerKey } from "./sse.js";

/** Options of {@link CopySource} and {@link ComposeSource}. */
export interface CopySourceOptions {
  /** Version of the source object to read (the latest when absent). */
  readonly versionId?: string;
  /** Customer key the source was written with (SSE-C; needs an HTTPS endpoint). */
  readonly ssec?: SseCustomerKey;
  /** First byte of the source to copy (default 0). A range makes the copy a multipart copy. */
  readonly offset?: number;
  /** Number of bytes to copy (default: to the end). */
  readonly length?: number;
  /** Copy only if the source's ETag is this one (x-amz-copy-source-if-match). */
  readonly matchETag?: string;
  /** Copy only if the source's ETag is not this one (x-amz-copy-source-if-none-match). */
  readonly notMatchETag?: string;
  /** Copy only if the source changed after this date (x-amz-copy-source-if-modified-since). */
  readonly modifiedSince?: Date;
  /** Copy only if the source did not change after this date (x-amz-copy-source-if-unmodified-since). */
  readonly unmodifiedSince?: Date;
}

/**
 * An object (or a byte range of one) to read from in a server-side copy — the seed's
 * `CopySource`. Frozen; validated when constructed.
 *
 * @example
 * ```ts
 * await s3.bucket("dst").object("b").copyFrom(new CopySource("src", "a", { versionId: "v1" }));
 * ```
 */
export class CopySource {
  /** Source bucket. */
  readonly bucketName: string;
  /** Source object key. */
  readonly objectName: string;
  /** Source version, if any. */
  readonly versionId: string | undefined;
  /** Customer key of an SSE-C source (printed as its MD5 only). */
  readonly ssec: SseCustomerKey | undefined;
  /** First byte to copy, when a range was given. */
  readonly offset: number | undefined;
  /** Number of bytes to copy, when given. */
  readonly length: number | undefined;
  /** x-amz-copy-source-if-match. */
  readonly matchETag: string | undefined;
  /** x-amz-copy-source-if-none-match. */
  readonly notMatchETag: string | undefined;
  /** x-amz-copy-source-if-modified-since. */
  readonly modifiedSince: Date | undefined;
  /** x-amz-copy-source-if-unmodified-since. */
  readonly unmodifiedSince: Date | undefined;

  /**
   * @param bucketName source bucket
   * @param objectName source object key
   * @param options version, customer key, range and copy conditions
   * @throws InvalidArgumentError on a bad name, version, key, range, ETag or date
   */
  constructor(bucketName: string, objectName: string, options: CopySourceOptions = {}) {
    checkBucketName(bucketName);
    checkObjectName(objectName);
    const o = options ?? {};
    if (o.versionId !== undefined && (typeof o.versionId !== "string" || o.versionId === "")) throw new InvalidArgumentError("versionId must be a non-empty string");
    if (o.ssec !== undefined && !(o.ssec instanceof SseCustomerKey)) throw new InvalidArgumentError("ssec must be an SseCustomerKey");
    if (o.offset !== undefined) checkInteger(o.offset, "offset", 0);
    if (o.length !== undefined) checkInteger(o.length, "length", 1);
    for (const name of ["matchETag", "notMatchETag"] as const) {
      const v = o[name];
      if (v !== undefined && (typeof v !== "string" || v === "" || /[\r\n]/.test(v))) throw new InvalidArgumentError(`${name} must be a non-empty single-line string`);
    }
    for (const name of ["modifiedSince", "unmodifiedSince"] as const) {
      const v = o[name];
      if (v !== undefined && (!(v instanceof Date) || Number.isNaN(v.getTime()))) throw new InvalidArgumentError(`${name} must be a valid Date`);
    }
    this.bucketName = bucketName;
    this.objectName = objectName;
    this.versionId = o.versionId;
    this.ssec = o.ssec;
    this.offset = o.offset;
    this.length = o.length;
    this.matchETag = o.matchETag;
    this.notMatchETag = o.notMatchETag;
    this.modifiedSince = o.modifiedSince ? new Date(o.modifiedSince.getTime()) : undefined;
    this.unmodifiedSince = o.unmodifiedSince ? new Date(o.unmodifiedSince.getTime()) : undefined;
    Object.freeze(this);
  }

  /** Whether a byte range was given (which makes a copy a multipart copy). */
  get ranged(): boolean {
    return this.offset !== undefined || this.length !== undefined;
  }
}

/**
 * An object (or a byte range of one) that becomes one part of a composed object — the
 * seed's `ComposeSource`. Every source but the last must be at least 5 MiB.
 *
 * @example
 * ```ts
 * await s3.bucket("b").object("all").compose([new ComposeSource("b", "p1"), new ComposeSource("b", "p2", { offset: 10 })]);
 * ```
 */
export class ComposeSource extends CopySource {}

/** The x-amz-tagging header value of a set of tags: a URL query string with %20 for spaces. */
export function taggingHeaderValue(tags: Iterable<readonly [string, string]>): string {
  return new URLSearchParams([...tags].map(([k, v]) => [k, v] as [string, string])).toString().replace(/\+/g, "%20");
}
