/**
 * The one bench suite: every workload (bench/suite/workloads) × every client that supports it
 * (bench/suite/clients) × every endpoint (the harness's MinIO; the synthetic endpoint when
 * bench/synthetic/ is present), clients interleaved round by round (the order rotating by
 * one each round), medians of ≥ 3 rounds with min–max.
 *
 *   npm run bench                      # full sizes (1 GiB, 20k keys, 1M keys, 10k removals)
 *   npm run bench -- --quick           # about 2–4 minutes: 256 MiB, 5k keys, 1k removals
 *   npm run bench -- --quick --clients quarry,raw --workloads list,get-large
 *   npx -y node@24 node_modules/tsx/dist/cli.mjs bench/suite/run.ts --quick   # on Node 24
 *
 * Options: --quick, --rounds N (≥ 3), --clients a,b (name substrings), --workloads ids,
 * --targets minio,synthetic, --no-readme (leave README.md alone), --out DIR (default
 * bench/results). Writes DIR/node<major>[-quick].{json,md,svg} and, for unfiltered runs,
 * README.md's block between <!-- bench:start --> and <!-- bench:end -->.
 * Env: S3_BENCH_ENDPOINT/ACCESS_KEY/SECRET_KEY to use a running server (bench/support/server.ts).
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { CLIENTS } from "./clients/index.js";
import { markdownReport, summaryTable } from "./report/markdown.js";
import { readmeBlock, updateReadme } from "./report/readme.js";
import { ratioChart } from "./report/svg.js";
import { summarize, toSample, type ClientResult, type SuiteResult, type WorkloadResult } from "./results.js";
import { scaleFor } from "./scale.js";
import { minioTarget, syntheticTarget } from "./targets.js";
import type { Client, Scale, Target, Workload } from "./types.js";
import { WORKLOADS } from "./workloads/index.js";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const log = (line: string) => console.log(`[bench] ${line}`);

function firstLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split("\n").slice(0, 3).join(" ").slice(0, 300);
}

const list = (v: string | undefined) => (v ? v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean) : undefined);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      rounds: { type: "string" },
      clients: { type: "string" },
      workloads: { type: "string" },
      targets: { type: "string" },
      "no-readme": { type: "boolean", default: false },
      out: { type: "string" },
    },
  });
  const rounds = Number(values.rounds ?? 3);
  if (!Number.isInteger(rounds) || rounds < 3) throw new Error("--rounds must be an integer ≥ 3 (medians of at least 3 rounds)");
  const scale = scaleFor(values.quick!, rounds);
  const onlyClients = list(values.clients);
  const onlyWorkloads = list(values.workloads);
  const onlyTargets = list(values.targets);
  const filtered = Boolean(onlyClients || onlyWorkloads || onlyTargets);
  const clients = CLIENTS.filter((c) => !onlyClients || onlyClients.some((o) => c.name.toLowerCase().includes(o)));
  const workloads = WORKLOADS.filter((w) => !onlyWorkloads || onlyWorkloads.includes(w.id));
  const args = process.argv.slice(2).join(" ");
  const command = process.env.npm_lifecycle_event === "bench" ? `npm run bench${args ? ` -- ${args}` : ""}` : `tsx bench/suite/run.ts${args ? ` ${args}` : ""}`;
  const loadBefore = os.loadavg();
  const startedAt = new Date();
  const notes: string[] = [];
  log(`node ${process.version}, ${os.availableParallelism()} × ${os.cpus()[0]?.model ?? "?"}, load ${loadBefore.map((x) => x.toFixed(2)).join(" ")}`);
  log(`${scale.quick ? "--quick" : "full"}: ${workloads.map((w) => w.title(scale)).join("; ")}; ${rounds} rounds`);

  const failedSetup = new Map<Client, string>();
  for (const c of clients) {
    try {
      await c.setup(log);
    } catch (error) {
      failedSetup.set(c, firstLine(error));
      log(`${c.name}: set-up FAILED, left out: ${firstLine(error)}`);
    }
  }

  const wants = (t: string) => (!onlyTargets || onlyTargets.includes(t)) && workloads.some((w) => w.targets.includes(t as never));
  const targets = new Map<string, Target | undefined>();
  const results: WorkloadResult[] = [];
  try {
    if (wants("minio")) targets.set("minio", await minioTarget(log));
    if (wants("synthetic")) {
      const s = await syntheticTarget(log);
      targets.set("synthetic", s);
      if (!s) notes.push("The synthetic endpoint (bench/synthetic/, branch feat/fanout) is not in this tree: its rows are skipped; the 1M-key RSS listing runs only there.");
    }
    for (const w of workloads) {
      for (const t of w.targets) {
        if (onlyTargets && t !== "none" && !onlyTargets.includes(t)) continue;
        results.push(await runWorkload(w, t, t === "none" ? undefined : targets.get(t), clients, failedSetup, scale));
      }
    }
  } finally {
    for (const c of clients) await c.close().catch(() => undefined);
    for (const t of targets.values()) await t?.stop().catch(() => undefined);
  }

  const result: SuiteResult = {
    suite: "bench/suite",
    date: startedAt.toISOString(),
    command,
    quick: scale.quick,
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    cpuModel: os.cpus()[0]?.model ?? "?",
    cpus: os.availableParallelism(),
    loadAverage: { before: loadBefore, after: os.loadavg() },
    scale,
    notes,
    results,
  };
  const outDir = values.out ?? join(REPO, "bench", "results");
  const base = join(outDir, `node${process.versions.node.split(".")[0]}${scale.quick ? "-quick" : ""}${filtered ? "-partial" : ""}`);
  await mkdir(outDir, { recursive: true });
  const svgName = `${base.split("/").pop()}.svg`;
  await writeFile(`${base}.json`, `${JSON.stringify(result, null, 1)}\n`);
  await writeFile(`${base}.svg`, ratioChart(result));
  await writeFile(`${base}.md`, `${markdownReport(result, svgName)}\n`);
  console.log(`\n${summaryTable(result)}\n`);
  log(`wrote ${relative(REPO, base)}.{json,md,svg}`);
  if (!filtered && !values["no-readme"]) {
    await updateReadme(join(REPO, "README.md"), readmeBlock(result, relative(REPO, `${base}.md`), relative(REPO, `${base}.svg`)));
    log("README.md performance block regenerated");
  }
  const broken = results.flatMap((r) => r.clients.filter((c) => c.error && (c.name === "quarry" || c.name.startsWith("raw"))).map((c) => `${r.workload}/${r.target}: ${c.name}`));
  if (broken.length > 0) {
    log(`Quarry or the raw baseline failed: ${broken.join(", ")}`);
    process.exitCode = 1;
  }
}

async function runWorkload(w: Workload, t: string, target: Target | undefined, clients: readonly Client[], failedSetup: Map<Client, string>, scale: Scale): Promise<WorkloadResult> {
  const title = w.title(scale);
  const rows = clients
    .filter((c) => failedSetup.has(c) || c.ops.has(w.op))
    .map((c) => ({ c, r: { name: c.name, runs: c.runs, ...(c.notes?.[w.op] ? { note: c.notes[w.op] } : {}), samples: [], summary: {} } as ClientResult }));
  for (const { c, r } of rows) if (failedSetup.has(c)) r.error = `set-up failed: ${failedSetup.get(c)}`;
  const result: WorkloadResult = { workload: w.id, title, target: t, headline: w.headline, metrics: w.metrics.map(({ id, label, higherIsBetter, digits }) => ({ id, label, higherIsBetter, digits })), clients: rows.map((x) => x.r) };
  if (t !== "none" && !target) {
    result.skipped = `the ${t} endpoint is not available in this tree`;
    log(`${title} on ${t}: SKIPPED (${result.skipped})`);
    return result;
  }
  log(`${title} on ${t}: preparing`);
  const t0 = performance.now();
  const prepared = await w.prepare(target, scale, log);
  log(`${title} on ${t}: prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const live = rows.filter((x) => !x.r.error);
  const keepRss = w.metrics.some((m) => m.id.startsWith("rss"));
  const warmUp = scale.quick ? 0 : 1;
  for (let round = 1 - warmUp; round <= scale.rounds; round++) {
    const order = live.map((_, i) => live[(i + round + live.length) % live.length]!);
    const parts: string[] = [];
    for (const [slot, { c, r }] of order.entries()) {
      if (r.error) continue;
      try {
        const job = await prepared.job(c, round);
        const m = await c.run(job);
        if (round < 1) continue;
        const s = toSample(m, w.metrics, round, slot, keepRss);
        r.samples.push(s);
        parts.push(`${c.name} ${Math.round(s.metrics[w.headline] ?? NaN).toLocaleString("en-US")}`);
      } catch (error) {
        r.error = firstLine(error);
        log(`  ${c.name} FAILED in round ${round}, dropped: ${r.error}`);
      }
    }
    if (round >= 1) log(`  round ${round}/${scale.rounds} ${w.metrics.find((m) => m.id === w.headline)!.label}: ${parts.join(" | ")}`);
  }
  await prepared.cleanup?.();
  for (const { r } of rows) r.summary = summarize(r.samples, w.metrics);
  return result;
}

main().catch((error: unknown) => {
  console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
