/**
 * Writes the key-range bench's results: bench/results/query-range.json (every sample) and
 * query-range.md (a table of medians with min–max, and the command that made it).
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "../support/bench-util.js";
import type { LayoutResult } from "./layout.js";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** One timed run of one row. */
export interface Sample {
  readonly ms: number;
  /** Keys the row returned (always the range's, or the bench stops). */
  readonly keys: number;
  /** ListObjects requests that reached the proxy. */
  readonly listRequests: number;
  /** Any other request (mc's bucket checks, …). */
  readonly otherRequests: number;
  /** `<Key>` entries the list responses carried. */
  readonly keysTransferred: number;
  /** Body bytes of the list responses as sent (mc asks for gzip; Quarry and minio-js do not). */
  readonly listBytes: number;
  /** Every request the row sent (`METHOD /path?query`); the JSON keeps the last round's. */
  readonly requests: readonly string[];
}

/** A row and its samples. */
export interface RowResult {
  readonly name: string;
  readonly how: string;
  readonly samples: Sample[];
}

/** Everything the report needs. */
export interface Report {
  readonly command: string;
  readonly startedAt: Date;
  readonly total: number;
  readonly rounds: number;
  readonly bucket: string;
  /** Where the server came from (bench/support/server.ts). */
  readonly server: "env" | "harness";
  readonly range: { readonly lo: string; readonly hi: string; readonly keys: number };
  readonly layout: LayoutResult;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly results: readonly RowResult[];
  readonly mcStartup: readonly number[];
}

interface Stat {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

function stat(values: readonly number[]): Stat {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");
/** `median (min–max)`, or just the value when every sample agrees. */
const cell = (s: Stat) => (int(s.min) === int(s.max) ? int(s.median) : `${int(s.median)} (${int(s.min)}–${int(s.max)})`);

/** Writes both files; returns their paths relative to the repository. */
export async function writeReport(r: Report): Promise<string[]> {
  const rows = r.results.map((row) => ({
    name: row.name,
    how: row.how,
    ms: stat(row.samples.map((s) => s.ms)),
    listRequests: stat(row.samples.map((s) => s.listRequests)),
    otherRequests: stat(row.samples.map((s) => s.otherRequests)),
    keysTransferred: stat(row.samples.map((s) => s.keysTransferred)),
    listKiB: stat(row.samples.map((s) => s.listBytes / 1024)),
    keys: stat(row.samples.map((s) => s.keys)),
    samples: row.samples.map(({ requests: _, ...rest }) => rest),
    lastRoundRequests: row.samples.at(-1)?.requests ?? [],
  }));
  const mcStartup = stat(r.mcStartup);
  const machine = `node ${process.version}, ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? "?"}), load average ${r.loadBefore.map((l) => l.toFixed(2)).join(" ")} before, ${r.loadAfter.map((l) => l.toFixed(2)).join(" ")} after`;
  const md = [
    `# Key-range query over ${int(r.total)} keys: pushed down vs filtered in user code vs mc find`,
    "",
    `\`${r.command}\` — ${r.startedAt.toISOString()}; ${machine}.`,
    `${r.server === "harness" ? "MinIO started by the spec harness (its binary, 4 drives on tmpfs)" : "The MinIO named by S3_BENCH_ENDPOINT"}, every client through a counting HTTP proxy on loopback.`,
    `Keys \`logs/<region>/<NNNNN>.json\` (5 regions × ${int(r.total / 5)}), range \`[${r.range.lo}, ${r.range.hi})\` = ${int(r.range.keys)} keys (1%).`,
    `Medians of ${r.rounds} interleaved rounds (min–max) after one warm-up; every row returned exactly the range's keys in every round.`,
    "",
    "| row | how | keys returned | list requests | keys the server sent | list KiB sent | other requests | wall ms |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
    ...rows.map((x) => `| ${x.name} | \`${x.how.replaceAll("|", "\\|")}\` | ${cell(x.keys)} | ${cell(x.listRequests)} | ${cell(x.keysTransferred)} | ${cell(x.listKiB)} | ${cell(x.otherRequests)} | ${cell(x.ms)} |`),
    "",
    `mc start-up (\`mc find\` on an empty bucket, same rounds): ${cell(mcStartup)} ms, included in the mc row's wall time.`,
    "",
  ].join("\n");
  const json = {
    command: r.command, startedAt: r.startedAt.toISOString(), node: process.version, cpus: os.availableParallelism(),
    loadBefore: r.loadBefore, loadAfter: r.loadAfter, keys: r.total, bucket: r.bucket, server: r.server, range: r.range, layout: r.layout, rounds: r.rounds,
    rows, mcStartupMs: { ...mcStartup, samples: r.mcStartup },
  };
  const dir = join(REPO, "bench", "results");
  await mkdir(dir, { recursive: true });
  const files = [join(dir, "query-range.md"), join(dir, "query-range.json")];
  await writeFile(files[0]!, md);
  await writeFile(files[1]!, `${JSON.stringify(json, null, 2)}\n`);
  return files.map((f) => relative(REPO, f));
}
