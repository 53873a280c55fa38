#!/usr/bin/env node
/**
 * The `quarry` command line's entry point: parses the arguments, runs the command, exits
 * with its status. The first Ctrl-C aborts the command cleanly (an upload in progress is
 * aborted on the server, a download's temp file removed) and exits 130; a second one exits
 * at once.
 */
import { CommanderError } from "commander";
import type { RunState } from "./command.js";
import { ExitCode } from "./exit-codes.js";
import { buildProgram } from "./program.js";

const controller = new AbortController();
const state: RunState = { signal: controller.signal, exitCode: ExitCode.OK };

process.on("SIGINT", () => {
  if (controller.signal.aborted) process.exit(ExitCode.INTERRUPTED);
  controller.abort(new DOMException("interrupted", "AbortError"));
});
// `quarry cat … | head`: a closed pipe ends the output, not with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  process.exit(error.code === "EPIPE" ? ExitCode.OK : ExitCode.FAILURE);
});

try {
  await buildProgram(state).parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) state.exitCode = error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
  else {
    process.stderr.write(`quarry: ${error instanceof Error ? error.message : String(error)}\n`);
    state.exitCode = ExitCode.FAILURE;
  }
}
const code = state.exitCode;
// Exit once stdout is flushed (sockets or timers left open must not keep the process alive).
process.stdout.write("", () => process.exit(code));
