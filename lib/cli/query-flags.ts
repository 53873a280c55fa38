/**
 * Where the CLI meets the query planner: `find`, `du` and `explain` turn mc's flags into an
 * {@link ObjectsQuery} here, so the planner decides what runs on the server (prefix, start
 * key, stop key, delimiter) and what the client filters, and `explain` prints that plan.
 */
import type { ObjectsQuery } from "../builders/objects-query.js";
import type { BucketRef } from "../builders/bucket-ref.js";
import { InvalidArgumentError } from "../errors.js";
import type { ObjectInfo } from "../model/object-info.js";
import type { QueryNode } from "../plan/query-node.js";
import { parseDuration, parseSize } from "./units.js";
/** The predicate flags of `find` (mc's names). */
export interface FindFlags {
  /** Glob on the last path segment (repeatable: any of them). */
  readonly name?: readonly string[];
  /** Glob on the whole key: `*` stays in one level, `**` crosses "/". */
  readonly path?: string;
  /** Regular expression on the key. */
  readonly regex?: string;
  /** Strictly larger than this size. */
  readonly larger?: string;
  /** Strictly smaller than this size. */
  readonly smaller?: string;
  /** Last modified longer ago than this duration. */
  readonly olderThan?: string;
  /** Last modified more recently than this duration. */
  readonly newerThan?: string;
  /** At most this many "/" levels below the prefix (1: no "/" after the prefix). */
  readonly maxdepth?: number;
  /** `k=v` tag conditions (all must hold). */
  readonly tags?: readonly string[];
  /** `k=v` user-metadata conditions (all must hold; names bare, case-insensitive). */
  readonly metadata?: readonly string[];
  /** At most this many matches. */
  readonly limit?: number;
}

/** A find: the planned query and the key prefix it starts at (relative keys count from it). */
export interface FindQuery {
  readonly query: ObjectsQuery;
  readonly prefix: string;
}

function keyValues(pairs: readonly string[] | undefined, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs ?? []) {
    const eq = p.indexOf("=");
    if (eq <= 0) throw new InvalidArgumentError(`--${what} takes key=value, got "${p}"`);
    out[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return out;
}

/**
 * The query of `flags` under `prefix` of `bucket` (recursive; MinIO's metadata listing when a
 * tag or metadata flag asks, so no per-object lookups). Bad input is an InvalidArgumentError,
 * before anything is sent. Durations count back from now.
 */
export function findQuery(bucket: BucketRef, prefix: string, flags: FindFlags): FindQuery {
  let q = bucket.objects().prefix(prefix).recursive();
  const names = flags.name ?? [];
  if (names.length === 1) q = q.name(names[0]!);
  else if (names.length > 1) q = q.where((p) => p.or(...names.map((n) => p.name(n))));
  if (flags.path !== undefined) q = q.glob(flags.path);
  if (flags.regex !== undefined) {
    let re: RegExp;
    try {
      re = new RegExp(flags.regex);
    } catch {
      throw new InvalidArgumentError(`malformed --regex "${flags.regex}"`);
    }
    q = q.match(re);
  }
  if (flags.larger !== undefined) q = q.larger(parseSize(flags.larger));
  if (flags.smaller !== undefined) q = q.smaller(parseSize(flags.smaller));
  if (flags.olderThan !== undefined) q = q.olderThan(parseDuration(flags.olderThan));
  if (flags.newerThan !== undefined) q = q.newerThan(parseDuration(flags.newerThan));
  if (flags.maxdepth !== undefined) {
    const d = flags.maxdepth;
    if (!Number.isInteger(d) || d < 1) throw new InvalidArgumentError(`--maxdepth must be an integer >= 1, got ${d}`);
    q = q.maxDepth(d);
  }
  const tags = keyValues(flags.tags, "tags");
  const meta = keyValues(flags.metadata, "metadata");
  if (Object.keys(tags).length > 0 || Object.keys(meta).length > 0) q = q.withMetadata();
  if (Object.keys(tags).length > 0) q = q.tags(tags);
  if (Object.keys(meta).length > 0) q = q.metadata(meta);
  if (flags.limit !== undefined) {
    if (!Number.isInteger(flags.limit) || flags.limit < 1) throw new InvalidArgumentError(`--limit must be an integer >= 1, got ${flags.limit}`);
    q = q.limit(flags.limit);
  }
  q.explain(); // plan now: bad flag values fail before anything is sent
  return { query: q, prefix };
}

/** The matches of a find (objects, not folders or delete markers), as the planner finds them. */
export async function* runFind(find: FindQuery, signal: AbortSignal): AsyncGenerator<ObjectInfo> {
  for await (const o of iterate(find.query, signal)) if (!o.isDir && !o.isDeleteMarker) yield o;
}

/**
 * New matches of a find from bucket notifications (`find --watch`), until the limit or until
 * `signal` aborts (Ctrl-C: the watch then simply ends). Events are pushed by the server, so
 * they queue here while the consumer (e.g. an `--exec` command) is busy.
 */
export async function* watchFind(find: FindQuery, signal: AbortSignal): AsyncGenerator<ObjectInfo> {
  const queue: ObjectInfo[] = [];
  let done = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const sub = find.query.watch().subscribe({
    next: (o) => {
      queue.push(o);
      poke();
    },
    error: (error: unknown) => {
      failure = { error };
      poke();
    },
    complete: () => {
      done = true;
      poke();
    },
  });
  signal.addEventListener("abort", poke, { once: true });
  try {
    for (;;) {
      while (queue.length > 0 && !signal.aborted) yield queue.shift()!;
      if (signal.aborted) return;
      if (failure !== undefined) throw failure.error;
      if (done) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    sub.unsubscribe();
    signal.removeEventListener("abort", poke);
  }
}

/** The physical plan of a find: server scans, client filters, lookups, limit (JSON-safe). */
export function explainFind(find: FindQuery): QueryNode {
  return find.query.explain();
}

/** The plan of a find as an indented tree for people. */
export function explainFindText(find: FindQuery): string {
  return find.query.explain("text");
}

/** One group of `du`: a prefix with its object count and bytes. */
export interface PrefixGroup {
  readonly prefix: string;
  readonly count: number;
  readonly size: number;
}

/** Groups the matches by their first `depth` levels below the prefix (mc du --depth), sorted by prefix, in bounded memory. */
export async function groupByPrefix(find: FindQuery, depth: number, signal: AbortSignal): Promise<PrefixGroup[]> {
  if (!Number.isInteger(depth) || depth < 0) throw new InvalidArgumentError(`--depth must be an integer >= 0, got ${depth}`);
  return find.query.groupByPrefix(depth, { signal });
}

/** Iterates a listing, stopping (and aborting the page request in flight) once `signal` aborts. */
export async function* iterate(query: ObjectsQuery, signal: AbortSignal): AsyncGenerator<ObjectInfo> {
  signal.throwIfAborted();
  for await (const o of query) {
    signal.throwIfAborted();
    yield o;
  }
}
