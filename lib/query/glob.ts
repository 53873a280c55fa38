/**
 * Globs on object keys, as `mc find --path/--name` take them: `*` matches within one path
 * level, `**` across levels (`a/**​/b` also matches `a/b`), `?` one character other than "/",
 * `[abc]` / `[a-z]` / `[!abc]` a character class, `\` escapes the next character.
 * Pure: a glob is parsed once, when the query is built; a malformed one is an InvalidArgumentError.
 */
import { InvalidArgumentError } from "../errors.js";

/** What a parsed glob tells the planner and the evaluator. */
export interface ParsedGlob {
  /** An anchored regular expression source matching what the glob matches (use with the `u` flag). */
  readonly source: string;
  /** The literal text before the first wildcard: every match starts with it. */
  readonly head: string;
  /** Whether the glob has no wildcard at all (it matches `head` only). */
  readonly literal: boolean;
  /** Whether matches never contain "/" after `head` (no "/" and no `**` after the head). */
  readonly oneLevel: boolean;
  /** The literal text after the last wildcard: every match ends with it ("" when the glob ends with a wildcard). */
  readonly tail: string;
}

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/;
const CLASS_SPECIAL = /[\\^[\]-]/;

function escapeChar(c: string, special = REGEX_SPECIAL): string {
  return special.test(c) ? `\\${c}` : c;
}

/** Parses a glob; `what` names it in errors. */
export function parseGlob(glob: string, what = "glob"): ParsedGlob {
  if (typeof glob !== "string" || glob.length === 0) throw new InvalidArgumentError(`${what} must be a non-empty string`);
  const chars = Array.from(glob);
  let source = "";
  let head = "";
  let inHead = true;
  let rest = "";
  let deep = false;
  let tail = "";
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === "\\") {
      const next = chars[++i];
      if (next === undefined) throw new InvalidArgumentError(`${what} ${JSON.stringify(glob)} ends with a lone "\\"`);
      source += escapeChar(next);
      tail += next;
      if (inHead) head += next;
      else rest += next;
      continue;
    }
    if (c === "*") {
      inHead = false;
      tail = "";
      let run = 1;
      while (chars[i + 1] === "*") { i++; run++; }
      if (run > 2) throw new InvalidArgumentError(`${what} ${JSON.stringify(glob)} has ${"*".repeat(run)}: use * (one level) or ** (any depth)`);
      if (run === 2) {
        deep = true;
        if (chars[i + 1] === "/") { i++; source += "(?:[^]*/)?"; } else source += "[^]*";
      } else source += "[^/]*";
      continue;
    }
    if (c === "?") { inHead = false; tail = ""; source += "[^/]"; continue; }
    if (c === "[") {
      inHead = false;
      tail = "";
      let j = i + 1;
      let negate = false;
      if (chars[j] === "!" || chars[j] === "^") { negate = true; j++; }
      let body = "";
      let first = true;
      for (; j < chars.length && (chars[j] !== "]" || first); j++) {
        first = false;
        const k = chars[j];
        if (k === "\\") {
          const next = chars[++j];
          if (next === undefined) break;
          body += escapeChar(next, CLASS_SPECIAL);
        } else if (k === "-" && body !== "" && chars[j + 1] !== "]") body += "-";
        else body += escapeChar(k, CLASS_SPECIAL);
      }
      if (j >= chars.length) throw new InvalidArgumentError(`${what} ${JSON.stringify(glob)} has an unclosed "["`);
      if (body === "") throw new InvalidArgumentError(`${what} ${JSON.stringify(glob)} has an empty character class`);
      source += negate ? `(?!/)[^${body}]` : `(?!/)[${body}]`;
      i = j;
      continue;
    }
    if (c === "]") throw new InvalidArgumentError(`${what} ${JSON.stringify(glob)} has a "]" without "["`);
    source += escapeChar(c);
    tail += c;
    if (inHead) head += c;
    else rest += c;
  }
  const full = `^${source}$`;
  try {
    new RegExp(full, "u");
  } catch (err) {
    throw new InvalidArgumentError(`${what} ${JSON.stringify(glob)} is malformed: ${(err as Error).message}`);
  }
  return { source: full, head, literal: inHead, oneLevel: !deep && !rest.includes("/"), tail };
}
