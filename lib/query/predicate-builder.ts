/**
 * Makes predicate nodes from what users write, validating as it goes: a malformed glob,
 * duration or size is an InvalidArgumentError here — when the query is built, not when it runs.
 */
import { InvalidArgumentError } from "../errors.js";
import type { ObjectFilter } from "../plan/query-node.js";
import {
  freezePredicate, type AgePredicate, type Predicate, type RegexData, type SizePredicate, type ValueMatcher,
} from "../plan/predicates.js";
import { compareUtf8 } from "../xml/listing-values.js";
import { parseGlob } from "./glob.js";
import { parseDuration, parseSize } from "./units.js";

export type { ObjectFilter } from "../plan/query-node.js";

/** What `metadata()` and `tags()` accept: name → exact value or regular expression. */
export type ValueMatch = Readonly<Record<string, string | RegExp>>;

/** A size: bytes, or a string like `"64MiB"` / `"1KB"`. */
export type SizeInput = number | string;

/** A point in time for `olderThan` / `newerThan`: an instant, or an age (milliseconds or `"30d"`-style). */
export type AgeInput = Date | number | string;

function regexData(re: RegExp, what: string): RegexData {
  if (!(re instanceof RegExp)) throw new InvalidArgumentError(`${what} must be a RegExp`);
  // g and y make test() stateful: drop them, they mean nothing for a yes/no match.
  return { source: re.source, flags: re.flags.replace(/[gy]/g, "") };
}

function matchers(values: ValueMatch, what: string, lowerNames: boolean): ValueMatcher[] {
  if (values === null || typeof values !== "object" || Array.isArray(values)) throw new InvalidArgumentError(`${what} takes an object of name → string or RegExp`);
  const entries = Object.entries(values);
  if (entries.length === 0) throw new InvalidArgumentError(`${what} needs at least one name`);
  return entries.map(([name, v]) => {
    if (name.length === 0) throw new InvalidArgumentError(`${what}: names must not be empty`);
    const key = lowerNames ? name.toLowerCase().replace(/^x-amz-meta-/, "") : name;
    if (typeof v === "string") return { name: key, equals: v };
    if (v instanceof RegExp) return { name: key, regex: regexData(v, `${what} ${name}`) };
    throw new InvalidArgumentError(`${what} ${JSON.stringify(name)} must be a string or a RegExp`);
  });
}

function age(op: AgePredicate["op"], x: AgeInput): AgePredicate {
  if (x instanceof Date) {
    if (Number.isNaN(x.getTime())) throw new InvalidArgumentError(`${op}: invalid Date`);
    return { kind: "Age", op, at: x.toISOString() };
  }
  return { kind: "Age", op, ageMs: parseDuration(x, op) };
}

function size(op: SizePredicate["op"], x: SizeInput): SizePredicate {
  return { kind: "Size", op, bytes: parseSize(x, op) };
}

/**
 * The `p` of `query.where(p => ...)`: every predicate of the query as a value that can be
 * combined with `and`, `or` and `not`.
 *
 * @example
 * ```ts
 * q.where((p) => p.or(p.name("*.jpg"), p.and(p.larger("1MiB"), p.not(p.glob("tmp/**")))))
 * ```
 */
export class PredicateBuilder {
  readonly #functions: ObjectFilter[];

  /** @internal `functions` receives the functions of `filter()`; their index goes in the plan. */
  constructor(functions: ObjectFilter[]) {
    this.#functions = functions;
  }

  #node<P extends Predicate>(p: P): P {
    return freezePredicate(p);
  }

  /** `from <= key < to` in UTF-8 byte order; `to` absent: no upper bound. */
  keyBetween(from: string, to?: string): Predicate {
    if (typeof from !== "string") throw new InvalidArgumentError("keyBetween: from must be a string");
    if (to !== undefined && typeof to !== "string") throw new InvalidArgumentError("keyBetween: to must be a string");
    if (to !== undefined && compareUtf8(from, to) > 0) throw new InvalidArgumentError(`keyBetween: from ${JSON.stringify(from)} is after to ${JSON.stringify(to)}`);
    return this.#node(to === undefined ? { kind: "KeyRange", from } : { kind: "KeyRange", from, to });
  }

  /** A glob on the whole key: `*` stays in one path level, `**` crosses "/", `?`, `[a-z]`, `\` escapes. */
  glob(pattern: string): Predicate {
    parseGlob(pattern, "glob");
    return this.#node({ kind: "Glob", pattern });
  }

  /** A glob on the key's last path segment (mc find --name). */
  name(pattern: string): Predicate {
    return this.#node({ kind: "Name", pattern: segmentGlob(pattern, "name") });
  }

  /** Keys whose last path segment does not match the glob (mc find --ignore). */
  ignore(pattern: string): Predicate {
    return this.#node({ kind: "Ignore", pattern: segmentGlob(pattern, "ignore") });
  }

  /** A regular expression on the key (mc find --regex). */
  match(re: RegExp): Predicate {
    return this.#node({ kind: "Match", regex: regexData(re, "match") });
  }

  /** Strictly larger than a size (bytes or `"64MiB"`-style). */
  larger(bytes: SizeInput): Predicate {
    return this.#node(size("larger", bytes));
  }

  /** Strictly smaller than a size (bytes or `"1KiB"`-style). */
  smaller(bytes: SizeInput): Predicate {
    return this.#node(size("smaller", bytes));
  }

  /** Last modified before an instant (a Date), or longer ago than an age (ms or `"30d"`). */
  olderThan(x: AgeInput): Predicate {
    return this.#node(age("olderThan", x));
  }

  /** Last modified after an instant (a Date), or more recently than an age (ms or `"12h"`). */
  newerThan(x: AgeInput): Predicate {
    return this.#node(age("newerThan", x));
  }

  /** At most `depth` path levels below the query's prefix (`maxDepth(1)`: no "/" after it). */
  maxDepth(depth: number): Predicate {
    if (!Number.isInteger(depth) || depth < 1) throw new InvalidArgumentError(`maxDepth must be an integer >= 1, got ${depth}`);
    return this.#node({ kind: "MaxDepth", depth });
  }

  /** Content type matching a pattern (`*` any characters, case-insensitive), e.g. `"image/*"`. */
  contentType(pattern: string): Predicate {
    if (typeof pattern !== "string" || pattern.length === 0) throw new InvalidArgumentError("contentType needs a non-empty pattern");
    return this.#node({ kind: "ContentType", pattern });
  }

  /** User metadata, names bare (`camera`, not `x-amz-meta-camera`) and case-insensitive; values exact or a RegExp. */
  metadata(values: ValueMatch): Predicate {
    return this.#node({ kind: "Metadata", match: matchers(values, "metadata", true) });
  }

  /** Object tags: key → exact value or a RegExp. */
  tags(values: ValueMatch): Predicate {
    return this.#node({ kind: "Tags", match: matchers(values, "tags", false) });
  }

  /** The latest version of each key, not a delete marker (a versions() query). */
  latest(): Predicate {
    return this.#node({ kind: "Latest" });
  }

  /** Noncurrent versions, not delete markers (a versions() query). */
  noncurrent(): Predicate {
    return this.#node({ kind: "Noncurrent" });
  }

  /** Delete markers only (a versions() query). */
  deleteMarkers(): Predicate {
    return this.#node({ kind: "DeleteMarkers" });
  }

  /** Any JavaScript predicate on the listed object; always runs client-side. */
  filter(fn: ObjectFilter): Predicate {
    if (typeof fn !== "function") throw new InvalidArgumentError("filter needs a function");
    this.#functions.push(fn);
    return this.#node({ kind: "UserFilter", name: fn.name || "anonymous", index: this.#functions.length - 1 });
  }

  /** Every one of the predicates holds. */
  and(...of: Predicate[]): Predicate {
    return this.#node({ kind: "And", of: checked(of, "and") });
  }

  /** At least one of the predicates holds. */
  or(...of: Predicate[]): Predicate {
    return this.#node({ kind: "Or", of: checked(of, "or") });
  }

  /** The predicate does not hold. */
  not(of: Predicate): Predicate {
    return this.#node({ kind: "Not", of: checked([of], "not")[0] });
  }
}

function checked(of: Predicate[], what: string): Predicate[] {
  if (of.length === 0) throw new InvalidArgumentError(`${what} needs at least one predicate`);
  for (const p of of) {
    if (p === null || typeof p !== "object" || typeof (p as { kind?: unknown }).kind !== "string" || !Object.isFrozen(p)) {
      throw new InvalidArgumentError(`${what} takes predicates made by the p of where()`);
    }
  }
  return [...of];
}

function segmentGlob(pattern: string, what: string): string {
  const parsed = parseGlob(pattern, what);
  if (!parsed.oneLevel || parsed.head.includes("/")) throw new InvalidArgumentError(`${what} ${JSON.stringify(pattern)} is a glob on one path segment: it cannot contain "/" or "**"`);
  return pattern;
}
