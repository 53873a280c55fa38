/**
 * Download to a file. Stat first (size, etag); write into a temp file, resuming a partial
 * one (and a body cut mid-way, see resumable-get.ts) with `Range: bytes=<n>-` plus `If-Match: <etag>`; fsync and rename onto the
 * destination only when the temp file holds exactly the stat size. The destination is
 * never created or changed before that rename. On error or abort the temp file is kept so
 * the next call resumes it (a temp file whose object changed is discarded instead). With
 * `parallel` > 1 the rest is fetched by ranges at once (parallel-download.ts), the file cut
 * back to its gapless prefix on failure.
 */
import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { QuarryError, S3Error } from "../../errors.js";
import type { ObjectInfo } from "../../model/object-info.js";
import type { Progress } from "../../model/progress.js";
import type { DownloadObjectNode, GetObjectNode, HeadObjectNode } from "../../plan/nodes.js";
import type { RunOptions } from "../../plan/runner.js";
import type { RequestExecutor } from "../executor.js";
import { compileRequest } from "../compile.js";
import { NetworkError } from "../transport.js";
import { commit, defaultTempPath, discard, prepareDestination, resumableBytes } from "./download-temp.js";
import { headObject } from "./objects.js";
import { resumingChunks } from "./resumable-get.js";
import { DEFAULT_GET_PART_SIZE } from "../../plan/parallel-get.js";
import { parallelFill } from "./parallel-download.js";
import { asksChecksums } from "../checksum/headers.js";
import { verifyDownloadedFile } from "../checksum/verify-file.js";

/** Restarts allowed when the object changes between the stat and the GET. */
const MAX_RESTARTS = 3;

/** Downloads `node` to its file; resolves with the object's stat information. */
export async function downloadObject(exec: RequestExecutor, node: DownloadObjectNode, options: RunOptions): Promise<ObjectInfo> {
  const { signal } = options;
  const progress = monotonic(options.progress);
  await prepareDestination(node.filePath);
  for (let restart = 0; ; restart++) {
    const info = await headObject(exec, statNode(node), signal);
    const etag = info.etag ?? "";
    const size = info.size ?? 0;
    const custom = node.tmpFilePath !== undefined;
    const tmp = node.tmpFilePath ?? defaultTempPath(node.filePath, etag);
    try {
      await fill(exec, node, { tmp, custom, etag, size }, signal, progress);
    } catch (err) {
      if (!isChanged(err) || restart + 1 >= MAX_RESTARTS) throw err;
      await discard(tmp, custom); // its bytes belong to a version that is gone
      continue;
    }
    if (asksChecksums(node.headers)) await verifyDownloadedFile(exec, node, tmp, custom, info, signal);
    await commit(tmp, node.filePath, custom);
    return info;
  }
}

interface TempTarget {
  readonly tmp: string;
  readonly custom: boolean;
  readonly etag: string;
  readonly size: number;
}

/**
 * Progress that never goes back: after a restart (the object changed, or a server ignored a
 * Range) reports resume once the new bytes pass the highest `loaded` already reported.
 */
function monotonic(progress: ((p: Progress) => void) | undefined): ((p: Progress) => void) | undefined {
  if (!progress) return undefined;
  let high = -1;
  return (p) => {
    if (p.loaded < high) return;
    high = p.loaded;
    progress(p);
  };
}

/**
 * Brings the temp file to the full size: one GET from the bytes already there, resumed after
 * cuts by the same mechanism as `object.get()` (resumable-get.ts), each chunk written at its
 * offset.
 */
async function fill(exec: RequestExecutor, node: DownloadObjectNode, t: TempTarget, signal: AbortSignal | undefined, progress: ((p: Progress) => void) | undefined): Promise<void> {
  let pos = await resumableBytes(t.tmp, t.etag, t.custom, t.size);
  const fh = await open(t.tmp, pos > 0 ? "r+" : "w");
  let closed = false;
  try {
    if (pos > 0) await fh.truncate(pos);
    progress?.({ loaded: pos, total: t.size });
    if (pos < t.size) pos = await fetchRest(exec, node, t, pos, fh, signal, progress);
    if (pos < t.size) throw new NetworkError(`the body ended after ${pos} of ${t.size} bytes`, "ESHORTBODY");
    await fh.sync();
    closed = true;
    await fh.close();
  } finally {
    if (!closed) await fh.close().catch(() => undefined);
  }
}

/** GETs the object from `from` to the end into `fh`; resolves with the bytes the file holds. */
async function fetchRest(
  exec: RequestExecutor, node: DownloadObjectNode, t: TempTarget, from: number, fh: FileHandle,
  signal: AbortSignal | undefined, progress: ((p: Progress) => void) | undefined,
): Promise<number> {
  const get = getNode(node, t.etag, from);
  const parallel = { parallel: node.parallel ?? 1, partSize: node.partSize ?? DEFAULT_GET_PART_SIZE, size: t.size, etag: get.headers["if-match"] };
  if (parallel.parallel > 1 && t.size - from > parallel.partSize) return parallelFill(exec, getNode(node, t.etag, 0), parallel, from, fh, signal, progress);
  const res = await exec.send(compileRequest(get), signal);
  let pos = responseStart(res, from);
  if (pos === 0 && from > 0) await fh.truncate(0); // the server ignored the Range: take the whole body
  for await (const { offset, chunk } of resumingChunks(exec, get, res, signal, undefined, t.size - 1)) {
    if (offset + chunk.length > t.size) throw new QuarryError(`the server sent more than the object's ${t.size} bytes`);
    await fh.write(chunk, 0, chunk.length, offset);
    pos = offset + chunk.length;
    progress?.({ loaded: pos, total: t.size });
  }
  return pos;
}

/** Offset the response body starts at: the Content-Range start of a 206, else 0. */
function responseStart(res: IncomingMessage, asked: number): number {
  if (res.statusCode !== 206) return 0;
  const m = /^bytes (\d+)-/.exec(String(res.headers["content-range"] ?? ""));
  const start = m ? Number(m[1]) : asked;
  if (start !== asked) {
    res.destroy();
    throw new QuarryError(`asked for bytes from ${asked}, the server sent bytes from ${start}`);
  }
  return start;
}

function statNode(n: DownloadObjectNode): HeadObjectNode {
  return {
    kind: "HeadObject", bucket: n.bucket, key: n.key,
    ...(n.versionId !== undefined ? { versionId: n.versionId } : {}),
    headers: n.headers, query: n.query,
    ...(n.ssec ? { ssec: n.ssec } : {}),
  };
}

function getNode(n: DownloadObjectNode, etag: string, offset: number): GetObjectNode {
  const headers: Record<string, string> = { ...n.headers };
  // The bytes must come from the object the stat described: a changed object fails with
  // 412 and the download restarts rather than splicing two versions together.
  if (etag !== "" && !Object.keys(headers).some((k) => k.toLowerCase() === "if-match")) headers["if-match"] = `"${etag}"`;
  return {
    kind: "GetObject", bucket: n.bucket, key: n.key,
    ...(n.versionId !== undefined ? { versionId: n.versionId } : {}),
    ...(offset > 0 ? { range: { offset } } : {}),
    headers, query: n.query,
    ...(n.ssec ? { ssec: n.ssec } : {}),
  };
}

function isChanged(err: unknown): boolean {
  return err instanceof S3Error && (err.status === 412 || err.code === "PreconditionFailed");
}
