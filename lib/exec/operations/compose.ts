import type { ObjectWriteResult } from "../../model/results.js";
import type { ComposeObjectNode } from "../../plan/nodes.js";
import type { RunOptions } from "../../plan/runner.js";
import type { RequestExecutor } from "../executor.js";

/** Server-side compose. (Scaffolding until the copy work lands.) */
export async function composeObject(_exec: RequestExecutor, _node: ComposeObjectNode, _options: RunOptions): Promise<ObjectWriteResult> {
  throw new Error("composeObject is not implemented yet");
}
