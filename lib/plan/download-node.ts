/**
 * Plan node of a download to a local file: stat the object, fetch it (or the rest of a
 * partial temp file) into a temp file, fsync, rename into place. Plain data, so
 * `explain()` can show it; the customer key prints as its MD5 only.
 */
import type { SseCustomerKey } from "../model/sse.js";

/** Downloads an object to a file through a temp file renamed when complete. */
export interface DownloadObjectNode {
  readonly kind: "DownloadObject";
  readonly bucket: string;
  readonly key: string;
  /** Version to download (the latest when absent). */
  readonly versionId?: string;
  /** Destination file; written only by the final rename. */
  readonly filePath: string;
  /**
   * Temp file given by the caller. When absent the executor uses
   * `<filePath>.<etag>.part.quarry`, so a changed object never resumes from another's bytes.
   */
  readonly tmpFilePath?: string;
  /** Extra request headers, sent on the stat and on the GET. */
  readonly headers: Readonly<Record<string, string>>;
  /** Extra query parameters, sent on the stat and on the GET. */
  readonly query: Readonly<Record<string, string>>;
  /** Customer key of an SSE-C object. */
  readonly ssec?: SseCustomerKey;
  /** Ranged GETs in flight at once: above 1 the file is filled by `partSize` ranges written at their offsets. */
  readonly parallel?: number;
  /** Bytes per ranged GET of a parallel download. */
  readonly partSize?: number;
}
