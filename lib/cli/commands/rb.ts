/** `quarry rb`: remove buckets; with --force their objects and versions first (mc rb). */
import type { Command } from "commander";
import { formatAddress } from "../address.js";
import { action, type RunState } from "../command.js";
import type { CliContext } from "../context.js";
import { CliError, ExitCode, type ExitStatus } from "../exit-codes.js";
import { reportRemoval } from "./rm.js";

interface RbOptions {
  readonly force?: boolean;
}

async function rb(ctx: CliContext, args: string[], options: RbOptions): Promise<ExitStatus> {
  for (const arg of args) {
    const a = ctx.bucketAddress(arg);
    if (a.key !== "") throw new CliError(`"${arg}" is not a bucket address (no key allowed)`);
    const bucket = ctx.bucket(a);
    if (options.force) {
      const s = await reportRemoval(ctx, a, bucket.objects().recursive().versions().remove({ bypassGovernance: true }));
      if (s !== ExitCode.OK) return s;
    }
    await bucket.remove({ signal: ctx.signal });
    ctx.out.result(`Removed \`${formatAddress(a)}\` successfully.`, { status: "success", bucket: a.bucket, url: formatAddress(a) });
  }
  return ExitCode.OK;
}

/** Registers `rb`. */
export function registerRb(program: Command, state: RunState): void {
  program.command("rb").description("remove buckets")
    .argument("<targets...>", "alias/bucket or s3://bucket")
    .option("--force", "remove every object and version first")
    .action(action(state, rb));
}
