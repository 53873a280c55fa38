import { InvalidArgumentError } from "../errors.js";
import type { ProgressListener } from "../model/progress.js";
import { SseCustomerKey } from "../model/sse.js";
import { freezeNode, type DownloadObjectNode } from "../plan/nodes.js";
import { requestHeaders } from "./headers.js";
import { parallelFields, type ParallelReadOptions } from "./parallel-options.js";
import { checkChecksumFlag } from "../validate/index.js";
import { withChecksumMode } from "./checksum-mode.js";
import type { SignalOption } from "./object-ref.js";
import type { ObjectTarget } from "./upload-plan.js";

/**
 * Options of `ObjectRef.download` (and of the facade's `fgetObject`).
 *
 * The download goes to a temp file that is fsynced and renamed onto `filePath` only when it
 * holds exactly the object's size; the destination is never created or changed before that.
 * On failure or abort the temp file is kept, and the next download of the same object (same
 * etag) resumes from it with a Range request.
 */
export interface DownloadOptions extends SignalOption, ParallelReadOptions {
  /** Receives `{ loaded, total }` as the download progresses; `loaded` includes resumed bytes. */
  readonly onProgress?: ProgressListener;
  /** Extra request headers, sent on the stat and the GET. */
  readonly requestHeaders?: Readonly<Record<string, string>>;
  /** Extra query parameters, sent on the stat and the GET. */
  readonly extraQueryParams?: Readonly<Record<string, string>>;
  /** Customer key, for an object written with SSE-C. */
  readonly ssec?: SseCustomerKey;
  /**
   * Temp file to write into (default `<filePath>.<etag>.part.quarry`). A custom temp file gets
   * a `<tmpFilePath>.etag` marker beside it so a later call resumes only the same object.
   */
  readonly tmpFilePath?: string;
  /**
   * Ask for the object's checksum on the stat and GET (`x-amz-checksum-mode: ENABLED`) and
   * verify the completed temp file against it before the rename: a mismatch removes the temp
   * file and rejects with a ChecksumMismatchError. A full-object CRC32, SHA-256 or SHA-1 is
   * verified over the file; a multipart upload's composite CRC32 part by part (the part sizes
   * from HEAD `?partNumber`: one request when the parts are uniform, one per part otherwise).
   * CRC32C, CRC64NVME or no checksum at all pass unchecked.
   */
  readonly checksum?: boolean;
}

/** Plans a download to a file (no I/O: the directory check happens when it runs). */
export function planDownload(target: ObjectTarget & { readonly versionId?: string | undefined }, filePath: string, options: DownloadOptions): DownloadObjectNode {
  if (typeof filePath !== "string" || filePath === "") throw new InvalidArgumentError("filePath must be a non-empty string");
  const tmp = options.tmpFilePath;
  if (tmp !== undefined && (typeof tmp !== "string" || tmp === "")) throw new InvalidArgumentError("tmpFilePath must be a non-empty string");
  if (tmp !== undefined && tmp === filePath) throw new InvalidArgumentError("tmpFilePath must differ from filePath");
  if (options.ssec !== undefined && !(options.ssec instanceof SseCustomerKey)) throw new InvalidArgumentError("ssec must be an SseCustomerKey");
  const headers = withChecksumMode(requestHeaders(options.requestHeaders), checkChecksumFlag(options.checksum));
  if (headers["range"] !== undefined) throw new InvalidArgumentError("download fetches the whole object: use get({ offset, length }) for a range");
  return freezeNode({
    kind: "DownloadObject",
    bucket: target.bucketName,
    key: target.objectName,
    ...(target.versionId !== undefined ? { versionId: target.versionId } : {}),
    filePath,
    ...(tmp !== undefined ? { tmpFilePath: tmp } : {}),
    headers,
    query: { ...options.extraQueryParams },
    ...(options.ssec ? { ssec: options.ssec } : {}),
    ...parallelFields(options),
  });
}
