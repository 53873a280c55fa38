/** `quarry ls`: buckets of an alias, or objects under a bucket/prefix (mc ls). */
import type { Command } from "commander";
import type { ObjectInfo } from "../../model/object-info.js";
import { formatAddress } from "../address.js";
import { action, type RunState } from "../command.js";
import type { CliContext } from "../context.js";
import { iterate } from "../query-flags.js";
import { humanDate, humanSize } from "../units.js";

interface LsOptions {
  readonly recursive?: boolean;
  readonly versions?: boolean;
}

/** An object as one `ls` line or JSON record. */
export function printObject(ctx: CliContext, alias: string, o: ObjectInfo, shown: string): void {
  const type = o.isDir ? "folder" : o.isDeleteMarker ? "deleteMarker" : "file";
  const version = o.versionId ? ` ${o.versionId}${o.isLatest ? " (latest)" : ""}${o.isDeleteMarker ? " DEL" : ""}` : "";
  ctx.out.result(`${humanDate(o.lastModified)} ${humanSize(o.size ?? 0).padStart(9)} ${(o.storageClass ?? "").padEnd(8)} ${shown}${version}`, {
    status: "success", type, key: o.objectName, url: formatAddress({ type: "remote", alias, bucket: o.bucketName, key: o.objectName }),
    size: o.size ?? 0, lastModified: o.lastModified, etag: o.etag, ...(o.versionId ? { versionId: o.versionId, isLatest: o.isLatest } : {}),
  });
}

async function ls(ctx: CliContext, args: string[], options: LsOptions): Promise<void> {
  const a = ctx.remote(args[0]!);
  if (a.bucket === "") {
    for (const b of await ctx.client(a.alias).buckets().list({ signal: ctx.signal })) {
      ctx.out.result(`${humanDate(b.creationDate)} ${"0B".padStart(9)} ${"".padEnd(8)} ${b.name}/`, { status: "success", type: "bucket", key: b.name, url: formatAddress({ ...a, bucket: b.name }), lastModified: b.creationDate });
    }
    return;
  }
  let q = ctx.bucket(a).objects().prefix(a.key).recursive(options.recursive === true);
  if (options.versions) q = q.versions();
  const base = a.key.slice(0, a.key.lastIndexOf("/") + 1);
  for await (const o of iterate(q, ctx.signal)) printObject(ctx, a.alias, o, o.objectName.slice(base.length));
}

/** Registers `ls`. */
export function registerLs(program: Command, state: RunState): void {
  program.command("ls").description("list buckets, or objects under a bucket/prefix")
    .argument("<target>", "alias, alias/bucket[/prefix] or s3://bucket[/prefix]")
    .option("-r, --recursive", "list every key under the prefix")
    .option("--versions", "list every version and delete marker")
    .action(action(state, ls));
}
