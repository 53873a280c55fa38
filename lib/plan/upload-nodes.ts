/**
 * Plan nodes of uploads: a multipart upload of a body, and an upload of a local file. Plain
 * data: `explain()` shows them; an SSE-C key prints as its MD5 only.
 */
import type { ChecksumSetting } from "../model/checksums.js";
import type { Sse } from "../model/sse.js";

/** A step of an upload plan, in the order the executor runs them. */
export type UploadStep =
  | {
    /** One PutObject instead of a multipart upload, when `when` holds. */
    readonly step: "PutObject";
    readonly when: string;
  }
  | {
    /** POST ?uploads: creates the upload with the object's headers and encryption (and `x-amz-checksum-algorithm: CRC32`). */
    readonly step: "CreateMultipartUpload";
    readonly when?: string;
  }
  | {
    /**
     * PUT ?partNumber&uploadId, once per part, with the CRC32 of its bytes (`x-amz-checksum-crc32`)
     * unless checksums are off, Content-MD5 where needed (TLS without CRC32, object lock); the
     * returned ETag is checked against an MD5 sent.
     */
    readonly step: "UploadPart";
    /** Number of parts, or null when the size is unknown (parts are read until the body ends). */
    readonly count: number | null;
    readonly partSize: number;
    /** Size of the last part, when the size is known. */
    readonly lastPartSize: number | null;
    /** Parts in flight at once (memory ≈ (inFlight + 1) × partSize for streamed bodies). */
    readonly inFlight: number;
    /** A failed part is retried from its buffered bytes, never by re-reading the body. */
    readonly retry: "per part";
  }
  | {
    /** POST ?uploadId with the part list (and each part's CRC32); an <Error> inside a 200 is a failure. */
    readonly step: "CompleteMultipartUpload";
  }
  | {
    /** DELETE ?uploadId: on any failure after CreateMultipartUpload, so nothing is orphaned. */
    readonly step: "AbortMultipartUpload";
    readonly when: "on failure";
  };

/** A multipart upload of a body (or one PUT, for a stream that turns out to be small). */
export interface MultipartUploadNode {
  readonly kind: "MultipartUpload";
  readonly bucket: string;
  readonly key: string;
  /** Body size in bytes, or null when unknown. */
  readonly size: number | null;
  readonly partSize: number;
  /** Number of parts, or null when the size is unknown. */
  readonly partCount: number | null;
  /** Parts uploaded at once. */
  readonly parallel: number;
  /** Object headers sent with CreateMultipartUpload: content type, metadata, tagging, object lock. */
  readonly headers: Readonly<Record<string, string>>;
  /** Encryption: its headers go on Create; an SSE-C key also on every UploadPart. */
  readonly sse?: Sse;
  /** Upload checksum setting of this call (absent: the client's). */
  readonly checksum?: ChecksumSetting;
  readonly steps: readonly UploadStep[];
}

/** An upload of a local file: its size is learnt when it runs, then one PUT or a multipart upload. */
export interface UploadFileNode {
  readonly kind: "UploadFile";
  readonly bucket: string;
  readonly key: string;
  readonly filePath: string;
  /** Explicit part size, or null to compute it from the file's size. */
  readonly partSize: number | null;
  readonly parallel: number;
  /** Object headers (content type guessed from the extension unless given). */
  readonly headers: Readonly<Record<string, string>>;
  readonly sse?: Sse;
  /** Upload checksum setting of this call (absent: the client's). */
  readonly checksum?: ChecksumSetting;
  readonly steps: readonly [
    { readonly step: "StatFile" },
    { readonly step: "PutObject"; readonly when: "size ≤ part size" },
    { readonly step: "MultipartUpload"; readonly when: "otherwise" },
  ];
}

/** ListMultipartUploads, every page: the bucket's incomplete uploads under a prefix. */
export interface ListUploadsNode {
  readonly kind: "ListUploads";
  readonly bucket: string;
  readonly prefix: string;
}

/** AbortMultipartUpload of one upload: its parts are deleted. */
export interface AbortUploadNode {
  readonly kind: "AbortUpload";
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
}
