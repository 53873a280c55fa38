/** `quarry tree`: the prefixes ("folders") under a bucket/prefix as a tree (mc tree). */
import type { Command } from "commander";
import { formatAddress } from "../address.js";
import { action, integer, type RunState } from "../command.js";
import type { CliContext } from "../context.js";
import { iterate } from "../query-flags.js";

interface TreeOptions {
  readonly files?: boolean;
  readonly depth?: number;
}

async function tree(ctx: CliContext, args: string[], options: TreeOptions): Promise<void> {
  const a = ctx.bucketAddress(args[0]!);
  const prefix = a.key === "" || a.key.endsWith("/") ? a.key : `${a.key}/`;
  const maxDepth = options.depth ?? Infinity;
  ctx.out.note(formatAddress(a));
  let open: string[] = [];
  for await (const o of iterate(ctx.bucket(a).objects().prefix(prefix).recursive(), ctx.signal)) {
    const parts = o.objectName.slice(prefix.length).split("/");
    const dirs = parts.slice(0, -1);
    let same = 0;
    while (same < open.length && same < dirs.length && open[same] === dirs[same]) same++;
    for (let d = same; d < dirs.length && d < maxDepth; d++) {
      const key = prefix + dirs.slice(0, d + 1).join("/") + "/";
      ctx.out.result(`${"│  ".repeat(d)}├─ ${dirs[d]}/`, { status: "success", type: "folder", key, depth: d + 1 });
    }
    open = dirs;
    if (options.files && dirs.length < maxDepth) {
      ctx.out.result(`${"│  ".repeat(dirs.length)}${parts[parts.length - 1]}`, { status: "success", type: "file", key: o.objectName, depth: dirs.length + 1, size: o.size ?? 0 });
    }
  }
}

/** Registers `tree`. */
export function registerTree(program: Command, state: RunState): void {
  program.command("tree").description("show the prefixes under a bucket/prefix as a tree")
    .argument("<target>", "alias/bucket[/prefix] or s3://bucket[/prefix]")
    .option("-f, --files", "show the objects too")
    .option("-d, --depth <n>", "levels to show", integer)
    .action(action(state, tree));
}
