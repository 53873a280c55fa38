/** `quarry rm`: remove objects; with --recursive --force every key (or version) under a prefix (mc rm). */
import type { Command } from "commander";
import type { BulkMutation } from "../../model/bulk-mutation.js";
import { formatAddress, withKey, type RemoteAddress } from "../address.js";
import { action, type RunState } from "../command.js";
import type { CliContext } from "../context.js";
import { CliError, ExitCode, type ExitStatus } from "../exit-codes.js";
import { iterate } from "../query-flags.js";

interface RmOptions {
  readonly recursive?: boolean;
  readonly force?: boolean;
  readonly versions?: boolean;
  readonly dryRun?: boolean;
  readonly versionId?: string;
  readonly bypass?: boolean;
}

/** Prints a bulk removal's results with a progress bar; resolves to PARTIAL when keys failed. */
export async function reportRemoval(ctx: CliContext, a: RemoteAddress, removal: BulkMutation): Promise<ExitStatus> {
  const bar = ctx.progress.bar(`removing ${formatAddress(a)}`, "keys");
  const onAbort = () => removal.abort(ctx.signal.reason);
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  try {
    for await (const r of removal) {
      const url = formatAddress(withKey(a, r.objectName));
      if (r.status === "failed") ctx.out.warn(`cannot remove ${url}: ${r.code}: ${r.message}`);
      const version = r.versionId && r.versionId !== "null" ? ` (${r.versionId})` : "";
      ctx.out.result(`${r.status === "done" ? "Removed" : r.status === "skipped" ? "Would remove" : "Failed"} ${url}${version}`, {
        status: r.status === "failed" ? "error" : "success", key: r.objectName, url, result: r.status, ...(r.versionId ? { versionId: r.versionId } : {}), ...(r.code ? { code: r.code } : {}),
      });
      const p = removal.progress;
      bar.update(p.done + p.skipped + p.failed, null);
    }
    const summary = await removal;
    return summary.failed > 0 ? ExitCode.PARTIAL : ExitCode.OK;
  } finally {
    ctx.signal.removeEventListener("abort", onAbort);
    bar.stop();
  }
}

async function rm(ctx: CliContext, args: string[], options: RmOptions): Promise<ExitStatus> {
  let status: ExitStatus = ExitCode.OK;
  for (const arg of args) {
    const a = ctx.bucketAddress(arg);
    if (!options.recursive) {
      if (a.key === "" || a.key.endsWith("/")) throw new CliError(`"${arg}" is a prefix: removing many objects needs --recursive --force`);
      let ref = ctx.bucket(a).object(a.key);
      if (options.versionId) ref = ref.version(options.versionId);
      if (options.dryRun) {
        await ref.stat({ signal: ctx.signal });
      } else await ref.remove({ signal: ctx.signal, bypassGovernance: options.bypass === true });
      ctx.out.result(`${options.dryRun ? "Would remove" : "Removed"} ${formatAddress(a)}`, { status: "success", key: a.key, url: formatAddress(a), result: options.dryRun ? "skipped" : "done" });
      continue;
    }
    if (!options.force && !options.dryRun) throw new CliError(`removing everything under "${arg}" needs --force (or try --dry-run)`);
    let q = ctx.bucket(a).objects().prefix(a.key).recursive();
    if (options.versions) q = q.versions();
    if (options.dryRun) {
      for await (const o of iterate(q, ctx.signal)) {
        const url = formatAddress(withKey(a, o.objectName));
        ctx.out.result(`Would remove ${url}${o.versionId ? ` (${o.versionId})` : ""}`, { status: "success", key: o.objectName, url, result: "skipped", ...(o.versionId ? { versionId: o.versionId } : {}) });
      }
      continue;
    }
    const s = await reportRemoval(ctx, a, q.remove({ bypassGovernance: options.bypass === true }));
    if (s !== ExitCode.OK) status = s;
  }
  return status;
}

/** Registers `rm`. */
export function registerRm(program: Command, state: RunState): void {
  program.command("rm").description("remove objects (every key under a prefix with --recursive --force)")
    .argument("<targets...>", "alias/bucket/key or s3://bucket/key")
    .option("-r, --recursive", "remove every key under the prefix")
    .option("--force", "confirm a recursive removal")
    .option("--versions", "remove every version and delete marker too")
    .option("--version-id <id>", "remove this version of the object")
    .option("--dry-run", "print what would be removed; remove nothing")
    .option("--bypass", "bypass GOVERNANCE retention")
    .action(action(state, rm));
}
