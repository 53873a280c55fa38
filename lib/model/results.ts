import type { ObjectChecksums } from "./checksums.js";
import type { Readable } from "node:stream";
import type { IncomingHttpHeaders } from "node:http";

/**
 * What a write (put, copy, compose) returns — the seed's `ObjectWriteResult`. With upload
 * checksums on, `checksumCRC32` is the CRC32 of the bytes sent (composite `…-N` of the part
 * CRC32s for multipart), as the server confirmed it when it echoed one.
 */
export interface ObjectWriteResult extends ObjectChecksums {
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
