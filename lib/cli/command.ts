/**
 * The glue between commander and a command's body: builds the run's {@link CliContext} from
 * the global flags, runs the body, prints a failure as one line (the stack with --debug) and
 * records the exit status.
 */
import { InvalidArgumentError as BadOptionError, type Command } from "commander";
import { CliContext, type GlobalFlags } from "./context.js";
import { errorLine, exitCodeOf } from "./errors.js";
import { ExitCode, type ExitStatus } from "./exit-codes.js";

/** A command's body: its positional arguments and options; resolves with an exit status (default 0). */
export type CommandBody<O> = (ctx: CliContext, args: string[], options: O) => Promise<ExitStatus | void>;

/** Where the run's exit status and Ctrl-C signal live. */
export interface RunState {
  /** Aborted on the first Ctrl-C. */
  readonly signal: AbortSignal;
  /** The status the process exits with. */
  exitCode: ExitStatus;
}

/** A commander action running `body` within a context. */
export function action<O>(state: RunState, body: CommandBody<O>): (...a: unknown[]) => Promise<void> {
  return async (...a: unknown[]) => {
    const cmd = a[a.length - 1] as Command;
    const flags = cmd.optsWithGlobals<GlobalFlags & O>();
    const ctx = new CliContext(flags, state.signal);
    try {
      state.exitCode = (await body(ctx, cmd.args, flags)) ?? ExitCode.OK;
    } catch (error) {
      ctx.progress.stop();
      process.stderr.write(`${errorLine(error)}\n`);
      if (flags.debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
      state.exitCode = exitCodeOf(error);
    } finally {
      ctx.close();
    }
  };
}

/** Collects a repeatable option's values. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Parses an integer option. */
export function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new BadOptionError(`not an integer: ${value}`);
  return n;
}
