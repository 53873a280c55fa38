/**
 * Plan node of `ObjectsQuery.watch()` (mc find --watch): a bucket-notification listener whose
 * filter (prefix, suffix, events) the planner pushed down, and the query's client filters and
 * enrichment lookups run on every record, until the limit. Plain frozen data, as `explain()` shows it.
 */
import type { ListenBucketNotificationNode } from "./listen-node.js";
import type { ClientFilter, EnrichStep } from "./query-node.js";

/** The physical plan of a watch: one listener, then the same client filters a listing would run. */
export interface WatchNode {
  readonly kind: "Watch";
  readonly bucket: string;
  /** The query's prefix (maxDepth counts levels from it). */
  readonly prefix: string;
  /**
   * The listener: the prefix and suffix every match must have, the events. Absent when the
   * predicates can match nothing (no connection is made; the watch completes at once).
   */
  readonly listen?: ListenBucketNotificationNode;
  /** Client-side filters run on each record mapped to an ObjectInfo, cheap first. */
  readonly client: readonly ClientFilter[];
  /** Lookups (HeadObject / GetObjectTagging) for records the cheap filters could not decide. */
  readonly enrich: readonly EnrichStep[];
  /** Complete after this many matches; absent: run until unsubscribed. */
  readonly limit?: number;
}
