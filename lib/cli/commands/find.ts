/** `quarry find`: objects matching predicates (mc find), printed as addresses or through a `--print` format. */
import type { Command } from "commander";
import { InvalidArgumentError } from "../../errors.js";
import type { ObjectInfo } from "../../model/object-info.js";
import { formatAddress, withKey, type RemoteAddress } from "../address.js";
import { action, integer, type RunState } from "../command.js";
import type { CliContext } from "../context.js";
import { ExitCode, type ExitStatus } from "../exit-codes.js";
import { execFailure, execWords, runCommand } from "../find-exec.js";
import { forEachLimit } from "../pool.js";
import { findQuery, runFind, watchFind, type FindFlags } from "../query-flags.js";
import { findFlagsOf, withFindFlags } from "./find-flags.js";

interface FindOptions extends FindFlags {
  readonly print?: string;
  readonly watch?: boolean;
  readonly exec?: string;
  readonly execJobs?: number;
}

/**
 * Fills a `--print` format: `{}` the address, `{base}` the name, `{dir}` the address's
 * directory, `{key}`, `{size}`, `{time}` (ISO), `{etag}`, `{url}` a presigned GET URL (7 days).
 */
export async function printFormat(ctx: CliContext, a: RemoteAddress, o: ObjectInfo, format: string): Promise<string> {
  const full = formatAddress(withKey(a, o.objectName));
  const url = format.includes("{url}") ? await ctx.bucket(a).object(o.objectName).presign({ signal: ctx.signal }) : "";
  const values: Record<string, string> = {
    "{}": full, "{base}": o.objectName.slice(o.objectName.lastIndexOf("/") + 1), "{dir}": full.slice(0, full.lastIndexOf("/")),
    "{key}": o.objectName, "{size}": String(o.size ?? 0), "{time}": o.lastModified?.toISOString() ?? "", "{etag}": o.etag ?? "", "{url}": url,
  };
  return format.replace(/\{(?:base|dir|key|size|time|etag|url)?\}/g, (m) => values[m] ?? m);
}

async function find(ctx: CliContext, args: string[], options: FindOptions): Promise<ExitStatus> {
  const a = ctx.bucketAddress(args[0]!);
  const q = findQuery(ctx.bucket(a), a.key, { ...findFlagsOf(options), limit: options.limit });
  const words = options.exec !== undefined ? execWords(options.exec) : undefined;
  const jobs = options.execJobs ?? 1;
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new InvalidArgumentError(`--exec-jobs must be an integer from 1 to 64, got ${jobs}`);
  if (options.watch) {
    q.query.explainWatch(); // refuse bad input before connecting
    ctx.out.note(`Watching ${formatAddress(a)} for new matches (Ctrl-C to stop)`);
  }
  const matches = options.watch ? watchFind(q, ctx.signal) : runFind(q, ctx.signal);
  if (words === undefined) {
    for await (const o of matches) {
      const url = formatAddress(withKey(a, o.objectName));
      const human = options.print !== undefined ? await printFormat(ctx, a, o, options.print) : url;
      ctx.out.result(human, { status: "success", key: o.objectName, url, size: o.size ?? 0, lastModified: o.lastModified, etag: o.etag });
    }
    return ExitCode.OK;
  }
  let failed = 0;
  await forEachLimit(matches, jobs, async (o) => {
    const argv = await Promise.all(words.map((w) => printFormat(ctx, a, o, w)));
    const end = await runCommand(argv, ctx.signal);
    if (ctx.signal.aborted) return; // Ctrl-C killed it: not the command's failure
    const failure = execFailure(argv, end);
    if (failure !== undefined) {
      failed++;
      ctx.out.warn(failure);
    }
  });
  if (failed > 0) {
    ctx.out.warn(`exec: ${failed} command${failed === 1 ? "" : "s"} failed`);
    return ExitCode.PARTIAL;
  }
  return ExitCode.OK;
}

/** Registers `find`. */
export function registerFind(program: Command, state: RunState): void {
  withFindFlags(program.command("find").description("find objects matching predicates")
    .argument("<target>", "alias/bucket[/prefix] or s3://bucket[/prefix]"))
    .option("--print <format>", "print each match with {} {base} {dir} {key} {size} {time} {etag} {url} substituted")
    .option("--watch", "stream new matches from bucket notifications until Ctrl-C or --limit (mc find --watch)")
    .option("--exec <command>", "run a command per match, {} (and the --print placeholders) substituted in its words; no shell (mc find --exec)")
    .option("--exec-jobs <n>", "commands of --exec run at once (default 1)", integer)
    .option("--limit <n>", "stop after n matches", integer)
    .action(action(state, find));
}
