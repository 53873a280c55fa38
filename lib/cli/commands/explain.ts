/** `quarry explain`: the plan a find (or du) would run, as JSON or an indented tree, without running it. */
import type { Command } from "commander";
import { action, type RunState } from "../command.js";
import type { CliContext } from "../context.js";
import { explainFind, findQuery, type FindFlags } from "../query-flags.js";
import { findFlagsOf, withFindFlags } from "./find-flags.js";

/** The plan as an indented tree for people. */
export function planText(value: unknown, indent = ""): string {
  if (Array.isArray(value)) return value.map((v) => (typeof v === "object" && v !== null ? `${indent}-\n${planText(v, `${indent}  `)}` : `${indent}- ${String(v)}`)).join("\n");
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).map(([k, v]) => (typeof v === "object" && v !== null
      ? `${indent}${k}:\n${planText(v, `${indent}  `)}`
      : `${indent}${k}: ${JSON.stringify(v)}`)).join("\n");
  }
  return `${indent}${String(value)}`;
}

async function explain(ctx: CliContext, args: string[], options: FindFlags): Promise<void> {
  const a = ctx.bucketAddress(args[0]!);
  const plan = explainFind(findQuery(ctx.bucket(a), a.key, findFlagsOf(options)));
  ctx.out.result(planText(plan), plan);
}

/** Registers `explain`. */
export function registerExplain(program: Command, state: RunState): void {
  withFindFlags(program.command("explain").description("print the plan of a query (find's flags) without running it")
    .argument("<target>", "alias/bucket[/prefix] or s3://bucket[/prefix]"))
    .action(action(state, explain));
}
