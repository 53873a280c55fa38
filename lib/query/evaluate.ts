/**
 * Evaluates predicate nodes against listed objects. Three-valued: `undefined` means "cannot
 * tell without a lookup" (HEAD or tags), so lookups run only for entries the listing alone
 * cannot decide — `or(name("*.jpg"), tags(...))` looks up tags only for non-jpgs. Pure:
 * "now" and the user's functions are given.
 */
import type { ObjectInfo } from "../model/object-info.js";
import type { Predicate, ValueMatcher } from "../plan/predicates.js";
import { compareUtf8 } from "../xml/listing-values.js";
import { parseGlob } from "./glob.js";
import type { ObjectFilter } from "../plan/query-node.js";

/** What lookups found for one object; absent fields were not looked up. */
export interface Enrichment {
  readonly contentType?: string;
  /** User metadata, bare lower-case names (`camera`). */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly tags?: Readonly<Record<string, string>>;
}

/** What a compiled predicate is evaluated with. */
export interface EvalContext {
  /** The query's prefix (maxDepth counts from it). */
  readonly prefix: string;
  /** The run's "now", in ms since the epoch (ages count back from it). */
  readonly now: number;
  /** The functions of `filter()`, by index. */
  readonly functions: readonly ObjectFilter[];
  /** The listing carries metadata and tags (MinIO's metadata listing). */
  readonly listingMeta: boolean;
}

/** true, false, or undefined when a lookup is needed to tell. */
export type Truth = boolean | undefined;

/** A compiled predicate. */
export type Test = (o: ObjectInfo, e: Enrichment | undefined) => Truth;

/** User metadata of a metadata listing (`X-Amz-Meta-Camera`) or a HEAD (`x-amz-meta-camera`) as bare lower-case names. */
export function bareMetadata(metadata: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (metadata === undefined) return out;
  for (const [k, v] of Object.entries(metadata)) {
    const lower = k.toLowerCase();
    if (lower.startsWith("x-amz-meta-")) out[lower.slice(11)] = v;
  }
  return out;
}

function lastSegment(key: string): string {
  const end = key.endsWith("/") ? key.length - 1 : key.length;
  return key.slice(key.lastIndexOf("/", end - 1) + 1, end);
}

function valueTest(ms: readonly ValueMatcher[]): (values: Readonly<Record<string, string>>) => boolean {
  const tests = ms.map((m) => {
    const re = m.regex ? new RegExp(m.regex.source, m.regex.flags) : undefined;
    return (values: Readonly<Record<string, string>>) => {
      const v = Object.hasOwn(values, m.name) ? values[m.name] : undefined;
      return v !== undefined && (re ? re.test(v) : v === m.equals);
    };
  });
  return (values) => tests.every((t) => t(values));
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\/]/g, "\\$&").replace(/\*/g, ".*")}$`, "is");
}

const isObject = (o: ObjectInfo) => !o.isDir && !o.isDeleteMarker;

/** Compiles a predicate once (regexes built once) into a test. */
export function compile(p: Predicate, ctx: EvalContext): Test {
  switch (p.kind) {
    case "KeyRange": {
      const { from, to } = p;
      return (o) => compareUtf8(o.objectName, from) >= 0 && (to === undefined || compareUtf8(o.objectName, to) < 0);
    }
    case "Glob": {
      const re = new RegExp(parseGlob(p.pattern).source, "u");
      return (o) => re.test(o.objectName);
    }
    case "Name": {
      const re = new RegExp(parseGlob(p.pattern).source, "u");
      return (o) => re.test(lastSegment(o.objectName));
    }
    case "Ignore": {
      const re = new RegExp(parseGlob(p.pattern).source, "u");
      return (o) => !re.test(lastSegment(o.objectName));
    }
    case "Match": {
      const re = new RegExp(p.regex.source, p.regex.flags);
      return (o) => re.test(o.objectName);
    }
    case "Size": {
      const { bytes } = p;
      return p.op === "larger" ? (o) => o.size !== undefined && isObject(o) && o.size > bytes : (o) => o.size !== undefined && isObject(o) && o.size < bytes;
    }
    case "Age": {
      const limit = p.at !== undefined ? Date.parse(p.at) : ctx.now - (p.ageMs ?? 0);
      return p.op === "olderThan"
        ? (o) => o.lastModified !== undefined && !o.isDir && o.lastModified.getTime() < limit
        : (o) => o.lastModified !== undefined && !o.isDir && o.lastModified.getTime() > limit;
    }
    case "MaxDepth": {
      const { depth } = p;
      const start = ctx.prefix.length;
      return (o) => {
        let slashes = 0;
        const end = o.isDir ? o.objectName.length - 1 : o.objectName.length; // a common prefix's own "/" ends its level
        for (let i = o.objectName.indexOf("/", start); i >= 0 && i < end; i = o.objectName.indexOf("/", i + 1)) slashes++;
        return slashes <= depth - 1;
      };
    }
    case "ContentType": {
      const re = wildcard(p.pattern);
      const test = (ct: string | undefined) => ct !== undefined && (re.test(ct) || re.test(ct.split(";")[0].trim()));
      return ctx.listingMeta
        ? (o) => isObject(o) && test(o.contentType)
        // An entry that carries its own content type (a notification record) needs no lookup.
        : (o, e) => (!isObject(o) ? false : o.contentType !== undefined ? test(o.contentType) : e === undefined ? undefined : test(e.contentType));
    }
    case "Metadata": {
      const test = valueTest(p.match);
      return ctx.listingMeta
        ? (o) => isObject(o) && test(bareMetadata(o.metadata))
        : (o, e) => (!isObject(o) ? false : o.metadata !== undefined ? test(bareMetadata(o.metadata)) : e?.metadata === undefined ? undefined : test(e.metadata));
    }
    case "Tags": {
      const test = valueTest(p.match);
      return ctx.listingMeta
        ? (o) => isObject(o) && test(o.userTags ?? {})
        : (o, e) => (!isObject(o) ? false : e?.tags === undefined ? undefined : test(e.tags));
    }
    case "Latest":
      return (o) => o.isLatest === true && !o.isDeleteMarker;
    case "Noncurrent":
      return (o) => o.isLatest === false && !o.isDeleteMarker;
    case "DeleteMarkers":
      return (o) => o.isDeleteMarker;
    case "UserFilter": {
      const fn = ctx.functions[p.index];
      return (o) => fn(o) === true;
    }
    case "And":
      return all(p.of.map((q) => compile(q, ctx)));
    case "Or":
      return fold(p.of.map((q) => compile(q, ctx)), true);
    case "Not": {
      const t = compile(p.of, ctx);
      return (o, e) => {
        const r = t(o, e);
        return r === undefined ? undefined : !r;
      };
    }
  }
}

/** Runs tests in order until one gives `decisive`; else unknown if any was unknown, else !decisive. */
function fold(tests: readonly Test[], decisive: boolean): Test {
  return (o, e) => {
    let unknown = false;
    for (const t of tests) {
      const r = t(o, e);
      if (r === decisive) return decisive;
      if (r === undefined) unknown = true;
    }
    return unknown ? undefined : !decisive;
  };
}

/** All tests in order; false as soon as one is false. */
export function all(tests: readonly Test[]): Test {
  return fold(tests, false);
}
