/**
 * Plan nodes of a query's bulk mutations besides removal: CopyObjects (copyTo and mirrorTo —
 * a server-side copy per match, mirror first merge-joining the source and target listings)
 * and TagObjects (PutObjectTagging per match). Plain frozen data, as `explainCopy()`,
 * `explainMirror()` and `explainSetTags()` show them.
 */
import type { CopyStep } from "./copy-nodes.js";
import type { ListObjectsNode } from "./nodes.js";
import type { QueryNode } from "./query-node.js";

/** How a mirror decides that a match is already in the target (see {@link MirrorCompare}). */
export type MirrorRule = "size, then etag; multipart etags: target not older than source";

/**
 * The merge-join of a mirror: the target listing (same delimiter as the query, in key order)
 * walked alongside the matches. A match is unchanged — reported skipped, not copied — when its
 * target key is listed with the same size and either the same ETag or, when either ETag is a
 * multipart one (`…-N`, not an MD5 of the bytes, and different after a server-side copy), a
 * target last modified no earlier than the source (what `aws s3 sync` compares).
 */
export interface MirrorCompare {
  readonly rule: MirrorRule;
  /** The target listing (under the target prefix). */
  readonly target: ListObjectsNode;
  /**
   * With `removeExtra`: target keys with no source object at all under the source prefix are
   * removed (a source object that exists but fails a predicate keeps its target copy). The
   * source side is the query's matches when the query has no predicate, filter, limit or
   * start key ("matches"), else a plain listing of the source prefix.
   */
  readonly removeExtra?: {
    readonly sourceKeys: "matches" | ListObjectsNode;
    /** Keys per DeleteObjects request (1000). */
    readonly batchSize: number;
  };
}

/**
 * Copy of every match of a query to `target.bucket`, at `target.prefix` + the key with the
 * source prefix removed (as mc mirror names them). Each copy is the CopyObject plan's steps:
 * the HEAD of `StatSources` is skipped when the listed size already shows one CopyObject
 * will do (≤ 5 GiB); larger objects are stat'ed and copied in parts. Every copy is pinned to
 * the listed ETag (x-amz-copy-source-if-match), and on a versions query names the listed
 * version. Delete markers (versions queries) cannot be copied: they are reported skipped.
 */
export interface CopyObjectsNode {
  readonly kind: "CopyObjects";
  readonly mode: "copy" | "mirror";
  readonly source: {
    readonly bucket: string;
    /** The query whose matches are copied. */
    readonly query: QueryNode;
    /** Removed from the front of each source key (the query's prefix). */
    readonly stripPrefix: string;
  };
  readonly target: { readonly bucket: string; readonly prefix: string };
  /** The per-object copy (metadata and tags are copied: COPY directives). */
  readonly steps: readonly CopyStep[];
  /** With mode "mirror": how unchanged keys are found, and extras removed. */
  readonly compare?: MirrorCompare;
  /** Copies (or DeleteObjects of extras) in flight at most. */
  readonly concurrency: number;
  /** Report every match (and extra) as skipped and send no mutation (listings still run). */
  readonly dryRun: boolean;
}

/** PutObjectTagging (replacing the tag set) of every match; on a versions query, of the listed version. */
export interface TagObjectsNode {
  readonly kind: "TagObjects";
  readonly bucket: string;
  /** The query whose matches are tagged. */
  readonly query: QueryNode;
  /** The tags to set (checked when the plan is made: at most 10, key 1..128, value ≤ 256 characters). */
  readonly tags: Readonly<Record<string, string>>;
  /** The Tagging document sent with each request. */
  readonly body: string;
  /** Requests in flight at most. */
  readonly concurrency: number;
  /** Report every match as skipped and send no PutObjectTagging. */
  readonly dryRun: boolean;
}
