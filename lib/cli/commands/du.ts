/** `quarry du`: object count and bytes under a prefix, grouped by sub-prefix with --depth (mc du). */
import type { Command } from "commander";
import { formatAddress, withKey } from "../address.js";
import { action, integer, type RunState } from "../command.js";
import type { CliContext } from "../context.js";
import { findQuery, groupByPrefix, type FindFlags } from "../query-flags.js";
import { humanSize } from "../units.js";
import { findFlagsOf, withFindFlags } from "./find-flags.js";

interface DuOptions extends FindFlags {
  readonly depth?: number;
}

async function du(ctx: CliContext, args: string[], options: DuOptions): Promise<void> {
  const a = ctx.bucketAddress(args[0]!);
  const groups = await groupByPrefix(findQuery(ctx.bucket(a), a.key, findFlagsOf(options)), options.depth ?? 0, ctx.signal);
  if (groups.length === 0) groups.push({ prefix: a.key, count: 0, size: 0 });
  for (const g of groups) {
    const url = formatAddress(withKey(a, g.prefix));
    ctx.out.result(`${humanSize(g.size).padStart(9)}\t${g.count} object${g.count === 1 ? "" : "s"}\t${url}`, { status: "success", prefix: g.prefix, url, size: g.size, objects: g.count });
  }
}

/** Registers `du`. */
export function registerDu(program: Command, state: RunState): void {
  withFindFlags(program.command("du").description("summarise object count and size under a prefix")
    .argument("<target>", "alias/bucket[/prefix] or s3://bucket[/prefix]"))
    .option("-d, --depth <n>", "group by prefixes this many levels below the target (default 0: one total)", integer)
    .action(action(state, du));
}
