/**
 * Key-interval algebra for push-down: which keys a predicate can possibly match, as a sorted
 * list of disjoint half-open intervals [lo, hi) in UTF-8 byte order. A superset is always
 * safe (the predicate is still checked client-side); the planner turns intervals into
 * prefix + startAfter + stopAt scans.
 */
import type { Predicate, RegexData } from "../plan/predicates.js";
import { parseGlob } from "../query/glob.js";
import { compareUtf8 } from "../xml/listing-values.js";

/** Keys `lo <= key < hi`; `hi` absent: no upper bound. */
export interface KeyInterval {
  readonly lo: string;
  readonly hi?: string;
}

/**
 * The start-after for a scan from `lo` inclusive (S3's start-after is exclusive): `lo` with its
 * last character one lower followed by U+10FFFF, the greatest character — only keys starting
 * with that odd text fall between it and `lo`. After a NUL it is exact: `"k\0"` → `"k"`.
 */
export function keyBefore(lo: string): string {
  const cps = Array.from(lo);
  const last = cps.pop()?.codePointAt(0);
  if (last === undefined || last === 0) return cps.join("");
  return cps.join("") + String.fromCodePoint(last === 0xe000 ? 0xd7ff : last - 1) + "\u{10FFFF}";
}

/** Every key. */
export const ALL: readonly KeyInterval[] = Object.freeze([{ lo: "" }]);

const MAX_CODE_POINT = 0x10ffff;

/** The smallest string after every string starting with `prefix`, or undefined when there is none. */
export function prefixEnd(prefix: string): string | undefined {
  const cps = Array.from(prefix);
  while (cps.length > 0) {
    const last = cps.pop()!.codePointAt(0)!;
    if (last === MAX_CODE_POINT) continue;
    const next = last === 0xd7ff ? 0xe000 : last + 1;
    return cps.join("") + String.fromCodePoint(next);
  }
  return undefined;
}

/** Keys starting with `prefix`. */
export function prefixInterval(prefix: string): KeyInterval[] {
  const hi = prefixEnd(prefix);
  return [hi === undefined ? { lo: prefix } : { lo: prefix, hi }];
}

/** `s` without its last code point ("" stays ""). */
export function dropLastCodePoint(s: string): string {
  if (s.length === 0) return s;
  const c = s.charCodeAt(s.length - 1);
  return s.slice(0, c >= 0xdc00 && c <= 0xdfff && s.length >= 2 ? -2 : -1);
}

function cmpHi(a: string | undefined, b: string | undefined): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  return compareUtf8(a, b);
}

/** Sorts and merges overlapping or touching intervals. */
export function union(intervals: readonly KeyInterval[]): KeyInterval[] {
  const sorted = [...intervals].sort((a, b) => compareUtf8(a.lo, b.lo));
  const out: KeyInterval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && (last.hi === undefined || compareUtf8(iv.lo, last.hi) <= 0)) {
      if (cmpHi(iv.hi, last.hi) > 0) out[out.length - 1] = iv.hi === undefined ? { lo: last.lo } : { lo: last.lo, hi: iv.hi };
    } else out.push(iv);
  }
  return out;
}

/** Keys in both sets. */
export function intersect(a: readonly KeyInterval[], b: readonly KeyInterval[]): KeyInterval[] {
  const out: KeyInterval[] = [];
  for (const x of a) {
    for (const y of b) {
      const lo = compareUtf8(x.lo, y.lo) >= 0 ? x.lo : y.lo;
      const hi = cmpHi(x.hi, y.hi) <= 0 ? x.hi : y.hi;
      if (hi === undefined || compareUtf8(lo, hi) < 0) out.push(hi === undefined ? { lo } : { lo, hi });
    }
  }
  return union(out);
}

/**
 * The literal text every match of a regex starts with: only for `^`-anchored sources without
 * alternation and without the `i` or `m` flags; "" when nothing can be said.
 */
export function regexHead(re: RegexData): string {
  const { source, flags } = re;
  if (!source.startsWith("^") || /[im]/.test(flags) || source.includes("|")) return "";
  let head = "";
  for (let i = 1; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      const next = source[i + 1];
      if (next === undefined || /[0-9A-Za-z]/.test(next)) break; // \d, \w, \u…: classes and escapes, not literals
      head += next;
      i++;
      continue;
    }
    if ("?*+{".includes(c)) return dropLastCodePoint(head); // the last literal is optional or repeated
    if ("^$.()[]}".includes(c)) break;
    head += c;
  }
  return head;
}

/** The keys a predicate can match (a superset). */
export function keyIntervals(p: Predicate): KeyInterval[] {
  switch (p.kind) {
    case "KeyRange":
      if (p.to !== undefined && compareUtf8(p.from, p.to) >= 0) return [];
      return [p.to === undefined ? { lo: p.from } : { lo: p.from, hi: p.to }];
    case "Glob": {
      const g = parseGlob(p.pattern);
      if (g.literal) {
        const hi = g.head + "\u0000"; // the one key equal to the pattern
        return [{ lo: g.head, hi }];
      }
      return prefixInterval(g.head);
    }
    case "Match":
      return prefixInterval(regexHead(p.regex));
    case "And":
      return p.of.reduce<KeyInterval[]>((acc, q) => intersect(acc, keyIntervals(q)), [...ALL]);
    case "Or":
      return union(p.of.flatMap((q) => keyIntervals(q)));
    default:
      return [...ALL];
  }
}
