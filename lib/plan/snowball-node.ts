/**
 * The plan of a snowball upload: many small objects sent as tar archives that MinIO extracts
 * on arrival (`X-Amz-Meta-Snowball-Auto-Extract: true`). Plain data; the objects travel beside
 * the plan. MinIO extracts only a single PUT with a Content-Length (not a multipart upload),
 * so every archive is one PUT of at most 5 GiB whose exact length is known before it is sent.
 */
import type { Sse } from "../model/sse.js";

/** How an archive is produced before its PUT. */
export type SnowballStaging =
  /** Streamed while it is sent: its exact length is computed from the objects' lengths. */
  | "none"
  /** Built in memory first (compressed archives: their length is known only once built). */
  | "memory"
  /** Written to a staging file first, sent from it, and the file removed (also on failure). */
  | "file";

/** Limits of one archive when a source is sent in batches. */
export interface SnowballBatchLimits {
  /** An archive is closed before it would pass this many bytes (a larger single object gets its own). */
  readonly maxBytes: number;
  /** An archive holds at most this many objects. */
  readonly maxObjects: number;
}

/** A step of a snowball upload, in the order the executor runs them for each archive. */
export type SnowballStep =
  | {
    /** Reads object descriptions (not data) from the source until the archive is full; stats files. */
    readonly step: "CollectObjects";
    /** Duplicate names in one archive are refused (MinIO extracts entries concurrently). */
    readonly duplicates: "refused";
  }
  | {
    readonly step: "StageArchive";
    readonly into: "memory" | "file";
    readonly gzip: boolean;
  }
  | {
    /**
     * PutObject of the archive, of exact length: one buffer (retried) when every object's data
     * is in memory, else a stream (sent once); or from the stage (memory: retried).
     */
    readonly step: "PutObject";
    readonly body: "tar of exact length" | "staged archive";
  }
  | {
    readonly step: "RemoveStagingFile";
    readonly when: "always";
  };

/** Uploads objects as tar archives that the server extracts into the bucket. */
export interface SnowballUploadNode {
  readonly kind: "SnowballUpload";
  readonly bucket: string;
  /** Key each archive is PUT under (MinIO extracts it and does not keep it); batches add `.<n>`. */
  readonly archiveName: string;
  readonly staging: SnowballStaging;
  /** Path of the staging file, when `staging` is "file" (created exclusively: never overwrites). */
  readonly stagingFile?: string;
  /** Gzip the archive (MinIO detects and inflates it). */
  readonly compression: boolean;
  /** Headers of each archive PUT: the auto-extract flag, object-lock retention and legal hold. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * PAX records written in every entry: `minio.metadata.<header>` (user metadata, content
   * type, tags), which MinIO applies to each extracted object — request metadata is not.
   */
  readonly entryRecords: Readonly<Record<string, string>>;
  /** Encryption of the extracted objects (SSE-S3 or SSE-C; MinIO refuses SSE-KMS here). */
  readonly sse?: Sse;
  /** Number of objects when the source is an array, else null. */
  readonly objectCount: number | null;
  /** Archives in flight at once (MinIO writes at most 16 entries of one archive at a time). */
  readonly parallel: number;
  /** Batch limits, or null for a single archive (the seed's behaviour; at most 5 GiB). */
  readonly batch: SnowballBatchLimits | null;
  readonly steps: readonly SnowballStep[];
}
