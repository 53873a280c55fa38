/**
 * The parallel fill of a download's temp file (`download(path, { parallel, partSize })`):
 * the bytes from `from` to the end are split into `partSize` ranges, up to `parallel` fetched
 * at once (each pinned with If-Match to the stat's ETag and resumed across cuts, see
 * parallel-get.ts) and written at their offsets — no reordering buffer. On failure every
 * range still in flight is aborted and the file is truncated to the bytes written without a
 * gap, so the next download resumes from there as it resumes a sequential one.
 */
import type { FileHandle } from "node:fs/promises";
import type { Progress } from "../../model/progress.js";
import type { GetObjectNode } from "../../plan/nodes.js";
import { partRanges } from "../../plan/parallel-get.js";
import type { RequestExecutor } from "../executor.js";
import { partChunks } from "./parallel-get.js";

/** How a parallel fill runs. */
export interface ParallelFill {
  /** Ranged GETs in flight at once. */
  readonly parallel: number;
  /** Bytes per ranged GET. */
  readonly partSize: number;
  /** Object size (from the stat). */
  readonly size: number;
  /** ETag (quoted) every range must match. */
  readonly etag: string | undefined;
}

/**
 * Fetches bytes `from..size-1` of `node` (a whole-object GET) into `fh` by ranges; resolves
 * with the bytes the file holds (`size`).
 */
export async function parallelFill(
  exec: RequestExecutor, node: GetObjectNode, fill: ParallelFill, from: number, fh: FileHandle,
  signal: AbortSignal | undefined, progress: ((p: Progress) => void) | undefined,
): Promise<number> {
  const parts = partRanges(from, fill.size - 1, fill.partSize);
  const reached = parts.map((p) => p.start);
  const done = parts.map(() => false);
  const pin = { etag: fill.etag, versionId: node.versionId };
  const stop = new AbortController();
  const linked = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  let loaded = from;
  let next = 0;
  let failure: { err: unknown } | undefined;

  const fetchPart = async (i: number) => {
    const part = parts[i]!;
    for await (const { offset, chunk } of partChunks(exec, node, pin, part, linked)) {
      await fh.write(chunk, 0, chunk.length, offset);
      reached[i] = offset + chunk.length;
      loaded += chunk.length;
      progress?.({ loaded, total: fill.size });
    }
    done[i] = true;
  };
  const worker = async () => {
    while (failure === undefined && next < parts.length) {
      const i = next++;
      try {
        await fetchPart(i);
      } catch (err) {
        if (failure === undefined) {
          failure = { err };
          stop.abort(err);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(fill.parallel, parts.length) }, worker));
  if (failure !== undefined) {
    // Keep only the gapless prefix: everything below the lowest byte some part still lacks.
    const gapless = Math.min(fill.size, ...parts.map((p, i) => (done[i] ? fill.size : reached[i]!)));
    await fh.truncate(gapless).catch(() => undefined);
    throw failure.err;
  }
  return fill.size;
}
