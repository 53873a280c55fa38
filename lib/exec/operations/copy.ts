import type { ObjectWriteResult } from "../../model/results.js";
import type { CopyObjectNode } from "../../plan/nodes.js";
import type { RunOptions } from "../../plan/runner.js";
import type { RequestExecutor } from "../executor.js";

/** Server-side copy. (Scaffolding until the copy work lands.) */
export async function copyObject(_exec: RequestExecutor, _node: CopyObjectNode, _options: RunOptions): Promise<ObjectWriteResult> {
  throw new Error("copyObject is not implemented yet");
}
