/**
 * Plan nodes of batched removal: one DeleteObjects request, and the multi-step
 * RemoveObjects that feeds a source of keys into such requests.
 */
import type { QueryNode } from "./query-node.js";

/** One key, or one version of it, in a DeleteObjects batch. */
export interface DeleteObjectsEntry {
  readonly key: string;
  readonly versionId?: string;
}

/** DeleteObjects (POST ?delete): up to 1000 keys in one request. */
export interface DeleteObjectsNode {
  readonly kind: "DeleteObjects";
  readonly bucket: string;
  readonly objects: readonly DeleteObjectsEntry[];
  /** Ask the server to report failures only. */
  readonly quiet: boolean;
  /** Send x-amz-bypass-governance-retention (remove versions under GOVERNANCE retention). */
  readonly bypassGovernance: boolean;
}

/** Where a RemoveObjects takes its keys from. */
export type RemoveSource =
  /**
   * Every match of a query (common prefixes excepted), removed as it is found: the query's
   * physical plan — its scans, client filters and limit — decides what goes.
   */
  | { readonly type: "query"; readonly query: QueryNode }
  /**
   * Keys the caller gives (they travel beside the plan, as a body does): an array, a sync
   * or async iterable, or an Observable of keys or `DeleteObject`s.
   */
  | { readonly type: "keys"; readonly of: "array" | "iterable" | "async iterable" | "observable"; readonly count?: number };

/**
 * Removal of many keys: pulls the source lazily, packs up to `batchSize` keys per
 * DeleteObjects (quiet), keeps at most `concurrency` of them in flight, reports every key.
 */
export interface RemoveObjectsNode {
  readonly kind: "RemoveObjects";
  readonly bucket: string;
  readonly source: RemoveSource;
  /** Keys per DeleteObjects request, 1..1000. */
  readonly batchSize: number;
  /** DeleteObjects requests in flight at most. */
  readonly concurrency: number;
  readonly bypassGovernance: boolean;
  /** Report every key as skipped and send no DELETE. */
  readonly dryRun: boolean;
}
