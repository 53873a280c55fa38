import type { ProgressListener } from "../model/progress.js";
import { freezeNode, type DownloadObjectNode } from "../plan/nodes.js";
import type { SignalOption } from "./object-ref.js";
import type { ObjectTarget } from "./upload-plan.js";

/** Options of `ObjectRef.download`. */
export interface DownloadOptions extends SignalOption {
  /** Receives `{ loaded, total }` as the download progresses. */
  readonly onProgress?: ProgressListener;
}

/** Plans a download to a file. */
export function planDownload(target: ObjectTarget, filePath: string, _options: DownloadOptions): DownloadObjectNode {
  return freezeNode({ kind: "DownloadObject", bucket: target.bucketName, key: target.objectName, filePath });
}
