import type { Observable } from "rxjs";
import type { BucketInfo, ObjectInfo } from "../model/object-info.js";
import type { ObjectStream, ObjectWriteResult } from "../model/results.js";
import type { Progress } from "../model/progress.js";
import type { IncompleteUpload } from "../model/incomplete-upload.js";
import type { PresignedPost } from "../model/post-policy.js";
import type { NotificationRecord } from "../model/notification-record.js";
import type { ListenBucketNotificationNode, ListObjectsNode, PlanNode } from "./nodes.js";
import type { SelectSource } from "../select/source.js";
import type { SnowballItem, SnowballObject, SnowballSummary } from "../model/snowball.js";
import type { DeleteErrorEntry } from "../xml/delete-objects.js";
import type { MutationResult } from "../model/mutation-result.js";
import type { KeySource } from "../model/key-source.js";
import type { QueryNode, QueryRunOptions } from "./query-node.js";
import type { WatchNode } from "./watch-node.js";

/** The result each plan kind resolves to. */
export interface PlanResults {
  ListBuckets: BucketInfo[];
  MakeBucket: void;
  HeadBucket: boolean;
  RemoveBucket: void;
  GetBucketLocation: string;
  PutObject: ObjectWriteResult;
  GetObject: ObjectStream;
  HeadObject: ObjectInfo;
  DeleteObject: void;
  ListObjects: ObjectInfo[];
  /** The decoded configuration, its "absent" value, or null. */
  GetConfig: unknown;
  PutConfig: void;
  DeleteConfig: void;
  MultipartUpload: ObjectWriteResult;
  UploadFile: ObjectWriteResult;
  SnowballUpload: SnowballSummary;
  ListUploads: IncompleteUpload[];
  AbortUpload: void;
  CopyObject: ObjectWriteResult;
  ComposeObject: ObjectWriteResult;
  DownloadObject: ObjectInfo;
  /** The presigned URL. */
  PresignObject: string;
  /** Where to POST and the form fields to send before the file. */
  PresignPost: PresignedPost;
  /** The listener, not yet started (it connects on subscribe); see {@link PlanRunner.listen}. */
  ListenBucketNotification: Observable<NotificationRecord>;
  /** The response, once its headers arrived: the event-stream body, unread. */
  SelectObjectContent: SelectSource;
  /** The keys refused one by one (in quiet mode the server reports nothing else). */
  DeleteObjects: DeleteErrorEntry[];
  /** Every key is reported through `RunOptions.onResult`. */
  RemoveObjects: void;
  /** Every match (and, mirroring, every extra) is reported through `RunOptions.onResult`. */
  CopyObjects: void;
  /** Every match is reported through `RunOptions.onResult`. */
  TagObjects: void;
  /** Every match of the query plan, in key order. */
  Query: ObjectInfo[];
  /** The watch, not yet started (it connects on subscribe); see {@link PlanRunner.watch}. */
  Watch: Observable<ObjectInfo>;
}

/** The objects of a snowball upload: any iterable or async iterable of SnowballObject or `{ name, data }`. */
export type SnowballSource = Iterable<SnowballObject | SnowballItem> | AsyncIterable<SnowballObject | SnowballItem>;

/**
 * A request body: bytes, text (UTF-8), a Node readable stream, a web ReadableStream, a Blob,
 * or any async iterable of byte chunks. Streams and iterables may be of unknown size.
 */
export type BodyInput = Buffer | Uint8Array | string | NodeJS.ReadableStream | ReadableStream<Uint8Array> | Blob | AsyncIterable<Uint8Array>;

/** Per-call options every terminal operation accepts. */
export interface RunOptions {
  /** Aborts the operation (and the request in flight). */
  readonly signal?: AbortSignal;
  /** The request body, for plans that send one. */
  readonly body?: BodyInput;
  /** Receives transfer progress, for plans that move object data. */
  readonly progress?: (progress: Progress) => void;
  /** The objects, for a SnowballUpload plan. */
  readonly objects?: SnowballSource;
  /** The keys of a RemoveObjects whose source is `keys` (they travel beside the plan, as a body does). */
  readonly keys?: KeySource;
  /** Receives the per-key results of a bulk mutation (RemoveObjects, CopyObjects, TagObjects). */
  readonly onResult?: (result: MutationResult) => void;
  /** The functions of a Query plan's `filter()` calls (they travel beside the plan, as a body does). */
  readonly functions?: QueryRunOptions["functions"];
}

/**
 * What builders are given to run their plans — they never import the executor itself
 * (as Kysely's builders hold a QueryExecutor).
 */
export interface PlanRunner {
  /** Runs a one-shot plan node. */
  run<N extends PlanNode>(node: N, options?: RunOptions): Promise<PlanResults[N["kind"]]>;
  /** A cold, lazily paginated listing; unsubscribing aborts the page in flight. */
  list(node: ListObjectsNode, signal?: AbortSignal): Observable<ObjectInfo>;
  /** The same listing as a pull-based async iterable with bounded read-ahead. */
  iterate(node: ListObjectsNode, signal?: AbortSignal): AsyncIterable<ObjectInfo>;
  /** A bucket-notification listener: connects on subscribe; unsubscribing ends the request. */
  listen(node: ListenBucketNotificationNode, signal?: AbortSignal): Observable<NotificationRecord>;
  /** A query plan's matches as a cold Observable; unsubscribing aborts what is in flight. */
  query(node: QueryNode, options?: QueryRunOptions): Observable<ObjectInfo>;
  /** A query plan's matches as a pull-based async iterable; `break` aborts what is in flight. */
  iterateQuery(node: QueryNode, options?: QueryRunOptions): AsyncIterable<ObjectInfo>;
  /** A watch plan's new matches (from bucket notifications); connects on subscribe, unsubscribing closes the connection. */
  watch(node: WatchNode, options?: QueryRunOptions): Observable<ObjectInfo>;
}
