/**
 * Renders a physical query plan as an indented tree for people: `explain("text")`.
 * The same data as `explain()`, nothing more.
 */
import type { ListObjectsNode } from "../plan/nodes.js";
import type { Predicate } from "../plan/predicates.js";
import type { QueryNode } from "../plan/query-node.js";
import type { WatchNode } from "../plan/watch-node.js";

/** A string as JSON, with U+10FFFF (the start-after filler, see keyBefore) spelled out. */
const q = (s: string) => JSON.stringify(s).replace(/\u{10FFFF}/gu, "\\u{10FFFF}");

function matchers(ms: readonly { name: string; equals?: string; regex?: { source: string; flags: string } }[]): string {
  return `{ ${ms.map((m) => `${m.name}: ${m.regex ? `/${m.regex.source}/${m.regex.flags}` : q(m.equals ?? "")}`).join(", ")} }`;
}

/** One predicate as the builder call that makes it (And/Or/Not as nested lines). */
function predicateLines(p: Predicate): string[] {
  switch (p.kind) {
    case "KeyRange": return [p.to === undefined ? `keyBetween(${q(p.from)})` : `keyBetween(${q(p.from)}, ${q(p.to)})`];
    case "Glob": return [`glob(${q(p.pattern)})`];
    case "Name": return [`name(${q(p.pattern)})`];
    case "Ignore": return [`ignore(${q(p.pattern)})`];
    case "Match": return [`match(/${p.regex.source}/${p.regex.flags})`];
    case "Size": return [`${p.op}(${p.bytes} bytes)`];
    case "Age": return [p.at !== undefined ? `${p.op}(${p.at})` : `${p.op}(${duration(p.ageMs ?? 0)} before the run)`];
    case "MaxDepth": return [`maxDepth(${p.depth})`];
    case "ContentType": return [`contentType(${q(p.pattern)})`];
    case "Metadata": return [`metadata(${matchers(p.match)})`];
    case "Tags": return [`tags(${matchers(p.match)})`];
    case "Latest": return ["latest()"];
    case "Noncurrent": return ["noncurrent()"];
    case "DeleteMarkers": return ["deleteMarkers()"];
    case "UserFilter": return [`filter(${p.name})`];
    case "Not": return ["not", ...indent(predicateLines(p.of))];
    case "And":
    case "Or": return [p.kind.toLowerCase(), ...indent(p.of.flatMap(predicateLines))];
  }
}

const UNITS: ReadonlyArray<[string, number]> = [["d", 86_400_000], ["h", 3_600_000], ["m", 60_000], ["s", 1000], ["ms", 1]];

/** Milliseconds as "30d", "1h30m", "0ms". */
function duration(ms: number): string {
  let rest = ms;
  let out = "";
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) { out += `${n}${unit}`; rest -= n * size; }
  }
  return out === "" ? "0ms" : out;
}

function indent(lines: string[]): string[] {
  return lines.map((l) => `  ${l}`);
}

const API_NAMES = { v2: "ListObjectsV2", v1: "ListObjects", versions: "ListObjectVersions" } as const;

function scanLine(s: ListObjectsNode): string {
  const parts = [`${API_NAMES[s.api]} prefix=${q(s.prefix)}`];
  if (s.startAfter !== undefined) parts.push(`startAfter=${q(s.startAfter)}`);
  if (s.startAt !== undefined) parts.push(`startAt=${q(s.startAt)}`);
  if (s.stopAt !== undefined) parts.push(`stopAt=${q(s.stopAt)}`);
  if (s.delimiter !== undefined) parts.push(`delimiter=${q(s.delimiter)}${s.skipDirs ? " (common prefixes dropped)" : ""}`);
  if (s.includeUserMeta) parts.push("metadata=true");
  parts.push(`pageSize=${s.pageSize}`);
  return parts.join(" ");
}

/** The plan as an indented tree. */
export function explainText(plan: QueryNode): string {
  const lines = [`Query bucket=${q(plan.bucket)} prefix=${q(plan.prefix)}`];
  lines.push(plan.scans.length === 0 ? "  scans: none (nothing can match; no request is sent)" : `  scans (${plan.scans.length}, in key order):`);
  for (const s of plan.scans) lines.push(`    ${scanLine(s)}`);
  return [...lines, ...filterLines(plan, "the listing")].join("\n");
}

/** The client filters, enrichment and limit of a query or watch plan. */
function filterLines(plan: Pick<QueryNode, "client" | "enrich" | "limit">, source: string): string[] {
  const lines: string[] = [];
  if (plan.client.length > 0) {
    lines.push("  client filters (in order):");
    for (const c of plan.client) {
      const [first, ...rest] = predicateLines(c.predicate);
      const needs = c.needs.length > 0 ? `   [needs ${c.needs.join(" + ")}]` : "";
      lines.push(`    ${first}${needs}`, ...indent(indent(rest)));
    }
  }
  if (plan.enrich.length > 0) {
    lines.push(`  enrich (only entries ${source} cannot decide):`);
    for (const e of plan.enrich) {
      lines.push(`    ${e.lookup} -> ${e.fields.join(", ")}${e.concurrency > 0 ? `, ${e.concurrency} in flight` : " (no extra request)"}`);
    }
  }
  if (plan.limit !== undefined) lines.push(`  limit ${plan.limit}`);
  return lines;
}

/** A watch plan as an indented tree: the listener's filter, then what each record goes through. */
export function explainWatchText(plan: WatchNode): string {
  const lines = [`Watch bucket=${q(plan.bucket)} prefix=${q(plan.prefix)}`];
  const l = plan.listen;
  if (l === undefined) lines.push("  listen: none (nothing can match; no request is sent)");
  else {
    lines.push(`  listen ListenBucketNotification prefix=${q(l.prefix)} suffix=${q(l.suffix)}`);
    lines.push(`    events ${l.events.join(", ")}`);
  }
  return [...lines, ...filterLines(plan, "the record")].join("\n");
}
