import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";

/** Options for {@link runLogged}. */
export interface RunLoggedOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** File that receives the command's stdout and stderr (appended). */
  readonly logFile: string;
}

/**
 * Runs a command to completion with its output going to a log file, and
 * rejects with the command line, exit status and the log's last lines when it fails.
 */
export async function runLogged(command: string, args: readonly string[], opts: RunLoggedOptions): Promise<void> {
  const out = createWriteStream(opts.logFile, { flags: "a" });
  await new Promise<void>((resolve, reject) => out.once("open", () => resolve()).once("error", reject));
  out.write(`$ ${command} ${args.join(" ")}\n`);
  const status = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.once("error", (error) => resolve({ code: null, signal: null, error }));
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
  await new Promise<void>((resolve) => out.end(resolve));
  if (status.code === 0) return;
  const why = status.error
    ? (status.error as NodeJS.ErrnoException).code === "ENOENT"
      ? `\`${command}\` was not found on PATH`
      : status.error.message
    : status.signal
      ? `killed by ${status.signal}`
      : `exit code ${status.code}`;
  throw new Error(`\`${command} ${args.join(" ")}\` failed (${why}); log: ${opts.logFile}\n${await tail(opts.logFile, 25)}`);
}

/** The last `lines` lines of a text file, or "" when it can't be read. */
export async function tail(file: string, lines: number): Promise<string> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
