/**
 * Plan nodes of server-side copies: CopyObject (one request, or a multipart copy when the
 * source is ranged or over 5 GiB) and ComposeObject (a multipart copy of several sources).
 * Plain data: `explain()` shows them, and customer keys print as their MD5 only.
 */
import type { Sse, SseCustomerKey } from "../model/sse.js";

/** Largest part one UploadPartCopy (or one CopyObject) may copy: 5 GiB. */
export const MAX_COPY_PART = 5 * 1024 ** 3;
/** Smallest part of a multipart upload other than the last: 5 MiB. */
export const MIN_COPY_PART = 5 * 1024 ** 2;
/** Most parts a multipart upload may have. */
export const MAX_COPY_PARTS = 10_000;

/** Copy conditions on the source, as the `x-amz-copy-source-if-*` header values to send. */
export interface CopyConditions {
  readonly matchETag?: string;
  readonly notMatchETag?: string;
  /** HTTP date (RFC 7231). */
  readonly modifiedSince?: string;
  /** HTTP date (RFC 7231). */
  readonly unmodifiedSince?: string;
}

/** One source object of a copy or compose. */
export interface CopySourceSpec {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  /** Byte range to copy; absent means the whole object. */
  readonly range?: { readonly offset: number; readonly length?: number };
  readonly conditions: CopyConditions;
  /** Customer key the source was written with (shown as its MD5 only). */
  readonly ssec?: SseCustomerKey;
}

/** Metadata and tagging directive of a CopyObject. */
export type CopyDirective = "COPY" | "REPLACE";

/**
 * A step of a copy plan. The executor runs them in order; `CopyObject` and `MultipartCopy`
 * each run only when their `when` holds for the sizes learned by `StatSources`.
 */
export type CopyStep =
  | {
    /** HEAD every source (with its version and customer key): sizes, ETags; validates ranges and part sizes. */
    readonly step: "StatSources";
  }
  | {
    /** One CopyObject request. */
    readonly step: "CopyObject";
    readonly when: "single whole source of at most 5 GiB";
  }
  | {
    /** CreateMultipartUpload, one UploadPartCopy per part, CompleteMultipartUpload. */
    readonly step: "MultipartCopy";
    readonly when: "always" | "otherwise";
    /** Sources larger than this are split into several parts of equal size. */
    readonly maxPartSize: number;
    /** Each part copy is pinned to the ETag the stat saw (x-amz-copy-source-if-match). */
    readonly pinSourceETag: true;
    /** On any failure the upload is aborted, so nothing is left behind. */
    readonly onFailure: "AbortMultipartUpload";
  };

/** CopyObject, or a multipart copy when the source is ranged or over 5 GiB. */
export interface CopyObjectNode {
  readonly kind: "CopyObject";
  readonly bucket: string;
  readonly key: string;
  readonly source: CopySourceSpec;
  /**
   * COPY keeps the source's metadata; REPLACE writes `headers`' metadata instead. A multipart
   * copy (ranged or over 5 GiB) honours COPY by carrying the content headers and x-amz-meta-*
   * from the source's stat.
   */
  readonly metadataDirective: CopyDirective;
  /** COPY keeps the source's tags (a multipart copy reads them first); REPLACE writes the x-amz-tagging header's tags. */
  readonly taggingDirective: CopyDirective;
  /** Destination headers: metadata, content type, x-amz-tagging, object lock (not encryption). */
  readonly headers: Readonly<Record<string, string>>;
  /** Destination encryption (an SSE-C key shows as its MD5 only). */
  readonly sse?: Sse;
  readonly steps: readonly CopyStep[];
}

/** ComposeObject: a new object from (ranges of) other objects, in order. */
export interface ComposeObjectNode {
  readonly kind: "ComposeObject";
  readonly bucket: string;
  readonly key: string;
  readonly sources: readonly CopySourceSpec[];
  /** Destination headers: metadata, content type, x-amz-tagging, object lock (not encryption). */
  readonly headers: Readonly<Record<string, string>>;
  /** Destination encryption (an SSE-C key shows as its MD5 only). */
  readonly sse?: Sse;
  readonly steps: readonly CopyStep[];
}
