/**
 * Query predicates as plan data: frozen, JSON-printable nodes with a `kind`, so the planner
 * can reason about them (push a key range down to the server, order cheap tests first) and
 * `explain()` can print them. Builders make them (lib/query/predicate-builder.ts); nothing
 * here runs. A user's `filter(fn)` appears as a {@link UserFilterPredicate} naming the
 * function; the function itself travels beside the plan.
 */

/** A regular expression as data. */
export interface RegexData {
  readonly source: string;
  readonly flags: string;
}

/** One name → value test of `metadata()` / `tags()`: equal to a string, or matching a regex. */
export interface ValueMatcher {
  /** Metadata name (bare, lower-cased) or tag key. */
  readonly name: string;
  readonly equals?: string;
  readonly regex?: RegexData;
}

/** `from <= key < to` in UTF-8 byte order (`to` absent: no upper bound). */
export interface KeyRangePredicate {
  readonly kind: "KeyRange";
  readonly from: string;
  readonly to?: string;
}

/** A glob on the whole key (`*` within one level, `**` across). */
export interface GlobPredicate {
  readonly kind: "Glob";
  readonly pattern: string;
}

/** A glob on the key's last path segment (mc find --name). */
export interface NamePredicate {
  readonly kind: "Name";
  readonly pattern: string;
}

/** Keys whose last path segment does NOT match the glob (mc find --ignore). */
export interface IgnorePredicate {
  readonly kind: "Ignore";
  readonly pattern: string;
}

/** A regular expression on the key (mc find --regex). */
export interface MatchPredicate {
  readonly kind: "Match";
  readonly regex: RegexData;
}

/** Size strictly larger or smaller than `bytes`. */
export interface SizePredicate {
  readonly kind: "Size";
  readonly op: "larger" | "smaller";
  readonly bytes: number;
}

/**
 * Last modification older or newer than a point: an instant (`at`, ISO 8601), or an age in
 * milliseconds (`ageMs`) counted back from the moment the query runs.
 */
export interface AgePredicate {
  readonly kind: "Age";
  readonly op: "olderThan" | "newerThan";
  readonly at?: string;
  readonly ageMs?: number;
}

/** At most `depth - 1` "/" after the query's prefix (`maxDepth(1)`: no "/"). */
export interface MaxDepthPredicate {
  readonly kind: "MaxDepth";
  readonly depth: number;
}

/** Content type matching a pattern (`*` any characters, case-insensitive): needs HEAD or the metadata listing. */
export interface ContentTypePredicate {
  readonly kind: "ContentType";
  readonly pattern: string;
}

/** Name → value tests, all of which must hold, on user metadata or object tags. */
export interface ValuesPredicate<K extends "Metadata" | "Tags"> {
  readonly kind: K;
  readonly match: readonly ValueMatcher[];
}

/** User metadata tests: needs HEAD or the metadata listing. */
export type MetadataPredicate = ValuesPredicate<"Metadata">;

/** Object tag tests: needs GetObjectTagging or the metadata listing. */
export type TagsPredicate = ValuesPredicate<"Tags">;

/** The latest version, not a delete marker (versions() queries). */
export interface LatestPredicate { readonly kind: "Latest" }
/** A noncurrent version, not a delete marker (versions() queries). */
export interface NoncurrentPredicate { readonly kind: "Noncurrent" }
/** Delete markers only (versions() queries). */
export interface DeleteMarkersPredicate { readonly kind: "DeleteMarkers" }

/** Every one of `of` holds. */
export interface AndPredicate {
  readonly kind: "And";
  readonly of: readonly Predicate[];
}

/** At least one of `of` holds. */
export interface OrPredicate {
  readonly kind: "Or";
  readonly of: readonly Predicate[];
}

/** `of` does not hold. */
export interface NotPredicate {
  readonly kind: "Not";
  readonly of: Predicate;
}

/** A user's JavaScript predicate, always client-side: `index` into the query's functions, `name` for explain(). */
export interface UserFilterPredicate {
  readonly kind: "UserFilter";
  readonly name: string;
  readonly index: number;
}

/** Every predicate kind. */
export type Predicate =
  | KeyRangePredicate | GlobPredicate | NamePredicate | IgnorePredicate | MatchPredicate
  | SizePredicate | AgePredicate | MaxDepthPredicate
  | ContentTypePredicate | MetadataPredicate | TagsPredicate
  | LatestPredicate | NoncurrentPredicate | DeleteMarkersPredicate
  | AndPredicate | OrPredicate | NotPredicate | UserFilterPredicate;

/** The `kind` of every predicate. */
export type PredicateKind = Predicate["kind"];

/** Freezes a predicate and everything in it. */
export function freezePredicate<P extends Predicate>(p: P): P {
  const deep = (v: unknown): void => {
    if (v !== null && typeof v === "object" && !Object.isFrozen(v)) {
      for (const x of Object.values(v)) deep(x);
      Object.freeze(v);
    }
  };
  deep(p);
  return p;
}
