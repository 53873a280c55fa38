/**
 * Temp-file bookkeeping of downloads: where the partial bytes live, whether they belong to
 * the object being downloaded, and the final fsync + rename.
 */
import { copyFile, mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { InvalidArgumentError } from "../../errors.js";

/** Default temp file: the etag in the name ties partial bytes to one object content. */
export function defaultTempPath(filePath: string, etag: string): string {
  return `${filePath}.${encodeURIComponent(etag)}.part.quarry`;
}

/** Marker beside a caller-chosen temp file, holding the etag its bytes belong to. */
export function markerPath(tmpFilePath: string): string {
  return `${tmpFilePath}.etag`;
}

/** Refuses a directory destination and creates missing parent directories (as the seed's makedirs). */
export async function prepareDestination(filePath: string): Promise<void> {
  const st = await stat(filePath).catch(() => undefined);
  if (st?.isDirectory()) throw new InvalidArgumentError(`${filePath} is a directory`);
  await mkdir(dirname(filePath), { recursive: true });
}

/**
 * Bytes already in the temp file that may be resumed: 0 when there is none, when it is
 * longer than the object, or (for a custom temp file) when its marker names another etag —
 * in which case the marker is rewritten for this etag.
 */
export async function resumableBytes(tmp: string, etag: string, custom: boolean, size: number): Promise<number> {
  const st = await stat(tmp).catch(() => undefined);
  if (st !== undefined && !st.isFile()) throw new InvalidArgumentError(`temp file ${tmp} is not a regular file`);
  let ok = st !== undefined && st.size <= size;
  if (custom) {
    const marked = await readFile(markerPath(tmp), "utf8").catch(() => undefined);
    if (marked !== etag) {
      ok = false;
      await writeFile(markerPath(tmp), etag);
    }
  }
  return ok ? st!.size : 0;
}

/** Flushes the temp file to disk and renames it onto the destination (then syncs the directory). */
export async function commit(tmp: string, filePath: string, custom: boolean): Promise<void> {
  await rename(tmp, filePath).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== "EXDEV") throw err;
    // A custom temp file on another file system: copy beside the destination, then rename.
    const near = `${filePath}.${process.pid}.copy.quarry`;
    await copyFile(tmp, near);
    const fh = await open(near, "r+");
    await fh.sync().finally(() => fh.close());
    await rename(near, filePath);
    await rm(tmp, { force: true });
  });
  if (custom) await rm(markerPath(tmp), { force: true });
  const dir = await open(dirname(filePath), "r").catch(() => undefined);
  try {
    await dir?.sync();
  } catch {
    // some platforms cannot fsync a directory; the rename itself is still atomic
  } finally {
    await dir?.close();
  }
}

/** Removes a temp file (and its marker) that cannot be resumed. */
export async function discard(tmp: string, custom: boolean): Promise<void> {
  await rm(tmp, { force: true });
  if (custom) await rm(markerPath(tmp), { force: true });
}
