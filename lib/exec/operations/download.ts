import type { ObjectInfo } from "../../model/object-info.js";
import type { DownloadObjectNode } from "../../plan/nodes.js";
import type { RunOptions } from "../../plan/runner.js";
import type { RequestExecutor } from "../executor.js";

/** Download to a file. (Scaffolding until the download work lands.) */
export async function downloadObject(_exec: RequestExecutor, _node: DownloadObjectNode, _options: RunOptions): Promise<ObjectInfo> {
  throw new Error("download is not implemented yet");
}
