/**
 * `quarry mirror`: make a target prefix/directory hold what the source holds — copy what is
 * missing or differs (size, or etag between two remotes), with --remove delete what the
 * source lacks, with --dry-run only say so (mc mirror). Between two buckets of one alias the
 * work is the library's `mirrorTo` (server-side copies, a merge-join of the two listings).
 */
import { rm } from "node:fs/promises";
import type { Command } from "commander";
import { formatAddress, withKey, type Address, type RemoteAddress } from "../address.js";
import { action, integer, type RunState } from "../command.js";
import type { CliContext } from "../context.js";
import { dirPrefix, under } from "../copy-pairs.js";
import { CliError, ExitCode, type ExitStatus } from "../exit-codes.js";
import { isDirectory, walkFiles } from "../local-files.js";
import { forEachLimit } from "../pool.js";
import { iterate } from "../query-flags.js";
import { transfer } from "../transfer.js";

interface MirrorOptions {
  readonly dryRun?: boolean;
  readonly remove?: boolean;
  readonly parallel?: number;
}

interface Entry {
  readonly size: number;
  readonly etag?: string;
}

/** Relative path → size/etag of everything under an address (a missing local directory is empty). */
async function inventory(ctx: CliContext, a: Address): Promise<Map<string, Entry>> {
  const out = new Map<string, Entry>();
  if (a.type === "local") {
    if (!(await isDirectory(a.path))) return out;
    for await (const f of walkFiles(a.path)) out.set(f.rel, { size: f.size });
    return out;
  }
  const prefix = dirPrefix(a.key);
  for await (const o of iterate(ctx.bucket(a).objects().prefix(prefix).recursive(), ctx.signal)) {
    out.set(o.objectName.slice(prefix.length), { size: o.size ?? 0, ...(o.etag ? { etag: o.etag } : {}) });
  }
  return out;
}

function differs(src: Entry, dst: Entry | undefined, bothRemote: boolean): boolean {
  if (dst === undefined || dst.size !== src.size) return true;
  return bothRemote && src.etag !== undefined && dst.etag !== undefined && src.etag !== dst.etag;
}

/**
 * Bucket to bucket on one alias: `mirrorTo` does the diff and the server-side copies; prints
 * what it copied and removed, or with --dry-run what it would (unchanged keys are not
 * printed); PARTIAL when keys failed.
 */
async function mirrorBuckets(ctx: CliContext, src: RemoteAddress, dst: RemoteAddress, options: MirrorOptions): Promise<ExitStatus> {
  const srcPrefix = dirPrefix(src.key);
  const mutation = ctx.bucket(src).objects().prefix(srcPrefix).recursive()
    .mirrorTo(dst.bucket, { prefix: dirPrefix(dst.key), removeExtra: options.remove === true, concurrency: options.parallel ?? 4, dryRun: options.dryRun === true });
  const dryRun = options.dryRun === true;
  const onAbort = () => mutation.abort(ctx.signal.reason);
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  try {
    for await (const r of mutation) {
      // Skipped for a dry run: what would change. Unchanged keys and delete markers are not printed.
      if (r.status === "skipped" && r.reason !== "dryRun") continue;
      const rel = r.objectName.slice(r.extra ? dirPrefix(dst.key).length : srcPrefix.length);
      const target = formatAddress(under(dst, rel));
      if (r.extra) {
        if (r.status === "failed") ctx.out.warn(`cannot remove ${target}: ${r.code}: ${r.message}`);
        else ctx.out.result(`${dryRun ? "Would remove" : "Removed"} ${target}`, { status: "success", action: "remove", target, dryRun });
        continue;
      }
      const source = formatAddress(withKey(src, r.objectName));
      if (r.status === "failed") ctx.out.warn(`cannot copy ${source} -> ${target}: ${r.code}: ${r.message}`);
      else ctx.out.result(`${dryRun ? "Would copy" : "Copied"} ${source} -> ${target}`, { status: "success", action: "copy", source, target, dryRun });
    }
    return (await mutation).failed > 0 ? ExitCode.PARTIAL : ExitCode.OK;
  } finally {
    ctx.signal.removeEventListener("abort", onAbort);
  }
}

async function mirror(ctx: CliContext, args: string[], options: MirrorOptions): Promise<ExitStatus | void> {
  const [src, dst] = [ctx.address(args[0]!), ctx.address(args[1]!)];
  if (src.type === "local" && dst.type === "local") throw new CliError("both addresses are local: use rsync(1)");
  if (src.type === "remote" && dst.type === "remote" && src.alias === dst.alias) return mirrorBuckets(ctx, src, dst, options);
  if (src.type === "local" && !(await isDirectory(src.path))) throw new CliError(`"${src.path}" is not a directory`);
  const [have, want] = await Promise.all([inventory(ctx, dst), inventory(ctx, src)]);
  const bothRemote = src.type === "remote" && dst.type === "remote";
  const toCopy = [...want].filter(([rel, e]) => differs(e, have.get(rel), bothRemote)).map(([rel]) => rel);
  const verb = options.dryRun ? "Would copy" : "Copied";
  await forEachLimit(toCopy, options.parallel ?? 4, async (rel) => {
    const from = under(src, rel);
    const to = under(dst, rel);
    if (!options.dryRun) await transfer(ctx, from, to);
    ctx.out.result(`${verb} ${formatAddress(from)} -> ${formatAddress(to)}`, { status: "success", action: "copy", source: formatAddress(from), target: formatAddress(to), dryRun: options.dryRun === true });
  });
  if (!options.remove) return;
  const extra = [...have.keys()].filter((rel) => !want.has(rel));
  for (const rel of extra) {
    const target = under(dst, rel);
    if (!options.dryRun) {
      if (target.type === "remote") await ctx.bucket(target).object(target.key).remove({ signal: ctx.signal });
      else await rm(target.path, { force: true });
    }
    ctx.out.result(`${options.dryRun ? "Would remove" : "Removed"} ${formatAddress(target)}`, { status: "success", action: "remove", target: formatAddress(target), dryRun: options.dryRun === true });
  }
}

/** Registers `mirror`. */
export function registerMirror(program: Command, state: RunState): void {
  program.command("mirror").description("copy what differs from a source prefix/directory to a target")
    .argument("<source>", "local directory, alias/bucket[/prefix] or s3://bucket[/prefix]")
    .argument("<target>", "local directory, alias/bucket[/prefix] or s3://bucket[/prefix]")
    .option("--dry-run", "print what would change; change nothing")
    .option("--remove", "remove target objects the source lacks")
    .option("--parallel <n>", "objects transferred at once (default 4)", integer)
    .action(action(state, mirror));
}
