/** `quarry find`: objects matching predicates (mc find), printed as addresses or through a `--print` format. */
import type { Command } from "commander";
import type { ObjectInfo } from "../../model/object-info.js";
import { formatAddress, withKey, type RemoteAddress } from "../address.js";
import { action, type RunState } from "../command.js";
import type { CliContext } from "../context.js";
import { findQuery, runFind, type FindFlags } from "../query-flags.js";
import { findFlagsOf, withFindFlags } from "./find-flags.js";

interface FindOptions extends FindFlags {
  readonly print?: string;
}

/**
 * Fills a `--print` format: `{}` the address, `{base}` the name, `{dir}` the address's
 * directory, `{key}`, `{size}`, `{time}` (ISO), `{etag}`, `{url}` a presigned GET URL (7 days).
 */
export async function printFormat(ctx: CliContext, a: RemoteAddress, o: ObjectInfo, format: string): Promise<string> {
  const full = formatAddress(withKey(a, o.objectName));
  const url = format.includes("{url}") ? await ctx.bucket(a).object(o.objectName).presign({ signal: ctx.signal }) : "";
  const values: Record<string, string> = {
    "{}": full, "{base}": o.objectName.slice(o.objectName.lastIndexOf("/") + 1), "{dir}": full.slice(0, full.lastIndexOf("/")),
    "{key}": o.objectName, "{size}": String(o.size ?? 0), "{time}": o.lastModified?.toISOString() ?? "", "{etag}": o.etag ?? "", "{url}": url,
  };
  return format.replace(/\{(?:base|dir|key|size|time|etag|url)?\}/g, (m) => values[m] ?? m);
}

async function find(ctx: CliContext, args: string[], options: FindOptions): Promise<void> {
  const a = ctx.bucketAddress(args[0]!);
  const q = findQuery(ctx.bucket(a), a.key, findFlagsOf(options));
  for await (const o of runFind(q, ctx.signal)) {
    const url = formatAddress(withKey(a, o.objectName));
    const human = options.print !== undefined ? await printFormat(ctx, a, o, options.print) : url;
    ctx.out.result(human, { status: "success", key: o.objectName, url, size: o.size ?? 0, lastModified: o.lastModified, etag: o.etag });
  }
}

/** Registers `find`. */
export function registerFind(program: Command, state: RunState): void {
  withFindFlags(program.command("find").description("find objects matching predicates")
    .argument("<target>", "alias/bucket[/prefix] or s3://bucket[/prefix]"))
    .option("--print <format>", "print each match with {} {base} {dir} {key} {size} {time} {etag} {url} substituted")
    .action(action(state, find));
}
