/**
 * A query's two plans. The logical plan is what the user asked (a listing and predicates);
 * the physical plan ({@link QueryNode}, made by lib/planner) is how it runs: which server
 * scans, which client-side filters in which order, which enrichment lookups, the limit.
 * Both are plain frozen data; `explain()` shows the physical plan.
 */
import type { ObjectInfo } from "../model/object-info.js";
import type { ListObjectsNode } from "./nodes.js";
import type { Predicate } from "./predicates.js";

/** What a query asks: the listing of `ObjectsQuery` plus predicates (ANDed) and a limit. */
export interface LogicalQuery {
  /** The listing as the query's source methods (prefix, recursive, versions, ...) describe it. */
  readonly source: ListObjectsNode;
  /** Conditions that must all hold. */
  readonly where: readonly Predicate[];
  /** At most this many results. */
  readonly limit?: number;
  /** Most enrichment lookups in flight. */
  readonly concurrency: number;
}

/** Data a client-side filter needs beyond the listing. */
export type Lookup = "head" | "tags";

/** One client-side test, in the order they run (cheap first). */
export interface ClientFilter {
  readonly predicate: Predicate;
  /** Lookups this test needs; empty when the listing entry is enough. */
  readonly needs: readonly Lookup[];
}

/** One enrichment lookup per object that the cheaper filters let through. */
export interface EnrichStep {
  /** HeadObject / GetObjectTagging per object, or MinIO's metadata listing (no extra request). */
  readonly lookup: "HeadObject" | "GetObjectTagging" | "MetadataListing";
  /** What it supplies. */
  readonly fields: readonly ("contentType" | "metadata" | "tags")[];
  /** Most lookups in flight (0 for the metadata listing, which needs none). */
  readonly concurrency: number;
}

/**
 * The physical plan of a query: scans run in order (key order), each entry passes the client
 * filters (lookups only for entries the cheap filters could not decide), until `limit`.
 */
export interface QueryNode {
  readonly kind: "Query";
  readonly bucket: string;
  /** The query's prefix (maxDepth and groupByPrefix count levels from it). */
  readonly prefix: string;
  /** Server listings, in key order; none when the predicates can match nothing. */
  readonly scans: readonly ListObjectsNode[];
  /** Client-side filters, cheap first. */
  readonly client: readonly ClientFilter[];
  /** Enrichment lookups. */
  readonly enrich: readonly EnrichStep[];
  /** At most this many results; absent: all. */
  readonly limit?: number;
}

/** A user's predicate over listed objects (`filter(fn)`); it travels beside the plan, which names it. */
export type ObjectFilter = (object: ObjectInfo) => boolean;

/** Options of one run of a query plan. */
export interface QueryRunOptions {
  /** Aborts the run and the requests in flight. */
  readonly signal?: AbortSignal;
  /** The functions of the query's `filter()` calls, by the index in their plan nodes. */
  readonly functions?: readonly ObjectFilter[];
  /** "now" for age predicates, ms since the epoch (default: when the run starts). */
  readonly now?: number;
}
