/**
 * Local files under a directory, walked lazily in name order, with paths relative to it ("/"
 * separated, as keys are).
 */
import { opendir, stat } from "node:fs/promises";
import { join, sep } from "node:path";

/** A local file found by {@link walkFiles}. */
export interface LocalFile {
  /** Path on disk. */
  readonly path: string;
  /** Path relative to the walked directory, "/"-separated. */
  readonly rel: string;
  /** Size in bytes. */
  readonly size: number;
  /** Modification time. */
  readonly mtime: Date;
}

/** Every regular file under `root` (depth first, names sorted); skips Quarry's download temp files. */
export async function* walkFiles(root: string, rel = ""): AsyncGenerator<LocalFile> {
  const dir = await opendir(join(root, rel));
  const names: Array<{ name: string; isDir: boolean; isFile: boolean }> = [];
  for await (const d of dir) names.push({ name: d.name, isDir: d.isDirectory(), isFile: d.isFile() });
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const n of names) {
    const r = rel === "" ? n.name : `${rel}/${n.name}`;
    if (n.isDir) yield* walkFiles(root, r);
    else if (n.isFile && !n.name.endsWith(".part.quarry")) {
      const path = join(root, ...r.split("/"));
      const s = await stat(path);
      yield { path, rel: r.split(sep).join("/"), size: s.size, mtime: s.mtime };
    }
  }
}

/** Whether `path` is an existing directory. */
export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
