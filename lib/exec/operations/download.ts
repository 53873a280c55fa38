/**
 * Download to a file. Stat first (size, etag); write into a temp file, resuming a partial
 * one with `Range: bytes=<n>-` plus `If-Match: <etag>`; fsync and rename onto the
 * destination only when the temp file holds exactly the stat size. The destination is
 * never created or changed before that rename. On error or abort the temp file is kept so
 * the next call resumes it (a temp file whose object changed is discarded instead).
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
import { bodyChunks } from "../body-chunks.js";
import { backoffDelay, sleep } from "../retry.js";
import { NetworkError } from "../transport.js";
import { commit, defaultTempPath, discard, prepareDestination, resumableBytes } from "./download-temp.js";
import { getObject, headObject } from "./objects.js";

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

/** Where the temp file stands: bytes written so far (shared with the GET that fills it). */
interface Cursor {
  pos: number;
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

/** Brings the temp file to the full size, resuming after network failures mid-body. */
async function fill(exec: RequestExecutor, node: DownloadObjectNode, t: TempTarget, signal: AbortSignal | undefined, progress: ((p: Progress) => void) | undefined): Promise<void> {
  const cur: Cursor = { pos: await resumableBytes(t.tmp, t.etag, t.custom, t.size) };
  const fh = await open(t.tmp, cur.pos > 0 ? "r+" : "w");
  let closed = false;
  try {
    if (cur.pos > 0) await fh.truncate(cur.pos);
    progress?.({ loaded: cur.pos, total: t.size });
    const maxAttempts = Math.max(1, exec.config.retry.maxAttempts ?? 4);
    for (let failures = 0; cur.pos < t.size; ) {
      const before = cur.pos;
      try {
        await fetchRange(exec, node, t, cur, fh, signal, progress);
        if (cur.pos < t.size) throw new NetworkError(`the body ended after ${cur.pos} of ${t.size} bytes`, "ESHORTBODY");
      } catch (err) {
        if (!(err instanceof NetworkError) || signal?.aborted) throw err;
        failures = cur.pos > before ? 1 : failures + 1; // progress resets the budget
        if (failures >= maxAttempts) throw err;
        await sleep(backoffDelay(failures - 1, exec.config.retry), signal);
      }
    }
    await fh.sync();
    closed = true;
    await fh.close();
  } finally {
    if (!closed) await fh.close().catch(() => undefined);
  }
}

/** One GET from `cur.pos` to the end, written at `cur.pos`, advancing it as bytes land. */
async function fetchRange(
  exec: RequestExecutor, node: DownloadObjectNode, t: TempTarget, cur: Cursor, fh: FileHandle,
  signal: AbortSignal | undefined, progress: ((p: Progress) => void) | undefined,
): Promise<void> {
  // getObject resolves with the transport's IncomingMessage (typed as the public ObjectStream).
  const res = (await getObject(exec, getNode(node, t.etag, cur.pos), signal)) as unknown as IncomingMessage;
  const start = responseStart(res, cur.pos);
  if (start === 0 && cur.pos > 0) {
    await fh.truncate(0); // the server ignored the Range: take the whole body
    cur.pos = 0;
  }
  // Only the body's own failures become (retryable) NetworkErrors; leaving the loop on a failed
  // write or a throwing progress listener ends the exchange.
  for await (const chunk of bodyChunks(res, () => `the download body failed at byte ${cur.pos}`)) {
    if (cur.pos + chunk.length > t.size) throw new QuarryError(`the server sent more than the object's ${t.size} bytes`);
    await fh.write(chunk, 0, chunk.length, cur.pos);
    cur.pos += chunk.length;
    progress?.({ loaded: cur.pos, total: t.size });
  }
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
