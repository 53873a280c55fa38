/**
 * CopyObjects: copyTo (a server-side copy of every match) and mirrorTo (a copy of the matches
 * the target lacks or holds differently, found by merge-joining the two listings, and with
 * `removeExtra` a batched removal of target keys with no source). At most `concurrency`
 * copies in flight; every key reported; a refused key is a failed result, never a stop.
 */
import type { MutationResult } from "../../model/mutation-result.js";
import type { ObjectInfo } from "../../model/object-info.js";
import type { CopyObjectsNode, DeleteObjectsEntry } from "../../plan/nodes.js";
import type { PlanRunner, RunOptions } from "../../plan/runner.js";
import { runBatches } from "../batches.js";
import type { RequestExecutor } from "../executor.js";
import { mirrorJoin, type MirrorStep } from "../mirror-join.js";
import { runCopyJob } from "./copy-steps.js";
import { listedVersion, settleKey, skippedResult } from "./per-key.js";
import { deleteObjects, reportBatch } from "./remove-objects.js";

/** Every match of a copyTo as a step ("copy"); common prefixes are not objects. */
async function* copyAll(matches: AsyncIterable<ObjectInfo>, targetKey: (k: string) => string): AsyncGenerator<MirrorStep, void, undefined> {
  for await (const o of matches) if (!o.isDir) yield { type: "copy", source: o, targetKey: targetKey(o.objectName) };
}

/** One server-side copy of a listed entry, pinned to its listed ETag (and version). */
function copyOne(exec: RequestExecutor, node: CopyObjectsNode, o: ObjectInfo, targetKey: string, signal: AbortSignal): Promise<MutationResult> {
  const versionId = listedVersion(o);
  return settleKey(o.objectName, versionId, signal, () => runCopyJob(exec, {
    bucket: node.target.bucket,
    key: targetKey,
    sources: [{
      bucket: node.source.bucket, key: o.objectName, ...(versionId !== undefined ? { versionId } : {}),
      conditions: o.etag ? { matchETag: o.etag } : {},
    }],
    headers: {},
    steps: node.steps,
    metadataDirective: "COPY",
    taggingDirective: "COPY",
    carrySourceMetadata: true,
    ...(o.size !== undefined ? { listedSize: o.size } : {}),
  }, signal));
}

/** Runs a CopyObjects plan; a dry run lists and reports every match (and extra) as skipped, sending no mutation. */
export async function copyObjects(exec: RequestExecutor, node: CopyObjectsNode, options: RunOptions, runner: PlanRunner): Promise<void> {
  const emit = options.onResult ?? (() => undefined);
  const signal = options.signal ?? new AbortController().signal;
  const queryRun = { signal, ...(options.functions ? { functions: options.functions } : {}) };
  const strip = node.source.stripPrefix.length;
  const targetKey = (k: string) => node.target.prefix + k.slice(strip);
  const matches = runner.iterateQuery(node.source.query, queryRun);
  const compare = node.compare;
  const extras = compare?.removeExtra;
  const steps = node.mode === "copy" || compare === undefined ? copyAll(matches, targetKey) : mirrorJoin({
    matches,
    target: runner.iterate(compare.target, signal),
    targetKey,
    ...(extras ? { sourceKeys: extras.sourceKeys === "matches" ? "matches" as const : runner.iterate(extras.sourceKeys, signal) } : {}),
  });
  // Extras wait here until a DeleteObjects batch is full (or the end).
  let pending: DeleteObjectsEntry[] = [];
  const removeBatch = async (batch: DeleteObjectsEntry[]) => {
    const refused = await deleteObjects(exec, { kind: "DeleteObjects", bucket: node.target.bucket, objects: batch, quiet: true, bypassGovernance: false }, signal);
    reportBatch(batch, refused, (r) => emit({ ...r, extra: true }));
  };
  await runBatches(steps, { batchSize: 1, concurrency: node.concurrency, signal }, async ([s]) => {
    if (s === undefined) return;
    if (s.type === "extra") {
      if (node.dryRun) return emit({ ...skippedResult(s.targetKey, undefined, "dryRun"), extra: true });
      pending.push({ key: s.targetKey });
      if (pending.length < (extras?.batchSize ?? 1000)) return;
      const batch = pending;
      pending = [];
      return removeBatch(batch);
    }
    const o = s.source;
    // Nothing to do (unchanged), nothing to send (dry run), or nothing to copy (a delete marker).
    const skip = s.type === "same" ? "unchanged" : o.isDeleteMarker ? "deleteMarker" : node.dryRun ? "dryRun" : undefined;
    if (skip !== undefined) return emit(skippedResult(o.objectName, listedVersion(o), skip));
    emit(await copyOne(exec, node, o, s.targetKey, signal));
  });
  if (pending.length > 0) await removeBatch(pending);
}
