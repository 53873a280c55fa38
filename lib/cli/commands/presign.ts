/** `quarry presign`: a presigned URL to GET (or PUT) an object without credentials (mc share). */
import type { Command } from "commander";
import { formatAddress } from "../address.js";
import { action, type RunState } from "../command.js";
import type { CliContext } from "../context.js";
import { CliError } from "../exit-codes.js";
import { parseDuration } from "../units.js";

interface PresignOptions {
  readonly expire?: string;
  readonly method?: string;
  readonly versionId?: string;
}

async function presign(ctx: CliContext, args: string[], options: PresignOptions): Promise<void> {
  const a = ctx.bucketAddress(args[0]!);
  if (a.key === "") throw new CliError(`"${args[0]}" names no object`);
  const expires = Math.round(parseDuration(options.expire ?? "7d") / 1000);
  let ref = ctx.bucket(a).object(a.key);
  if (options.versionId) ref = ref.version(options.versionId);
  const url = await ref.presign({ signal: ctx.signal, expires, method: (options.method ?? "GET").toUpperCase() });
  ctx.out.result(url, { status: "success", url, target: formatAddress(a), method: (options.method ?? "GET").toUpperCase(), expires });
}

/** Registers `presign`. */
export function registerPresign(program: Command, state: RunState): void {
  program.command("presign").description("print a presigned URL for an object")
    .argument("<target>", "alias/bucket/key or s3://bucket/key")
    .option("--expire <duration>", "validity, at most 7d (default 7d)")
    .option("--method <method>", "HTTP method the URL allows (default GET; PUT for uploads)")
    .option("--version-id <id>", "a version of the object")
    .action(action(state, presign));
}
