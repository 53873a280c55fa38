/**
 * Plans and starts batched removals for the builders (ObjectsQuery.remove,
 * BucketRef.removeObjects): options are checked (with the checks every bulk mutation shares)
 * and the plan made before anything is sent.
 */
import { BulkMutation } from "../model/bulk-mutation.js";
import { keySourceKind, toDeleteTarget, type KeySource } from "../model/key-source.js";
import { freezeNode, type RemoveObjectsNode, type RemoveSource } from "../plan/nodes.js";
import type { PlanRunner, RunOptions } from "../plan/runner.js";
import { checkInteger } from "../validate/index.js";
import { checkCommon } from "./bulk-plan.js";
import type { SignalOption } from "./object-ref.js";

/** Options of a batched removal (`ObjectsQuery.remove`, `BucketRef.removeObjects`). */
export interface RemoveObjectsOptions extends SignalOption {
  /** Remove versions under GOVERNANCE retention (sends x-amz-bypass-governance-retention; needs the permission). */
  readonly bypassGovernance?: boolean;
  /** Report every key as skipped and send no DELETE. */
  readonly dryRun?: boolean;
  /** DeleteObjects requests in flight at most, 1..64 (default 4). */
  readonly concurrency?: number;
  /** Keys per DeleteObjects request, 1..1000 (default 1000, the S3 maximum). */
  readonly batchSize?: number;
}

/** The RemoveObjects plan for `source` with `options` (InvalidArgumentError on bad options). */
export function planRemove(bucket: string, source: RemoveSource, options: RemoveObjectsOptions): RemoveObjectsNode {
  const { concurrency, dryRun } = checkCommon(options, "remove", 4);
  const batchSize = options.batchSize ?? 1000;
  checkInteger(batchSize, "batchSize", 1, 1000);
  return freezeNode({
    kind: "RemoveObjects",
    bucket,
    source,
    batchSize,
    concurrency,
    bypassGovernance: options.bypassGovernance === true,
    dryRun,
  });
}

/** The plan of removing the caller's keys; an array's keys are all checked now. */
export function planRemoveKeys(bucket: string, keys: KeySource, options: RemoveObjectsOptions): RemoveObjectsNode {
  const of = keySourceKind(keys);
  if (of === "array") for (const k of keys as readonly unknown[]) toDeleteTarget(k);
  return planRemove(bucket, { type: "keys", of, ...(of === "array" ? { count: (keys as readonly unknown[]).length } : {}) }, options);
}

/** Starts the removal now (not on subscribe) and returns it as a {@link BulkMutation}. */
export function startRemove(runner: PlanRunner, node: RemoveObjectsNode, options: RemoveObjectsOptions, beside: Pick<RunOptions, "keys" | "functions"> = {}): BulkMutation {
  return BulkMutation.start((emit, signal) => runner.run(node, { ...beside, signal, onResult: emit }), options.signal);
}
