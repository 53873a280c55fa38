/**
 * What the per-key bulk mutations (copy, mirror, tag) share: results for one key, and a
 * failure of one key turned into a failed result — only an abort stops the whole run.
 */
import type { MutationResult, MutationStatus, SkipReason } from "../../model/mutation-result.js";
import type { ObjectInfo } from "../../model/object-info.js";

/** The version a mutation names for a listed entry ("null", the unversioned one, names none). */
export function listedVersion(o: ObjectInfo): string | undefined {
  return o.versionId !== undefined && o.versionId !== "null" ? o.versionId : undefined;
}

/** A result for `objectName` (and `versionId`, when the mutation named one). */
export function keyResult(objectName: string, versionId: string | undefined, status: MutationStatus): MutationResult {
  return versionId !== undefined ? { objectName, versionId, status } : { objectName, status };
}

/** A skipped result for `objectName`, saying why. */
export function skippedResult(objectName: string, versionId: string | undefined, reason: SkipReason): MutationResult {
  return { ...keyResult(objectName, versionId, "skipped"), reason };
}

/**
 * Runs one key's mutation: done when it resolves; failed, with the error's code and message,
 * when it throws — unless `signal` aborted, which rethrows (the whole mutation stops).
 */
export async function settleKey(objectName: string, versionId: string | undefined, signal: AbortSignal, work: () => Promise<unknown>): Promise<MutationResult> {
  try {
    await work();
    return keyResult(objectName, versionId, "done");
  } catch (error) {
    if (signal.aborted) throw error;
    const code = typeof (error as { code?: unknown }).code === "string" ? (error as { code: string }).code : (error as Error).name ?? "Error";
    const message = error instanceof Error ? error.message : String(error);
    return { ...keyResult(objectName, versionId, "failed"), code, message };
  }
}
