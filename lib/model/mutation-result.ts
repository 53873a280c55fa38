/**
 * What a bulk mutation (remove, and later copy / mirror / tag) reports: one result per
 * matched key, and a summary at the end.
 */

/** The outcome of one key: done, skipped (dry run, nothing to do) or failed. */
export type MutationStatus = "done" | "skipped" | "failed";

/**
 * Why a key was skipped: `dryRun` (the mutation would have been sent — a mirror's dry run thus
 * names exactly what would change), `unchanged` (a mirror found the target already holding it),
 * `deleteMarker` (a version listing's delete marker: nothing to copy or tag).
 */
export type SkipReason = "dryRun" | "unchanged" | "deleteMarker";

/** The result of one key of a bulk mutation. */
export interface MutationResult {
  /** Object key. */
  readonly objectName: string;
  /** Version the mutation was applied to, when it named one. */
  readonly versionId?: string;
  readonly status: MutationStatus;
  /** S3 error code of a failed key. */
  readonly code?: string;
  /** Server message of a failed key. */
  readonly message?: string;
  /** Why a skipped key was skipped. */
  readonly reason?: SkipReason;
  /**
   * `mirrorTo({ removeExtra })` only: this key is a target key with no source object (its
   * removal, or in a dry run its skip); `objectName` is then the key in the target bucket.
   */
  readonly extra?: true;
}

/** Per-key result of a removal (`remove()` / `removeObjects`). */
export type DeleteResult = MutationResult;

/** A key that failed, as the summary lists it. */
export interface MutationError {
  readonly objectName: string;
  readonly versionId?: string;
  readonly code: string;
  readonly message: string;
  /** A mirror's extra (a target key with no source) that could not be removed. */
  readonly extra?: true;
}

/** Counts of a bulk mutation so far (its progress) or in the end. */
export interface MutationCounts {
  /** Keys the source or query produced. */
  readonly matched: number;
  readonly done: number;
  readonly skipped: number;
  readonly failed: number;
}

/** What an awaited bulk mutation resolves to. */
export interface MutationSummary extends MutationCounts {
  /** Every failed key with its error, in the order the results arrived. */
  readonly errors: MutationError[];
}
