/** `quarry stat`: an object's size, etag, type, version and metadata, or a bucket's region (mc stat). */
import type { Command } from "commander";
import { formatAddress } from "../address.js";
import { action, type RunState } from "../command.js";
import type { CliContext } from "../context.js";
import { CliError, ExitCode } from "../exit-codes.js";
import { humanSize } from "../units.js";

interface StatOptions {
  readonly versionId?: string;
}

async function stat(ctx: CliContext, args: string[], options: StatOptions): Promise<void> {
  for (const arg of args) {
    const a = ctx.bucketAddress(arg);
    const bucket = ctx.bucket(a);
    if (a.key === "") {
      if (!(await bucket.exists({ signal: ctx.signal }))) throw new CliError(`bucket "${a.bucket}" does not exist`, ExitCode.NOT_FOUND);
      const region = await bucket.location({ signal: ctx.signal });
      ctx.out.result(`Name      : ${a.bucket}\nType      : bucket\nRegion    : ${region}`, { status: "success", type: "bucket", name: a.bucket, region });
      continue;
    }
    let ref = bucket.object(a.key);
    if (options.versionId) ref = ref.version(options.versionId);
    const o = await ref.stat({ signal: ctx.signal });
    const meta = Object.entries(o.metadata ?? {}).filter(([k]) => k.startsWith("x-amz-meta-"));
    const lines = [
      `Name      : ${formatAddress(a)}`, `Date      : ${o.lastModified?.toISOString() ?? ""}`, `Size      : ${humanSize(o.size ?? 0)} (${o.size ?? 0} bytes)`,
      `ETag      : ${o.etag ?? ""}`, `Type      : ${o.contentType ?? ""}`, ...(o.versionId ? [`VersionID : ${o.versionId}`] : []),
      ...(meta.length ? ["Metadata  :", ...meta.map(([k, v]) => `  ${k.slice("x-amz-meta-".length)}: ${v}`)] : []),
    ];
    ctx.out.result(lines.join("\n"), {
      status: "success", type: "file", key: o.objectName, url: formatAddress(a), size: o.size ?? 0, lastModified: o.lastModified, etag: o.etag,
      contentType: o.contentType, ...(o.versionId ? { versionId: o.versionId } : {}), metadata: Object.fromEntries(meta.map(([k, v]) => [k.slice("x-amz-meta-".length), v])),
    });
  }
}

/** Registers `stat`. */
export function registerStat(program: Command, state: RunState): void {
  program.command("stat").description("show an object's or a bucket's details")
    .argument("<targets...>", "alias/bucket[/key] or s3://bucket[/key]")
    .option("--version-id <id>", "a version of the object")
    .action(action(state, stat));
}
