/**
 * An SVG bar chart of Quarry ÷ each client on every workload's headline metric (log scale,
 * 1× in the middle; right of it Quarry is ahead), written by hand: no chart dependency.
 */
import type { SuiteResult } from "../results.js";
import { quarryRatios } from "./ratios.js";

const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The chart's SVG text. */
export function ratioChart(r: SuiteResult): string {
  const groups = r.results.filter((w) => !w.skipped).map((w) => ({ label: `${w.title} (${w.target})`, bars: quarryRatios(w) })).filter((g) => g.bars.length > 0);
  const clients = [...new Set(groups.flatMap((g) => g.bars.map((b) => b.client)))];
  const color = (c: string) => PALETTE[clients.indexOf(c) % PALETTE.length]!;
  const maxLog = Math.min(4, Math.max(1, ...groups.flatMap((g) => g.bars.map((b) => Math.abs(Math.log2(b.ratio))))));
  const W = 960, LABEL = 300, PLOT = W - LABEL - 80, BAR = 11, GAP = 14, TOP = 56;
  const x = (ratio: number) => LABEL + PLOT / 2 + (Math.max(-maxLog, Math.min(maxLog, Math.log2(ratio))) / maxLog) * (PLOT / 2);
  const out: string[] = [];
  let y = TOP;
  for (const g of groups) {
    out.push(`<text x="${LABEL - 8}" y="${y + 10}" text-anchor="end" font-weight="bold">${esc(g.label)}</text>`);
    for (const b of g.bars) {
      const x0 = x(1), x1 = x(b.ratio);
      out.push(`<rect x="${Math.min(x0, x1).toFixed(1)}" y="${y}" width="${Math.max(1, Math.abs(x1 - x0)).toFixed(1)}" height="${BAR}" fill="${color(b.client)}"><title>${esc(`${b.client}: Quarry ${b.ratio.toFixed(2)}×`)}</title></rect>`);
      out.push(`<text x="${(x1 + (b.ratio >= 1 ? 4 : -4)).toFixed(1)}" y="${y + 9}" text-anchor="${b.ratio >= 1 ? "start" : "end"}" font-size="10">${b.ratio.toFixed(2)}×</text>`);
      y += BAR + 2;
    }
    y += GAP;
  }
  const H = y + 20 + Math.ceil(clients.length / 5) * 16;
  const ticks: string[] = [];
  for (let e = -Math.floor(maxLog); e <= Math.floor(maxLog); e++) {
    const t = 2 ** e;
    ticks.push(`<line x1="${x(t)}" y1="${TOP - 6}" x2="${x(t)}" y2="${y}" stroke="${e === 0 ? "#333" : "#ddd"}"/>`);
    ticks.push(`<text x="${x(t)}" y="${TOP - 10}" text-anchor="middle" font-size="10">${t >= 1 ? `${t}×` : `1/${1 / t}×`}</text>`);
  }
  const legend = clients.map((c, i) => `<rect x="${LABEL + (i % 5) * 130}" y="${y + 8 + Math.floor(i / 5) * 16}" width="10" height="10" fill="${color(c)}"/><text x="${LABEL + (i % 5) * 130 + 14}" y="${y + 17 + Math.floor(i / 5) * 16}" font-size="10">${esc(c)}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">Quarry ÷ each client, headline metric (log scale; right of 1× Quarry is ahead)</text>`,
    `<text x="10" y="36" font-size="10">${esc(`Node ${r.node} · ${r.cpus} × ${r.cpuModel} · ${r.quick ? "--quick" : "full"} · ${r.date.slice(0, 16)} UTC · shared, loaded machine`)}</text>`,
    ...ticks,
    ...out,
    ...legend,
    "</svg>",
    "",
  ].join("\n");
}
