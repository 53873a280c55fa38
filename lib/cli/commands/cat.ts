/** `quarry cat`: objects' bytes to stdout (mc cat). */
import { once } from "node:events";
import type { Command } from "commander";
import { action, type RunState } from "../command.js";
import type { CliContext } from "../context.js";
import { CliError } from "../exit-codes.js";

interface CatOptions {
  readonly offset?: string;
  readonly versionId?: string;
}

async function cat(ctx: CliContext, args: string[], options: CatOptions): Promise<void> {
  for (const arg of args) {
    const a = ctx.bucketAddress(arg);
    if (a.key === "") throw new CliError(`"${arg}" names no object`);
    let ref = ctx.bucket(a).object(a.key);
    if (options.versionId) ref = ref.version(options.versionId);
    const stream = await ref.get({ signal: ctx.signal, ...(options.offset ? { offset: Number(options.offset) } : {}) });
    for await (const chunk of stream) if (!ctx.out.raw(chunk as Buffer)) await once(ctx.out.stdout, "drain");
  }
}

/** Registers `cat`. */
export function registerCat(program: Command, state: RunState): void {
  program.command("cat").description("write objects to stdout")
    .argument("<targets...>", "alias/bucket/key or s3://bucket/key")
    .option("--offset <bytes>", "start at this byte")
    .option("--version-id <id>", "a version of the object")
    .action(action(state, cat));
}
