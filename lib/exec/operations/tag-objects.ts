/**
 * TagObjects: PutObjectTagging for every match of a query, a bounded number in flight, each
 * key reported (a refused key is a failed result, never a stop).
 */
import type { TagObjectsNode } from "../../plan/nodes.js";
import type { PlanRunner, RunOptions } from "../../plan/runner.js";
import { runBatches } from "../batches.js";
import type { RequestExecutor } from "../executor.js";
import { sendConfig } from "./configs.js";
import { listedVersion, settleKey, skippedResult } from "./per-key.js";

/** Runs a TagObjects plan; a dry run reports every match as skipped and sends nothing. */
export async function tagObjects(exec: RequestExecutor, node: TagObjectsNode, options: RunOptions, runner: PlanRunner): Promise<void> {
  const emit = options.onResult ?? (() => undefined);
  const signal = options.signal ?? new AbortController().signal;
  const matches = runner.iterateQuery(node.query, { signal, ...(options.functions ? { functions: options.functions } : {}) });
  await runBatches(matches, { batchSize: 1, concurrency: node.concurrency, signal }, async ([o]) => {
    if (o === undefined || o.isDir) return;
    const versionId = listedVersion(o);
    // A delete marker has no tags to set.
    if (o.isDeleteMarker || node.dryRun) return emit(skippedResult(o.objectName, versionId, o.isDeleteMarker ? "deleteMarker" : "dryRun"));
    emit(await settleKey(o.objectName, versionId, signal, () => sendConfig(exec, {
      kind: "PutConfig", bucket: node.bucket, key: o.objectName, ...(versionId !== undefined ? { versionId } : {}),
      config: "objectTags", body: node.body, contentType: "application/xml", headers: {},
    }, signal)));
  });
}
