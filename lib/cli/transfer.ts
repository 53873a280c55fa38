/**
 * One object moved between two addresses — upload, download, server-side copy, or a stream
 * from one server to another — with a progress bar, aborted by Ctrl-C: an aborted multipart
 * upload is aborted on the server (the executor does it) and a download's temp file removed.
 */
import { mkdir, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { CopySource } from "../model/copy-source.js";
import { formatAddress, type Address, type RemoteAddress } from "./address.js";
import type { CliContext } from "./context.js";
import { isAbort } from "./errors.js";
import { CliError } from "./exit-codes.js";

/** Options of {@link transfer}. */
export interface TransferOptions {
  /** Parts uploaded at once per object. */
  readonly parallel?: number;
}

/** Copies `src` to `dst` (both fully resolved: a file or a key each); resolves with the bytes moved. */
export async function transfer(ctx: CliContext, src: Address, dst: Address, options: TransferOptions = {}): Promise<number> {
  const bar = ctx.progress.bar(formatAddress(dst));
  let bytes = 0;
  const onProgress = (p: { loaded: number; total: number | null }) => {
    bytes = p.loaded;
    bar.update(p.loaded, p.total);
  };
  const signal = ctx.signal;
  try {
    if (src.type === "local" && dst.type === "remote") {
      const started = Date.now();
      try {
        await ctx.bucket(dst).object(dst.key).upload(src.path, { signal, onProgress, ...(options.parallel ? { parallel: options.parallel } : {}) });
      } catch (error) {
        if (signal.aborted) await abortOrphans(ctx, dst, started);
        throw error;
      }
      return bytes;
    }
    if (src.type === "remote" && dst.type === "local") return await download(ctx, src, dst.path, onProgress);
    if (src.type === "remote" && dst.type === "remote") return await copyRemote(ctx, src, dst, onProgress);
    throw new CliError("both addresses are local: use cp(1)");
  } finally {
    bar.stop();
  }
}

async function download(ctx: CliContext, src: RemoteAddress, path: string, onProgress: (p: { loaded: number; total: number | null }) => void): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.part.quarry`;
  try {
    const info = await ctx.bucket(src).object(src.key).download(path, { signal: ctx.signal, onProgress, tmpFilePath: tmp });
    return info.size ?? 0;
  } catch (error) {
    if (isAbort(error) || ctx.signal.aborted) await Promise.all([rm(tmp, { force: true }), rm(`${tmp}.etag`, { force: true })]);
    throw error;
  }
}

async function copyRemote(ctx: CliContext, src: RemoteAddress, dst: RemoteAddress, onProgress: (p: { loaded: number; total: number | null }) => void): Promise<number> {
  const signal = ctx.signal;
  const target = ctx.bucket(dst).object(dst.key);
  if (src.alias === dst.alias) {
    const info = await ctx.bucket(src).object(src.key).stat({ signal });
    await target.copyFrom(new CopySource(src.bucket, src.key), { signal });
    onProgress({ loaded: info.size ?? 0, total: info.size ?? 0 });
    return info.size ?? 0;
  }
  const stream = await ctx.bucket(src).object(src.key).get({ signal });
  const size = Number(stream.headers["content-length"] ?? -1);
  await target.put(stream, { size: Number.isFinite(size) ? size : -1, signal, onProgress });
  return size;
}

/**
 * After an aborted upload: aborts uploads of this key that this run may have started. The
 * executor aborts an upload whose id it knows; one aborted while CreateMultipartUpload was in
 * flight exists on the server under an id the client never received. Best effort.
 */
async function abortOrphans(ctx: CliContext, dst: RemoteAddress, started: number): Promise<void> {
  const uploads = ctx.bucket(dst).uploads();
  try {
    for (const u of await uploads.list({ prefix: dst.key })) {
      // 5 s of slack for clock skew between this machine and the server.
      if (u.objectName === dst.key && (u.initiated === undefined || u.initiated.getTime() >= started - 5000)) await uploads.abort(u.objectName, u.uploadId);
    }
  } catch {
    // Leave the original abort as the command's outcome.
  }
}
