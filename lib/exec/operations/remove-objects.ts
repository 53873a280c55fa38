/**
 * Batched removal: DeleteObjects (one batch, quiet) and RemoveObjects (a source of keys —
 * a query's matches or the caller's keys — fed through bounded batching, every key reported).
 */
import type { MutationResult } from "../../model/mutation-result.js";
import type { DeleteObjectsNode, RemoveObjectsNode } from "../../plan/nodes.js";
import type { PlanRunner, RunOptions } from "../../plan/runner.js";
import type { ObjectInfo } from "../../model/object-info.js";
import { InvalidArgumentError } from "../../errors.js";
import { DeleteResultParser, type DeleteErrorEntry, type DeleteTarget } from "../../xml/delete-objects.js";
import { runBatches } from "../batches.js";
import { compileRequest } from "../compile.js";
import type { RequestExecutor } from "../executor.js";
import { keyStream } from "../key-stream.js";
import { bodyError } from "../read-body.js";
import { backoffDelay, maxAttempts, sleep } from "../retry.js";
import { NetworkError } from "../transport.js";

/**
 * One DeleteObjects request; resolves to the keys refused. The executor retries it until
 * the response head arrives; a connection lost while the answer's body streams in is
 * retried here too (removing a key twice leaves the same state).
 */
export async function deleteObjects(exec: RequestExecutor, node: DeleteObjectsNode, signal?: AbortSignal): Promise<DeleteErrorEntry[]> {
  const req = compileRequest(node);
  const attempts = maxAttempts(exec.config.retry);
  for (let attempt = 1; ; attempt++) {
    const res = await exec.send(req, signal);
    const errors: DeleteErrorEntry[] = [];
    const parser = new DeleteResultParser({ onError: (e) => errors.push(e) });
    let read = 0;
    try {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        read += chunk.length;
        parser.write(chunk);
      }
    } catch (error) {
      res.destroy();
      // A cut or silent answer (NetworkError) is sent again; a malformed one or an abort is final.
      const typed = bodyError(error, read);
      if (signal?.aborted || !(typed instanceof NetworkError) || attempt >= attempts) throw typed;
      await sleep(backoffDelay(attempt - 1, exec.config.retry), signal);
      continue;
    }
    parser.end();
    return errors;
  }
}

/** Every match (object, version or delete marker) of a query; common prefixes are not objects. */
async function* queryTargets(matches: AsyncIterable<ObjectInfo>): AsyncGenerator<DeleteTarget, void, undefined> {
  for await (const o of matches) {
    if (o.isDir) continue;
    yield o.versionId !== undefined ? { key: o.objectName, versionId: o.versionId } : { key: o.objectName };
  }
}

function result(t: DeleteTarget, status: MutationResult["status"], error?: DeleteErrorEntry): MutationResult {
  const v = t.versionId !== undefined ? { versionId: t.versionId } : {};
  return error ? { objectName: t.key, ...v, status, code: error.code, message: error.message } : { objectName: t.key, ...v, status };
}

const idOf = (key: string, versionId: string | undefined) => `${key}\u0000${versionId ?? ""}`;

/** Reports each key of a batch: failed when the server listed it among the errors, done otherwise. */
export function reportBatch(batch: readonly DeleteTarget[], errors: readonly DeleteErrorEntry[], emit: (r: MutationResult) => void): void {
  if (errors.length === 0) {
    for (const t of batch) emit(result(t, "done"));
    return;
  }
  const byId = new Map<string, DeleteErrorEntry>();
  for (const e of errors) if (!byId.has(idOf(e.key, e.versionId))) byId.set(idOf(e.key, e.versionId), e);
  for (const t of batch) {
    // A server may leave the version id out of an error entry: fall back to the key.
    const e = byId.get(idOf(t.key, t.versionId)) ?? byId.get(idOf(t.key, undefined));
    emit(result(t, e ? "failed" : "done", e));
  }
}

/**
 * RemoveObjects: pulls the source lazily, ≤ batchSize keys per quiet DeleteObjects,
 * ≤ concurrency requests in flight; reports every key through `options.onResult`. A dry run
 * reports every key as skipped and sends nothing.
 */
export async function removeObjects(exec: RequestExecutor, node: RemoveObjectsNode, options: RunOptions, runner: PlanRunner): Promise<void> {
  const emit = options.onResult ?? (() => undefined);
  const signal = options.signal ?? new AbortController().signal;
  let source: AsyncIterable<DeleteTarget> | Iterable<DeleteTarget>;
  if (node.source.type === "query") {
    source = queryTargets(runner.iterateQuery(node.source.query, { signal, ...(options.functions ? { functions: options.functions } : {}) }));
  }
  else if (options.keys !== undefined) source = keyStream(options.keys);
  else throw new InvalidArgumentError("RemoveObjects of given keys needs the keys");
  if (node.dryRun) {
    for await (const t of source as AsyncIterable<DeleteTarget>) {
      signal.throwIfAborted();
      emit({ ...result(t, "skipped"), reason: "dryRun" });
    }
    return;
  }
  await runBatches(source, { batchSize: node.batchSize, concurrency: node.concurrency, signal }, async (batch) => {
    const batchNode: DeleteObjectsNode = { kind: "DeleteObjects", bucket: node.bucket, objects: batch, quiet: true, bypassGovernance: node.bypassGovernance };
    reportBatch(batch, await deleteObjects(exec, batchNode, signal), emit);
  });
}
