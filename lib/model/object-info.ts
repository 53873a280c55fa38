import type { ObjectChecksums } from "./checksums.js";

/**
 * An object (or a common prefix, or a delete marker) as listings and stat report it —
 * the seed's `Object`. Plain data: listings create millions of these. Stat fills the checksum
 * fields from the `x-amz-checksum-*` headers (sent when asked with `stat({ checksum: true })`).
 */
export interface ObjectInfo extends ObjectChecksums {
  /** Bucket the object lives in. */
  readonly bucketName: string;
  /** Object key (decoded, even when the server sent it URL-encoded). */
  readonly objectName: string;
  /** Last modification time; absent for common prefixes. */
  readonly lastModified?: Date;
  /** Entity tag without surrounding quotes. */
  readonly etag?: string;
  /** Size in bytes; absent for common prefixes and delete markers. */
  readonly size?: number;
  /** Storage class, e.g. `STANDARD`. */
  readonly storageClass?: string;
  /** Owner id, when the server reports it. */
  readonly ownerId?: string;
  /** Owner display name, when the server reports it. */
  readonly ownerName?: string;
  /** Version id (versioned listings and stat of a versioned object). */
  readonly versionId?: string;
  /** Whether this version is the latest one (versioned listings). */
  readonly isLatest?: boolean;
  /** True for a delete marker in a versioned listing. */
  readonly isDeleteMarker: boolean;
  /** True for a common prefix ("directory") in a non-recursive listing. */
  readonly isDir: boolean;
  /** Content type (stat, or listings with user metadata). */
  readonly contentType?: string;
  /**
   * Metadata: for stat, every response header (lower-case names); for listings with
   * `includeUserMeta`, the user metadata MinIO returns (`X-Amz-Meta-*` names as sent).
   */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Object tags MinIO returns in listings with user metadata (`k=v&k2=v2` decoded). */
  readonly userTags?: Readonly<Record<string, string>>;
}

/** A bucket as ListBuckets reports it — the seed's `Bucket`. */
export interface BucketInfo {
  /** Bucket name. */
  readonly name: string;
  /** Creation time. */
  readonly creationDate: Date;
}
