/**
 * `quarry find --exec "cmd {}"` (mc find --exec): runs a command for each match.
 *
 * What Quarry chose, and how it differs from mc: mc substitutes `{}` into the command string
 * and then splits it on spaces, without a shell — so a key holding a space becomes two
 * arguments — and stops at the first command that fails. Quarry splits the command into words
 * first (whitespace separates them; '…' and "…" quote, `\` escapes outside single quotes),
 * then substitutes in each word — `{}` the alias/bucket/key address, and every `--print`
 * placeholder (`{key}`, `{base}`, `{dir}`, `{size}`, `{time}`, `{etag}`, `{url}`) — so a match
 * is always inside one argv element, and runs it with `child_process.spawn`, never through a
 * shell. A user who wants a shell says so: `--exec 'sh -c "wc -c \"$0\"" {}'` passes the
 * address to sh as `$0`, still one argument, never spliced into shell text. A command that
 * exits non-zero (or cannot start) is reported on stderr, the rest still run, and `find`
 * exits non-zero at the end. Commands inherit stdout and stderr; `--exec-jobs n` runs up to n
 * at once (default 1, in match order).
 */
import { spawn } from "node:child_process";
import { InvalidArgumentError } from "../errors.js";

/** Splits an `--exec` command into words (no shell: no variables, globs or redirections). */
export function execWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (c === "\\") {
      const next = command[++i];
      if (next === undefined) throw new InvalidArgumentError(`--exec ends with a lone "\\": ${command}`);
      word = (word ?? "") + next;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= "";
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? "") + c;
  }
  if (quote !== undefined) throw new InvalidArgumentError(`--exec has an unclosed ${quote}: ${command}`);
  if (word !== undefined) words.push(word);
  if (words.length === 0) throw new InvalidArgumentError("--exec needs a command");
  return words;
}

/** How one command ended: its exit code, the signal that killed it, or why it could not start. */
export interface ExecEnd {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly error?: Error;
}

/** Runs `argv` (no shell), stdout and stderr inherited; `signal` kills it. Never rejects. */
export function runCommand(argv: readonly string[], signal: AbortSignal): Promise<ExecEnd> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ["ignore", "inherit", "inherit"], signal, shell: false });
    // A command that cannot start (or is aborted) reports "error", and maybe no "close".
    child.once("error", (error) => resolve({ code: null, signal: null, error }));
    child.once("close", (code, sig) => resolve({ code, signal: sig }));
  });
}

/** One line for a command that failed, or undefined when it succeeded. */
export function execFailure(argv: readonly string[], end: ExecEnd): string | undefined {
  const shown = argv.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : JSON.stringify(w))).join(" ");
  if (end.error !== undefined) return `exec: ${shown}: ${end.error.message}`;
  if (end.signal !== null) return `exec: ${shown}: killed by ${end.signal}`;
  if (end.code !== 0) return `exec: ${shown}: exited with status ${end.code}`;
  return undefined;
}
