import type { ChecksumSetting } from "../model/checksums.js";
import type { Sse, SseCustomerKey } from "../model/sse.js";
import type { ComposeObjectNode, CopyObjectNode } from "./copy-nodes.js";
import type { DownloadObjectNode } from "./download-node.js";
import type { PresignObjectNode, PresignPostNode } from "./presign-nodes.js";
import type { ListenBucketNotificationNode } from "./listen-node.js";
import type { SelectObjectContentNode } from "./select-node.js";
import type { QueryNode } from "./query-node.js";
import type { WatchNode } from "./watch-node.js";
import type { AbortUploadNode, ListUploadsNode, MultipartUploadNode, UploadFileNode } from "./upload-nodes.js";
import type { SnowballUploadNode } from "./snowball-node.js";
import type { DeleteObjectsNode, RemoveObjectsNode } from "./remove-nodes.js";
import type { CopyObjectsNode, TagObjectsNode } from "./bulk-nodes.js";

export type { ComposeObjectNode, CopyObjectNode } from "./copy-nodes.js";
export type { DownloadObjectNode } from "./download-node.js";
export type { PostPolicyCondition, PresignObjectNode, PresignPostNode } from "./presign-nodes.js";
export type { ListenBucketNotificationNode, ListenReconnectPolicy } from "./listen-node.js";
export type * from "./select-node.js";
export type { ClientFilter, EnrichStep, Lookup, LogicalQuery, ObjectFilter, QueryNode, QueryRunOptions } from "./query-node.js";
export type * from "./predicates.js";
export type { WatchNode } from "./watch-node.js";
export type { AbortUploadNode, ListUploadsNode, MultipartUploadNode, UploadFileNode, UploadStep } from "./upload-nodes.js";
export type { SnowballBatchLimits, SnowballStaging, SnowballStep, SnowballUploadNode } from "./snowball-node.js";
export type { DeleteObjectsEntry, DeleteObjectsNode, RemoveObjectsNode, RemoveSource } from "./remove-nodes.js";
export type { CopyObjectsNode, MirrorCompare, MirrorRule, TagObjectsNode } from "./bulk-nodes.js";

/**
 * The operation plan: one plain, frozen, JSON-printable node per S3 operation. Builders
 * produce these; the executor runs them; `explain()` shows them. A node says what to ask,
 * not how to ask it (no URLs, no signatures, no bodies).
 */

/** Which listing API a listing uses. */
export type ListApi = "v2" | "v1" | "versions";

/** ListBuckets: every bucket the credentials can see. */
export interface ListBucketsNode {
  readonly kind: "ListBuckets";
}

/** CreateBucket, optionally in a region and with object lock enabled. */
export interface MakeBucketNode {
  readonly kind: "MakeBucket";
  readonly bucket: string;
  /** Region (location constraint); absent means the client's region or us-east-1. */
  readonly region?: string;
  readonly objectLock: boolean;
}

/** HeadBucket: does the bucket exist (and may we see it)? */
export interface HeadBucketNode {
  readonly kind: "HeadBucket";
  readonly bucket: string;
}

/** DeleteBucket. */
export interface RemoveBucketNode {
  readonly kind: "RemoveBucket";
  readonly bucket: string;
}

/** GetBucketLocation (region discovery). */
export interface GetBucketLocationNode {
  readonly kind: "GetBucketLocation";
  readonly bucket: string;
}

/** Server-side-encryption-with-customer-key headers are carried as plain data. */
export type Headers = Readonly<Record<string, string>>;

/** PutObject in a single request. The body travels beside the plan, not in it. */
export interface PutObjectNode {
  readonly kind: "PutObject";
  readonly bucket: string;
  readonly key: string;
  /** Body length in bytes. */
  readonly size: number;
  /** Headers to send: content type, x-amz-meta-*, standard headers, tagging, object lock. */
  readonly headers: Headers;
  /** Encryption (an SSE-C key shows as its MD5 only). */
  readonly sse?: Sse;
  /** Upload checksum setting of this call (absent: the client's). */
  readonly checksum?: ChecksumSetting;
}

/** A byte range: `length` absent means "to the end". */
export interface ByteRange {
  readonly offset: number;
  readonly length?: number;
}

/** GetObject, whole or a range. */
export interface GetObjectNode {
  readonly kind: "GetObject";
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  readonly range?: ByteRange;
  /** Extra request headers (conditional headers). */
  readonly headers: Headers;
  /** Extra query parameters (e.g. response-content-type). */
  readonly query: Readonly<Record<string, string>>;
  /** Customer key of an SSE-C object (shown by explain() as its MD5 only). */
  readonly ssec?: SseCustomerKey;
  /** Ranged GETs in flight at once: above 1 the read is split into `partSize` ranges (see parallel-get.ts). */
  readonly parallel?: number;
  /** Bytes per ranged GET of a parallel read. */
  readonly partSize?: number;
}

/** HeadObject (statObject). */
export interface HeadObjectNode {
  readonly kind: "HeadObject";
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  readonly headers: Headers;
  readonly query: Readonly<Record<string, string>>;
  /** Customer key of an SSE-C object (shown by explain() as its MD5 only). */
  readonly ssec?: SseCustomerKey;
}

/** DeleteObject, optionally one version. */
export interface DeleteObjectNode {
  readonly kind: "DeleteObject";
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  readonly bypassGovernance: boolean;
}

/** A paginated listing of objects, common prefixes, or versions. */
export interface ListObjectsNode {
  readonly kind: "ListObjects";
  readonly bucket: string;
  readonly api: ListApi;
  readonly prefix: string;
  /** "/" for a non-recursive listing, absent for recursive. */
  readonly delimiter?: string;
  /** Start listing after this key (V2 start-after, V1 marker, versions key-marker). */
  readonly startAfter?: string;
  /** Ask MinIO for user metadata (metadata=true). V2 only. */
  readonly includeUserMeta: boolean;
  /** Ask the server to URL-encode keys (encoding-type=url); Quarry decodes them. */
  readonly urlEncoding: boolean;
  /**
   * Fan-out (recursive listings only): discover common prefixes with "/" listings, then scan
   * up to this many prefixes at once, 2..64. Absent: one sequential scan.
   */
  readonly parallel?: number;
  /** With `parallel`: emit in key order (bounded buffering) instead of as the scans deliver. */
  readonly ordered?: boolean;
  /** Keys per page (max-keys), 1..1000. */
  readonly pageSize: number;
  /**
   * Client-side end of a query's scan: entries at or after this key (UTF-8 order) are dropped
   * and no page is requested past them. Never sent to the server (S3 has no end key).
   */
  readonly stopAt?: string;
  /**
   * Client-side start of a query's scan: entries before this key are dropped (the server
   * starts after `startAfter`, which S3 makes exclusive, so a scan from an inclusive key starts
   * a little early). Never sent to the server.
   */
  readonly startAt?: string;
  /** Drop common prefixes: a recursive query served by a "/" listing (its matches lie on one level). */
  readonly skipDirs?: boolean;
}

/** Every bucket or object configuration Quarry can get, set and delete. */
export type ConfigName =
  | "versioning" | "policy" | "notification" | "encryption" | "replication" | "lifecycle"
  | "bucketTags" | "objectLock" | "objectTags" | "retention" | "legalHold";

/** Which bucket, object or object version a configuration belongs to. */
export interface ConfigTarget {
  readonly bucket: string;
  /** Object key, for object-level configurations (tags, retention, legal hold). */
  readonly key?: string;
  readonly versionId?: string;
}

/** Reads a configuration (GET ?<subresource>). */
export interface GetConfigNode extends ConfigTarget {
  readonly kind: "GetConfig";
  readonly config: ConfigName;
}

/** Writes a configuration (PUT ?<subresource> with the encoded body, shown as text). */
export interface PutConfigNode extends ConfigTarget {
  readonly kind: "PutConfig";
  readonly config: ConfigName;
  /** The request body exactly as it will be sent (XML, or JSON for a bucket policy). */
  readonly body: string;
  readonly contentType: string;
  /** Extra headers (e.g. x-amz-bypass-governance-retention). */
  readonly headers: Headers;
}

/** Deletes a configuration (DELETE ?<subresource>). */
export interface DeleteConfigNode extends ConfigTarget {
  readonly kind: "DeleteConfig";
  readonly config: ConfigName;
}

/** Every plan node kind. */
export type PlanNode =
  | ListBucketsNode
  | MakeBucketNode
  | HeadBucketNode
  | RemoveBucketNode
  | GetBucketLocationNode
  | PutObjectNode
  | GetObjectNode
  | HeadObjectNode
  | DeleteObjectNode
  | ListObjectsNode
  | GetConfigNode
  | PutConfigNode
  | DeleteConfigNode
  | MultipartUploadNode
  | UploadFileNode
  | SnowballUploadNode
  | ListUploadsNode
  | AbortUploadNode
  | CopyObjectNode
  | ComposeObjectNode
  | DownloadObjectNode
  | PresignObjectNode
  | PresignPostNode
  | ListenBucketNotificationNode
  | SelectObjectContentNode
  | DeleteObjectsNode
  | RemoveObjectsNode
  | CopyObjectsNode
  | TagObjectsNode
  | QueryNode
  | WatchNode;

/** Plans of several requests, run by orchestrators rather than compiled to one request. */
export type MultiStepNode = MultipartUploadNode | UploadFileNode | ListUploadsNode | CopyObjectNode | ComposeObjectNode | DownloadObjectNode
  | SnowballUploadNode | RemoveObjectsNode | CopyObjectsNode | TagObjectsNode | QueryNode | WatchNode;

/** Plans that sign something locally instead of sending a request of their own. */
export type LocalSigningNode = PresignObjectNode | PresignPostNode;

/** Plans that compile to exactly one HTTP request. */
export type SingleRequestNode = Exclude<PlanNode, MultiStepNode | LocalSigningNode>;

/** The `kind` of every plan node. */
export type PlanKind = PlanNode["kind"];

/** Freezes a node (shallowly, and its header/query maps) so a plan cannot change after it is made. */
export function freezeNode<N extends PlanNode>(node: N): N {
  for (const value of Object.values(node)) {
    if (value !== null && typeof value === "object") Object.freeze(value);
  }
  return Object.freeze(node);
}
