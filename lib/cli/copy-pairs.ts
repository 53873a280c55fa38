/**
 * What `cp` and `mv` move: (source, destination) pairs from the arguments — one object or
 * file, or with --recursive every key under a prefix / every file under a directory, placed
 * under the destination by its path relative to the source (as `aws s3 cp --recursive`).
 */
import { join } from "node:path";
import { baseName, formatAddress, isDirLike, withKey, type Address, type RemoteAddress } from "./address.js";
import type { CliContext } from "./context.js";
import { CliError } from "./exit-codes.js";
import { isDirectory, walkFiles } from "./local-files.js";
import { iterate } from "./query-flags.js";

/** One thing to move. */
export interface CopyPair {
  readonly src: Address;
  readonly dst: Address;
}

/** The prefix of a "directory" key (`a/b` → `a/b/`, `` stays ``). */
export function dirPrefix(key: string): string {
  return key === "" || key.endsWith("/") ? key : `${key}/`;
}

/** `dst` extended by a relative path. */
export function under(dst: Address, rel: string): Address {
  if (dst.type === "local") return { type: "local", path: join(dst.path, ...rel.split("/")) };
  return withKey(dst, dirPrefix(dst.key) + rel);
}

/** The pairs of `cp sources... dst`. */
export async function* copyPairs(ctx: CliContext, sources: readonly Address[], dst: Address, recursive: boolean): AsyncGenerator<CopyPair> {
  const dstIsDir = isDirLike(dst) || (dst.type === "local" && (await isDirectory(dst.path)));
  if (sources.length > 1 && !dstIsDir && !recursive) throw new CliError(`copying several sources needs a directory target (end ${formatAddress(dst)} with "/")`);
  if (dst.type === "remote" && dst.bucket === "") throw new CliError(`"${formatAddress(dst)}" names no bucket`);
  for (const src of sources) {
    if (recursive) {
      yield* recursivePairs(ctx, src, dst);
      continue;
    }
    if (src.type === "remote" && (src.key === "" || src.key.endsWith("/"))) throw new CliError(`"${formatAddress(src)}" is a prefix: add --recursive`);
    if (src.type === "local" && (await isDirectory(src.path))) throw new CliError(`"${src.path}" is a directory: add --recursive`);
    const name = src.type === "local" ? baseName(src.path) : baseName(src.key);
    yield { src, dst: dstIsDir ? under(dst, name) : dst };
  }
}

async function* recursivePairs(ctx: CliContext, src: Address, dst: Address): AsyncGenerator<CopyPair> {
  if (src.type === "local") {
    for await (const f of walkFiles(src.path)) yield { src: { type: "local", path: f.path }, dst: under(dst, f.rel) };
    return;
  }
  const prefix = dirPrefix(src.key);
  for await (const o of iterate(ctx.bucket(src).objects().prefix(prefix).recursive(), ctx.signal)) {
    yield { src: withKey(src, o.objectName), dst: under(dst, o.objectName.slice(prefix.length)) };
  }
}

/** Whether a pair's source is remote (so `mv` removes it after the copy). */
export function remoteSource(pair: CopyPair): RemoteAddress | undefined {
  return pair.src.type === "remote" ? pair.src : undefined;
}
