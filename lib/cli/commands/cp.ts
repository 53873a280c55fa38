/** `quarry cp` / `quarry mv`: copy (or move) files and objects, local↔remote and remote↔remote, recursively with -r. */
import { rm } from "node:fs/promises";
import type { Command } from "commander";
import { formatAddress } from "../address.js";
import { action, integer, type RunState } from "../command.js";
import type { CliContext } from "../context.js";
import { copyPairs } from "../copy-pairs.js";
import { CliError } from "../exit-codes.js";
import { forEachLimit } from "../pool.js";
import { transfer } from "../transfer.js";

interface CpOptions {
  readonly recursive?: boolean;
  readonly parallel?: number;
}

function copyCommand(move: boolean) {
  return async (ctx: CliContext, args: string[], options: CpOptions): Promise<void> => {
    if (args.length < 2) throw new CliError("give at least one source and a target");
    const addresses = args.map((a) => ctx.address(a));
    const dst = addresses.pop()!;
    let count = 0;
    await forEachLimit(copyPairs(ctx, addresses, dst, options.recursive === true), options.parallel ?? 4, async ({ src, dst: to }) => {
      const n = await transfer(ctx, src, to);
      if (move) {
        if (src.type === "remote") await ctx.bucket(src).object(src.key).remove({ signal: ctx.signal });
        else await rm(src.path);
      }
      count++;
      ctx.out.result(`${formatAddress(src)} -> ${formatAddress(to)}`, { status: "success", source: formatAddress(src), target: formatAddress(to), size: n });
    });
    ctx.out.note(`${move ? "Moved" : "Copied"} ${count} object(s).`);
  };
}

/** Registers `cp` and `mv`. */
export function registerCp(program: Command, state: RunState): void {
  for (const [name, move] of [["cp", false], ["mv", true]] as const) {
    program.command(name).description(move ? "move files and objects (copy, then remove the source)" : "copy files and objects: local↔remote, remote↔remote")
      .argument("<paths...>", "sources (local paths, alias/bucket/key, s3://bucket/key), then the target: a file/key or a directory/prefix ending in /")
      .option("-r, --recursive", "copy every file under a directory / key under a prefix")
      .option("--parallel <n>", "objects transferred at once (default 4)", integer)
      .action(action(state, copyCommand(move)));
  }
}
