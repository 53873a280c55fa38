/** `quarry watch`: print a bucket's events as they happen until Ctrl-C (mc watch; MinIO's ListenBucketNotification). */
import type { Command } from "commander";
import type { NotificationEvent } from "../../model/notification.js";
import { formatAddress, withKey } from "../address.js";
import { action, type RunState } from "../command.js";
import type { CliContext } from "../context.js";
import { ExitCode, type ExitStatus } from "../exit-codes.js";

interface WatchOptions {
  readonly events?: string;
  readonly prefix?: string;
  readonly suffix?: string;
}

const EVENT_NAMES: Readonly<Record<string, NotificationEvent>> = { put: "s3:ObjectCreated:*", delete: "s3:ObjectRemoved:*", get: "s3:ObjectAccessed:*" };

/** Ends with 0 on Ctrl-C: stopping is how a watch normally ends. */
async function watch(ctx: CliContext, args: string[], options: WatchOptions): Promise<ExitStatus> {
  const a = ctx.bucketAddress(args[0]!);
  const events = (options.events ?? "put,delete").split(",").map((e) => EVENT_NAMES[e.trim()] ?? (e.trim() as NotificationEvent));
  const records = ctx.bucket(a).listen({ events, prefix: options.prefix ?? a.key, ...(options.suffix ? { suffix: options.suffix } : {}) });
  ctx.out.note(`Watching ${formatAddress(a)} (Ctrl-C to stop)`);
  await new Promise<void>((resolve, reject) => {
    const sub = records.subscribe({
      next: (r) => {
        const key = r.objectName;
        const url = formatAddress(withKey(a, key));
        ctx.out.result(`[${r.eventTime}] ${r.eventName} ${url}`, { status: "success", event: r.eventName, time: r.eventTime, key, url, size: r.s3?.object?.size ?? 0 });
      },
      error: reject,
      complete: resolve,
    });
    ctx.signal.addEventListener("abort", () => { sub.unsubscribe(); resolve(); }, { once: true });
  });
  return ExitCode.OK;
}

/** Registers `watch`. */
export function registerWatch(program: Command, state: RunState): void {
  program.command("watch").description("print a bucket's events until Ctrl-C")
    .argument("<target>", "alias/bucket[/prefix] or s3://bucket[/prefix]")
    .option("--events <list>", "put, delete, get, or s3:... event names, comma-separated (default put,delete)")
    .option("--prefix <prefix>", "only keys starting with this")
    .option("--suffix <suffix>", "only keys ending with this")
    .action(action(state, watch));
}
