/** `quarry explain`: the plan a find (or du) would run, as JSON or an indented tree, without running it. */
import type { Command } from "commander";
import { action, type RunState } from "../command.js";
import type { CliContext } from "../context.js";
import { explainFind, explainFindText, findQuery, type FindFlags } from "../query-flags.js";
import { findFlagsOf, withFindFlags } from "./find-flags.js";

async function explain(ctx: CliContext, args: string[], options: FindFlags & { readonly watch?: boolean }): Promise<void> {
  const a = ctx.bucketAddress(args[0]!);
  const find = findQuery(ctx.bucket(a), a.key, findFlagsOf(options));
  if (options.watch) ctx.out.result(find.query.explainWatch("text"), find.query.explainWatch());
  else ctx.out.result(explainFindText(find), explainFind(find));
}

/** Registers `explain`. */
export function registerExplain(program: Command, state: RunState): void {
  withFindFlags(program.command("explain").description("print the plan of a query (find's flags) without running it")
    .argument("<target>", "alias/bucket[/prefix] or s3://bucket[/prefix]"))
    .option("--watch", "the plan of find --watch: the listener's filter and what each event goes through")
    .action(action(state, explain));
}
