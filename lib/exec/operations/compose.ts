import type { ObjectWriteResult } from "../../model/results.js";
import type { ComposeObjectNode } from "../../plan/nodes.js";
import type { RunOptions } from "../../plan/runner.js";
import type { RequestExecutor } from "../executor.js";
import { runCopyJob } from "./copy-steps.js";

/**
 * Server-side compose: stat every source (validating ranges and part sizes before any write),
 * then a multipart copy aborted on any failure. A single whole source of at most 5 GiB is one
 * CopyObject, REPLACE-ing metadata and tags only when they were given (as the seed does).
 */
export async function composeObject(exec: RequestExecutor, node: ComposeObjectNode, options: RunOptions): Promise<ObjectWriteResult> {
  const names = Object.keys(node.headers);
  const hasMetadata = names.some((k) => k.startsWith("x-amz-meta-") || k.startsWith("content-") || k === "cache-control" || k === "expires");
  return runCopyJob(exec, {
    bucket: node.bucket,
    key: node.key,
    sources: node.sources,
    headers: node.headers,
    ...(node.sse ? { sse: node.sse } : {}),
    steps: node.steps,
    metadataDirective: hasMetadata ? "REPLACE" : "COPY",
    taggingDirective: node.headers["x-amz-tagging"] !== undefined ? "REPLACE" : "COPY",
    carrySourceMetadata: false,
  }, options.signal);
}
