/**
 * Runs a snowball upload: for each archive of the source's objects, one PutObject that MinIO
 * extracts on arrival. Uncompressed archives stream with their exact length computed up front
 * (or go as one retried buffer when all their data is in memory already);
 * compressed ones (whose length is known only once built) are staged in memory or in a staging
 * file, which is created exclusively and removed afterwards, also on failure.
 */
import { createReadStream } from "node:fs";
import { open, rm, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { InvalidArgumentError } from "../../errors.js";
import type { ObjectWriteResult } from "../../model/results.js";
import type { SnowballSummary } from "../../model/snowball.js";
import type { PutObjectNode } from "../../plan/nodes.js";
import type { RunOptions } from "../../plan/runner.js";
import type { SnowballUploadNode } from "../../plan/snowball-node.js";
import type { RequestExecutor } from "../executor.js";
import { isInMemory } from "../body/source.js";
import { archiveStream, coalesce } from "../snowball/archive.js";
import { archiveBatches, type ArchiveBatch } from "../snowball/batches.js";
import { putBuffer, putObject } from "./objects.js";
import { UploadProgress } from "./upload-progress.js";

/** Largest archive one PUT may carry (5 GiB): MinIO extracts single PUTs only. */
const MAX_ARCHIVE = 5 * 1024 ** 3;

/** Uploads every object of `options.objects` as one or more extracted archives. */
export async function snowballUpload(exec: RequestExecutor, node: SnowballUploadNode, options: RunOptions): Promise<SnowballSummary> {
  const { objects: source, signal } = options;
  if (source === undefined) throw new InvalidArgumentError("SnowballUpload needs its objects");
  signal?.throwIfAborted();
  const results: ObjectWriteResult[] = [];
  let objects = 0;
  let bytes = 0;
  let archiveBytes = 0;
  const stop = new AbortController();
  const inner = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  const batches = archiveBatches(source, node.batch, node.entryRecords, inner)[Symbol.asyncIterator]();
  // Batches are pulled one at a time (a chain), so archive numbers follow the source's order.
  let chain: Promise<unknown> = Promise.resolve();
  let numbered = 0;
  const next = (): Promise<{ n: number; batch: ArchiveBatch } | undefined> => {
    const p = chain.then(async () => {
      const r = await batches.next();
      return r.done ? undefined : { n: numbered++, batch: r.value };
    });
    chain = p.catch(() => undefined);
    return p;
  };
  const worker = async (): Promise<void> => {
    for (let item = await next(); item !== undefined; item = await next()) {
      const key = node.batch === null ? node.archiveName : `${node.archiveName}.${item.n + 1}`;
      const { result, size } = await sendArchive(exec, node, key, item.batch, inner);
      results[item.n] = result;
      objects += item.batch.entries.length;
      bytes += item.batch.dataBytes;
      archiveBytes += size;
    }
  };
  let failure: { error: unknown } | undefined;
  await Promise.all(Array.from({ length: node.parallel }, () => worker().catch((error: unknown) => {
    failure ??= { error };
    stop.abort(error);
  })));
  await batches.return(undefined).catch(() => undefined);
  if (failure) throw failure.error;
  return { objects, bytes, batches: results.length, archiveBytes, results };
}

async function sendArchive(
  exec: RequestExecutor, node: SnowballUploadNode, key: string, batch: ArchiveBatch, signal: AbortSignal | undefined,
): Promise<{ result: ObjectWriteResult; size: number }> {
  const put = (size: number): PutObjectNode => ({
    kind: "PutObject", bucket: node.bucket, key, size, headers: node.headers, ...(node.sse ? { sse: node.sse } : {}),
  });
  const tar = () => coalesce(archiveStream(batch.entries)); // fewer, larger writes for a stream
  switch (node.staging) {
    case "none": {
      checkArchiveSize(batch.tarBytes);
      // Data already in memory costs one copy to send as a buffer, which the executor retries.
      if (batch.entries.every((e) => e.object.data !== undefined && isInMemory(e.object.data))) break;
      const result = await putObject(exec, put(batch.tarBytes), Readable.from(tar()), signal);
      return { result, size: batch.tarBytes };
    }
    case "memory":
      break;
    case "file":
      return stageInFile(node.stagingFile!, tar(), node.compression, async (path, size) => {
        checkArchiveSize(size);
        return putObject(exec, put(size), createReadStream(path, { highWaterMark: 1024 * 1024 }), signal);
      });
  }
  const data = await stageInMemory(archiveStream(batch.entries), node.compression);
  checkArchiveSize(data.length);
  const result = await putBuffer(exec, put(data.length), data, signal, new UploadProgress(data.length, undefined));
  return { result, size: data.length };
}

function checkArchiveSize(size: number): void {
  if (size > MAX_ARCHIVE) {
    throw new InvalidArgumentError(`the archive is ${size} bytes; MinIO extracts only single PUTs of at most 5 GiB: send in batches (BucketRef.putMany)`);
  }
}

async function stageInMemory(tar: AsyncIterable<Buffer>, gzip: boolean): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const source = gzip ? Readable.from(tar).pipe(createGzip()) : tar;
  for await (const chunk of source as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * Writes the archive to `path` (created exclusively: an existing file is never overwritten or
 * removed), sends it, and removes the file whatever happens.
 */
async function stageInFile(
  path: string, tar: AsyncIterable<Buffer>, gzip: boolean, send: (path: string, size: number) => Promise<ObjectWriteResult>,
): Promise<{ result: ObjectWriteResult; size: number }> {
  const handle = await open(path, "wx").catch((err: NodeJS.ErrnoException) => {
    throw new InvalidArgumentError(`cannot create the staging file ${path} (${err.code ?? err.message}); it must not exist`);
  });
  try {
    const out = handle.createWriteStream();
    await (gzip ? pipeline(Readable.from(tar), createGzip(), out) : pipeline(Readable.from(tar), out));
    const { size } = await stat(path);
    return { result: await send(path, size), size };
  } finally {
    await handle.close().catch(() => undefined);
    await rm(path, { force: true });
  }
}
