/**
 * THE SEAM between the CLI and the query planner: `find`, `du`, `mirror` and `explain` build
 * their queries only here. Today the predicates run client-side over a plain listing (the
 * planner's methods — name/glob/match/larger/smaller/olderThan/newerThan/maxDepth/tags/
 * metadata, groupByPrefix, explain — are not on this branch yet); re-pointing the CLI at them
 * means changing {@link findQuery}, {@link explainFind} and {@link groupByPrefix} only.
 */
import type { ObjectsQuery } from "../builders/objects-query.js";
import type { BucketRef } from "../builders/bucket-ref.js";
import { InvalidArgumentError } from "../errors.js";
import type { ObjectInfo } from "../model/object-info.js";
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
}

/** A described client-side condition over a listed object. */
interface Condition {
  readonly describe: string;
  readonly test: (o: ObjectInfo, rel: string) => boolean;
}

/** A find: the listing it scans and the conditions it applies to what is listed. */
export interface FindQuery {
  /** The listing (server side). */
  readonly query: ObjectsQuery;
  /** The key prefix the listing starts at (relative keys are counted from it). */
  readonly prefix: string;
  /** Conditions applied to each listed object (empty: every object matches). */
  readonly conditions: readonly Condition[];
}

/** A glob as a RegExp: `*` one level, `**` any levels, `?` one character, `[...]` a class. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      i++;
      if (glob[i + 1] === "/") {
        re += "(?:.*/)?";
        i++;
      } else re += ".*";
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end < 0) throw new InvalidArgumentError(`malformed glob "${glob}": unclosed [`);
      const body = glob.slice(i + 1, end);
      re += `[${body.startsWith("!") ? `^${body.slice(1)}` : body}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\\/]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "s");
}

function keyValues(pairs: readonly string[] | undefined, what: string): Array<[string, string]> {
  return (pairs ?? []).map((p) => {
    const eq = p.indexOf("=");
    if (eq <= 0) throw new InvalidArgumentError(`--${what} takes key=value, got "${p}"`);
    return [p.slice(0, eq), p.slice(eq + 1)];
  });
}

function userMeta(o: ObjectInfo): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of Object.entries(o.metadata ?? {})) m.set(k.toLowerCase().replace(/^x-amz-meta-/, ""), v);
  return m;
}

/** The conditions of the flags (bad input is an InvalidArgumentError, before anything is sent). */
export function conditionsOf(flags: FindFlags, now = Date.now()): Condition[] {
  const out: Condition[] = [];
  if (flags.name?.length) {
    const res = flags.name.map(globToRegExp);
    out.push({ describe: `name ~ ${flags.name.join(" | ")}`, test: (o) => res.some((r) => r.test(o.objectName.slice(o.objectName.lastIndexOf("/") + 1))) });
  }
  if (flags.path !== undefined) {
    const re = globToRegExp(flags.path);
    out.push({ describe: `path ~ ${flags.path}`, test: (o) => re.test(o.objectName) });
  }
  if (flags.regex !== undefined) {
    let re: RegExp;
    try {
      re = new RegExp(flags.regex);
    } catch {
      throw new InvalidArgumentError(`malformed --regex "${flags.regex}"`);
    }
    out.push({ describe: `key =~ /${flags.regex}/`, test: (o) => re.test(o.objectName) });
  }
  if (flags.larger !== undefined) {
    const n = parseSize(flags.larger);
    out.push({ describe: `size > ${n}`, test: (o) => (o.size ?? 0) > n });
  }
  if (flags.smaller !== undefined) {
    const n = parseSize(flags.smaller);
    out.push({ describe: `size < ${n}`, test: (o) => (o.size ?? 0) < n });
  }
  if (flags.olderThan !== undefined) {
    const t = now - parseDuration(flags.olderThan);
    out.push({ describe: `lastModified < ${new Date(t).toISOString()}`, test: (o) => o.lastModified !== undefined && o.lastModified.getTime() < t });
  }
  if (flags.newerThan !== undefined) {
    const t = now - parseDuration(flags.newerThan);
    out.push({ describe: `lastModified > ${new Date(t).toISOString()}`, test: (o) => o.lastModified !== undefined && o.lastModified.getTime() > t });
  }
  if (flags.maxdepth !== undefined) {
    const d = flags.maxdepth;
    if (!Number.isInteger(d) || d < 1) throw new InvalidArgumentError(`--maxdepth must be an integer >= 1, got ${d}`);
    out.push({ describe: `depth <= ${d}`, test: (_o, rel) => rel.split("/").length - 1 < d });
  }
  const tags = keyValues(flags.tags, "tags");
  if (tags.length > 0) {
    out.push({ describe: `tags ${tags.map(([k, v]) => `${k}=${v}`).join(",")}`, test: (o) => tags.every(([k, v]) => o.userTags?.[k] === v) });
  }
  const meta = keyValues(flags.metadata, "metadata").map(([k, v]) => [k.toLowerCase(), v] as const);
  if (meta.length > 0) {
    out.push({ describe: `metadata ${meta.map(([k, v]) => `${k}=${v}`).join(",")}`, test: (o) => { const m = userMeta(o); return meta.every(([k, v]) => m.get(k) === v); } });
  }
  return out;
}

/** The find of `flags` under `prefix` of `bucket` (recursive; with metadata when a tag/metadata flag asks). */
export function findQuery(bucket: BucketRef, prefix: string, flags: FindFlags): FindQuery {
  const conditions = conditionsOf(flags);
  let query = bucket.objects().prefix(prefix).recursive();
  if (flags.tags?.length || flags.metadata?.length) query = query.withMetadata();
  return { query, prefix, conditions };
}

/** Whether a listed object matches. */
export function matches(find: FindQuery, o: ObjectInfo): boolean {
  if (o.isDir || o.isDeleteMarker) return false;
  const rel = o.objectName.slice(find.prefix.length);
  return find.conditions.every((c) => c.test(o, rel));
}

/** The matches of a find, as they are listed. */
export async function* runFind(find: FindQuery, signal: AbortSignal): AsyncGenerator<ObjectInfo> {
  for await (const o of iterate(find.query, signal)) if (matches(find, o)) yield o;
}

/** The plan of a find as plain data: what the server scans, what the client filters. */
export function explainFind(find: FindQuery): { scan: object; client: string[] } {
  return { scan: find.query.explain(), client: find.conditions.map((c) => c.describe) };
}

/** One group of `du`: a prefix with its object count and bytes. */
export interface PrefixGroup {
  readonly prefix: string;
  readonly count: number;
  readonly size: number;
}

/**
 * Groups matches by their first `depth` levels below the find's prefix (mc du --depth), sorted
 * by prefix; depth 0 gives one group, the prefix itself. Bounded memory: one entry per group.
 */
export async function groupByPrefix(find: FindQuery, depth: number, signal: AbortSignal): Promise<PrefixGroup[]> {
  if (!Number.isInteger(depth) || depth < 0) throw new InvalidArgumentError(`--depth must be an integer >= 0, got ${depth}`);
  const groups = new Map<string, { count: number; size: number }>();
  for await (const o of runFind(find, signal)) {
    const rel = o.objectName.slice(find.prefix.length).split("/");
    const levels = Math.min(depth, rel.length - 1);
    const prefix = find.prefix + rel.slice(0, levels).map((s) => `${s}/`).join("");
    const g = groups.get(prefix) ?? { count: 0, size: 0 };
    g.count++;
    g.size += o.size ?? 0;
    groups.set(prefix, g);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([prefix, g]) => ({ prefix, ...g }));
}

/** Iterates a listing, stopping (and aborting the page request in flight) once `signal` aborts. */
export async function* iterate(query: ObjectsQuery, signal: AbortSignal): AsyncGenerator<ObjectInfo> {
  signal.throwIfAborted();
  for await (const o of query) {
    signal.throwIfAborted();
    yield o;
  }
}
