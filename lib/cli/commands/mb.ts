/** `quarry mb`: make buckets (mc mb). */
import type { Command } from "commander";
import { S3Error } from "../../errors.js";
import { formatAddress } from "../address.js";
import { action, type RunState } from "../command.js";
import type { CliContext } from "../context.js";
import { CliError } from "../exit-codes.js";

interface MbOptions {
  readonly ignoreExisting?: boolean;
  readonly withLock?: boolean;
  readonly region?: string;
}

async function mb(ctx: CliContext, args: string[], options: MbOptions): Promise<void> {
  for (const arg of args) {
    const a = ctx.bucketAddress(arg);
    if (a.key !== "") throw new CliError(`"${arg}" is not a bucket address (no key allowed)`);
    try {
      await ctx.bucket(a).create({ signal: ctx.signal, objectLock: options.withLock === true, ...(options.region ? { region: options.region } : {}) });
    } catch (error) {
      const exists = error instanceof S3Error && (error.code === "BucketAlreadyOwnedByYou" || error.code === "BucketAlreadyExists");
      if (!(exists && options.ignoreExisting)) throw error;
    }
    ctx.out.result(`Bucket created successfully \`${formatAddress(a)}\`.`, { status: "success", bucket: a.bucket, url: formatAddress(a) });
  }
}

/** Registers `mb`. */
export function registerMb(program: Command, state: RunState): void {
  program.command("mb").description("make buckets")
    .argument("<targets...>", "alias/bucket or s3://bucket")
    .option("-p, --ignore-existing", "succeed if the bucket exists")
    .option("-l, --with-lock", "enable object lock (and versioning)")
    .option("--region <region>", "region to create the bucket in")
    .action(action(state, mb));
}
