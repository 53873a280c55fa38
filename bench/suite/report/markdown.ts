/** The run as markdown: environment, a summary table, then one table per workload and target. */
import type { SuiteResult, WorkloadResult } from "../results.js";
import { fmt, fmtRatio, fmtStat } from "./format.js";
import { bestPeer, QUARRY, quarryRatios } from "./ratios.js";

/** One line about where and how the run was taken. */
export function environmentLine(r: SuiteResult): string {
  return `${r.date.slice(0, 16).replace("T", " ")} UTC · Node ${r.node} · ${r.cpus} × ${r.cpuModel} · ${r.quick ? "--quick" : "full"} · ${r.scale.rounds} rounds (medians, min–max) · load ${r.loadAverage.before.map((x) => x.toFixed(1)).join("/")} at start · \`${r.command}\``;
}

/** The summary: per workload and target, Quarry, the best peer, their ratio and raw node:http. */
export function summaryTable(r: SuiteResult): string {
  const lines = ["| workload | target | metric | Quarry | best peer | Quarry ÷ best peer | raw node:http |", "|---|---|---|---:|---|---:|---:|"];
  for (const wr of r.results) {
    if (wr.skipped) continue;
    const def = wr.metrics.find((m) => m.id === wr.headline)!;
    const q = wr.clients.find((c) => c.name === QUARRY)?.summary[wr.headline]?.median;
    const best = bestPeer(wr);
    const raw = wr.clients.find((c) => c.name.startsWith("raw"))?.summary[wr.headline]?.median;
    const ratio = q !== undefined && best ? (def.higherIsBetter ? q / best.value : best.value / q) : undefined;
    lines.push(`| ${wr.title} | ${wr.target === "none" ? "no server" : wr.target} | ${def.label} | ${fmt(q, def.digits)} | ${best ? `${best.client} ${fmt(best.value, def.digits)}` : "—"} | ${fmtRatio(ratio)} | ${fmt(raw, def.digits)} |`);
  }
  return lines.join("\n");
}

function workloadTable(wr: WorkloadResult): string {
  const head = `### ${wr.title} — ${wr.target === "none" ? "no server" : wr.target}`;
  if (wr.skipped) return `${head}\n\nSkipped: ${wr.skipped}`;
  const ratios = new Map(quarryRatios(wr).map((x) => [x.client, x.ratio]));
  const cols = ["client", ...wr.metrics.map((m) => m.label), "Quarry ÷ it", "note"];
  const lines = [`| ${cols.join(" | ")} |`, `|---|${wr.metrics.map(() => "---:").join("|")}|---:|---|`];
  for (const c of wr.clients) {
    const cells = c.samples.length === 0 ? wr.metrics.map(() => "FAILED") : wr.metrics.map((m) => fmtStat(c.summary[m.id], m.digits));
    const note = [c.runs === "subprocess" ? "own process" : "", c.note ?? "", c.error ? `error: ${c.error}` : ""].filter(Boolean).join("; ");
    lines.push(`| ${c.name} | ${cells.join(" | ")} | ${c.name === QUARRY ? "1.00×" : fmtRatio(ratios.get(c.name))} | ${note.replace(/\|/g, "\\|")} |`);
  }
  return `${head}\n\n${lines.join("\n")}`;
}

/** The whole report. */
export function markdownReport(r: SuiteResult, chartFile: string): string {
  return [
    "# Quarry bench suite",
    "",
    environmentLine(r),
    "",
    "The machine is shared (2 cores, other work running): treat single numbers as noisy; ratios taken in the same interleaved rounds are the steadier reading.",
    ...(r.notes.length ? ["", ...r.notes.map((n) => `- ${n}`)] : []),
    "",
    "## Summary",
    "",
    summaryTable(r),
    "",
    `![Quarry ÷ each client](${chartFile})`,
    "",
    "## Per workload",
    "",
    "Medians over rounds, min–max in brackets. CPU is the client's: process.cpuUsage() around the job for Node clients (same process), the client's own report for the others (RUSAGE_CHILDREN for the CLIs).",
    "",
    ...r.results.flatMap((wr) => [workloadTable(wr), ""]),
  ].join("\n");
}
