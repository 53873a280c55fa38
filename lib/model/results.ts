import type { Readable } from "node:stream";
import type { IncomingHttpHeaders } from "node:http";

/** What a write (put, copy, compose) returns — the seed's `ObjectWriteResult`. */
export interface ObjectWriteResult {
  readonly bucketName: string;
  readonly objectName: string;
  /** ETag without quotes. */
  readonly etag: string;
  /** Version id, when the bucket is versioned. */
  readonly versionId?: string;
  /** Every response header. */
  readonly headers: IncomingHttpHeaders;
}

/** An object's data as a Node stream, with the response headers. */
export type ObjectStream = Readable & { readonly headers: IncomingHttpHeaders };
