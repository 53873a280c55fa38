/**
 * Renders bench/<name>/results/latest.json into Markdown tables for the Performance page.
 *
 * The bench suites write different shapes, so this reads them generically: the first array
 * of row objects (`clients`, `rows`, `summary`, …) becomes a table whose columns are the
 * rows' scalar fields, plus the median of every numeric field of their `samples`.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Row = Record<string, Json>;

const ROW_ARRAYS = ["clients", "rows", "summary", "results", "cases"];
const HIDDEN = new Set(["samples", "errors"]);

function isRow(v: Json): v is Row {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function fmt(v: Json | undefined): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) >= 100 ? 0 : 2);
  if (typeof v === "string" || typeof v === "boolean") return String(v).replace(/\|/g, "\\|");
  return "";
}

/** A row's displayed cells: scalars, and medians of numeric sample fields. */
function flatten(row: Row): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(row)) if (!HIDDEN.has(k) && (v === null || typeof v !== "object")) out[k] = v;
  const samples = Array.isArray(row["samples"]) ? row["samples"].filter(isRow) : [];
  const fields = new Set(samples.flatMap((s) => Object.keys(s).filter((k) => typeof s[k] === "number" && k !== "round" && k !== "slot")));
  for (const f of fields) if (!(f in out)) out[`${f} (median)`] = median(samples.map((s) => s[f]).filter((x): x is number => typeof x === "number"));
  return out;
}

/** One Markdown table from rows of objects. */
export function table(rows: Row[]): string {
  const flat = rows.map(flatten);
  const cols = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  const lines = [`| ${cols.join(" | ")} |`, `| ${cols.map(() => "---").join(" | ")} |`];
  for (const r of flat) lines.push(`| ${cols.map((c) => fmt(r[c])).join(" | ")} |`);
  return lines.join("\n");
}

/** The Markdown section of one bench result file. */
export function benchSection(name: string, data: Json): string {
  const parts = [`## ${name}`, ""];
  if (!isRow(data)) return parts.concat("(unreadable result file)", "").join("\n");
  const facts = ["date", "command", "node", "cpus", "cpuModel"].filter((k) => data[k] !== undefined).map((k) => `${k}: \`${fmt(data[k])}\``);
  if (facts.length > 0) parts.push(facts.join(" · "), "");
  let found = false;
  for (const key of ROW_ARRAYS) {
    const v = data[key];
    if (Array.isArray(v) && v.length > 0 && v.every(isRow)) {
      if (found || key !== "clients") parts.push(`**${key}**`, "");
      parts.push(table(v as Row[]), "");
      found = true;
    }
  }
  if (!found) parts.push("(no result rows)", "");
  return parts.join("\n");
}

/**
 * Writes docs-site/.generated/bench-tables.md (every bench's latest results) and
 * bench-chart.md (the bench suite's chart when one exists, else a note), both included by
 * performance.md. Returns the benches rendered.
 */
export function writeBenchPages(repoDir: string, srcDir: string): string[] {
  const benchDir = join(repoDir, "bench");
  const names = existsSync(benchDir)
    ? readdirSync(benchDir).filter((n) => existsSync(join(benchDir, n, "results", "latest.json"))).sort()
    : [];
  const sections = names.map((n) => {
    const file = join(benchDir, n, "results", "latest.json");
    let data: Json;
    try {
      data = JSON.parse(readFileSync(file, "utf8")) as Json;
    } catch {
      data = null;
    }
    return benchSection(`bench/${n}`, data);
  });
  const out = join(srcDir, ".generated");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "bench-tables.md"), sections.join("\n") || "No bench results yet.\n");
  const chart = findChart(benchDir);
  let chartMd = "The comparison chart appears here once the bench suite writes `bench/results/chart.svg`.\n";
  if (chart) {
    mkdirSync(join(srcDir, "public", "bench"), { recursive: true });
    copyFileSync(chart, join(srcDir, "public", "bench", "chart.svg"));
    chartMd = "![Throughput of Quarry and peer clients](/bench/chart.svg)\n";
  }
  writeFileSync(join(out, "bench-chart.md"), chartMd);
  return names;
}

/** The bench suite's chart: bench/results/chart.svg, or the first bench/*\/results/*.svg. */
function findChart(benchDir: string): string | undefined {
  const top = join(benchDir, "results", "chart.svg");
  if (existsSync(top)) return top;
  if (!existsSync(benchDir)) return undefined;
  for (const n of readdirSync(benchDir).sort()) {
    const dir = join(benchDir, n, "results");
    if (!existsSync(dir)) continue;
    const svg = readdirSync(dir).find((f) => f.endsWith(".svg"));
    if (svg) return join(dir, svg);
  }
  return undefined;
}
