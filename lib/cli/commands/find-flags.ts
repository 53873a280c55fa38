/** The predicate flags shared by `find`, `du` and `explain` (mc find's names). */
import type { Command } from "commander";
import { collect, integer } from "../command.js";
import type { FindFlags } from "../query-flags.js";

/** Adds the predicate flags to a command. */
export function withFindFlags(cmd: Command): Command {
  return cmd
    .option("--name <glob>", "glob on the object's name (last path segment); repeatable", collect)
    .option("--path <glob>", "glob on the whole key (* one level, ** any levels)")
    .option("--regex <re>", "regular expression on the key")
    .option("--larger <size>", "larger than (e.g. 64MiB, 10MB)")
    .option("--smaller <size>", "smaller than")
    .option("--older-than <age>", "modified longer ago than (e.g. 30d, 12h, 1d12h)")
    .option("--newer-than <age>", "modified more recently than")
    .option("--maxdepth <n>", "at most n levels below the prefix", integer)
    .option("--tags <k=v>", "object tag condition; repeatable", collect)
    .option("--metadata <k=v>", "user metadata condition; repeatable", collect);
}

/** The {@link FindFlags} in a command's options. */
export function findFlagsOf(o: FindFlags): FindFlags {
  return {
    name: o.name, path: o.path, regex: o.regex, larger: o.larger, smaller: o.smaller, olderThan: o.olderThan, newerThan: o.newerThan,
    maxdepth: o.maxdepth, tags: o.tags, metadata: o.metadata,
  };
}
