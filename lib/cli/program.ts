/**
 * The `quarry` program: global flags and every command, on commander.
 */
import { readFileSync } from "node:fs";
import { Command } from "commander";
import type { RunState } from "./command.js";
import { registerCat } from "./commands/cat.js";
import { registerCp } from "./commands/cp.js";
import { registerDu } from "./commands/du.js";
import { registerExplain } from "./commands/explain.js";
import { registerFind } from "./commands/find.js";
import { registerLs } from "./commands/ls.js";
import { registerMb } from "./commands/mb.js";
import { registerMirror } from "./commands/mirror.js";
import { registerPresign } from "./commands/presign.js";
import { registerRb } from "./commands/rb.js";
import { registerRm } from "./commands/rm.js";
import { registerSelect } from "./commands/select.js";
import { registerStat } from "./commands/stat.js";
import { registerTree } from "./commands/tree.js";
import { registerWatch } from "./commands/watch.js";

/** The package version (package.json sits two levels above both lib/cli and dist/cli). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
  return pkg.version ?? "0.0.0";
}

/** Builds the program; actions record their exit status in `state`. */
export function buildProgram(state: RunState): Command {
  const program = new Command("quarry")
    .description("Quarry: an S3 / MinIO command line (addresses: alias/bucket/key with MC_HOST_<alias> or mc's config.json; s3://bucket/key with the AWS environment)")
    .version(packageVersion(), "-v, --version")
    .option("--json", "print one JSON object per line")
    .option("-q, --quiet", "no progress bars")
    .option("--debug", "print the stack of a failure")
    .option("--config-dir <dir>", "mc's config directory (default $MC_CONFIG_DIR or ~/.mc)")
    .showSuggestionAfterError()
    .exitOverride();
  for (const register of [registerLs, registerTree, registerCat, registerStat, registerCp, registerRm, registerMb, registerRb, registerFind, registerDu, registerMirror, registerWatch, registerPresign, registerSelect, registerExplain]) {
    register(program, state);
  }
  for (const c of program.commands) c.exitOverride();
  program.addHelpText("after", `
Exit status: 0 ok, 1 failure, 2 bad usage, 3 not found, 4 network error, 5 some keys failed, 130 interrupted (Ctrl-C).`);
  return program;
}
