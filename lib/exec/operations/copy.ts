import type { ObjectWriteResult } from "../../model/results.js";
import type { CopyObjectNode } from "../../plan/nodes.js";
import type { RunOptions } from "../../plan/runner.js";
import type { RequestExecutor } from "../executor.js";
import { runCopyJob } from "./copy-steps.js";

/** Server-side copy: stat the source, then one CopyObject, or a multipart copy when ranged or over 5 GiB. */
export async function copyObject(exec: RequestExecutor, node: CopyObjectNode, options: RunOptions): Promise<ObjectWriteResult> {
  return runCopyJob(exec, {
    bucket: node.bucket,
    key: node.key,
    sources: [node.source],
    headers: node.headers,
    ...(node.sse ? { sse: node.sse } : {}),
    steps: node.steps,
    metadataDirective: node.metadataDirective,
    taggingDirective: node.taggingDirective,
    carrySourceMetadata: true,
  }, options.signal);
}
