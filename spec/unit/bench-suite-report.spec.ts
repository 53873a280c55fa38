/**
 * The bench suite's pure parts: statistics, Quarry-vs-peer ratios, the markdown and SVG
 * writers, README block replacement, and the in-process client wrapper's timing of a job.
 */
import { describe, expect, it } from "vitest";
import { nodeClient } from "../../bench/suite/clients/in-process.js";
import { median, percentile, rate } from "../../bench/suite/metrics.js";
import { markdownReport } from "../../bench/suite/report/markdown.js";
import { bestPeer, quarryRatios } from "../../bench/suite/report/ratios.js";
import { END, readmeBlock, replaceBlock, START } from "../../bench/suite/report/readme.js";
import { ratioChart } from "../../bench/suite/report/svg.js";
import { summarize, toSample, type SuiteResult, type WorkloadResult } from "../../bench/suite/results.js";
import { scaleFor } from "../../bench/suite/scale.js";

const kps = rate("kps", "keys/s");

function workload(values: Record<string, number[]>): WorkloadResult {
  return {
    workload: "list",
    title: "list 5,000 keys",
    target: "minio",
    headline: "kps",
    metrics: [{ id: "kps", label: "keys/s", higherIsBetter: true, digits: 0 }],
    clients: Object.entries(values).map(([name, vs]) => {
      const samples = vs.map((v, i) => toSample({ seconds: 1, cpuSeconds: 0.1, units: v }, [kps], i + 1, 0, false));
      return { name, runs: "node" as const, samples, summary: summarize(samples, [kps]) };
    }),
  };
}

function suite(results: WorkloadResult[]): SuiteResult {
  return {
    suite: "bench/suite", date: "2026-11-30T15:00:00.000Z", command: "npm run bench -- --quick", quick: true, node: "v20.20.2",
    platform: "linux/x64", cpuModel: "Test CPU", cpus: 2, loadAverage: { before: [1, 1, 1], after: [1, 1, 1] }, scale: scaleFor(true, 3), notes: [], results,
  };
}

describe("bench suite statistics", () => {
  it("takes medians and nearest-rank percentiles", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
  });

  it("summarizes samples as median with min–max", () => {
    const wr = workload({ quarry: [100, 300, 200] });
    expect(wr.clients[0]!.summary.kps).toEqual({ median: 200, min: 100, max: 300 });
  });
});

describe("bench suite ratios and reports", () => {
  const wr = workload({ quarry: [200, 200, 200], "minio-js 8": [100, 100, 100], "AWS SDK v3": [400, 400, 400], "raw node:http": [800, 800, 800] });

  it("divides Quarry's headline by every other client's, and picks the best peer without raw", () => {
    expect(quarryRatios(wr)).toEqual([
      { client: "minio-js 8", ratio: 2 },
      { client: "AWS SDK v3", ratio: 0.5 },
      { client: "raw node:http", ratio: 0.25 },
    ]);
    expect(bestPeer(wr)).toEqual({ client: "AWS SDK v3", value: 400 });
  });

  it("writes a summary row per workload and a table per target", () => {
    const md = markdownReport(suite([wr]), "chart.svg");
    expect(md).toContain("| list 5,000 keys | minio | keys/s | 200 | AWS SDK v3 400 | 0.50× | 800 |");
    expect(md).toContain("| minio-js 8 | 100 | 2.00× |  |");
    expect(md).toContain("![Quarry ÷ each client](chart.svg)");
  });

  it("draws one bar per peer in a well-formed SVG, escaping names", () => {
    const svg = ratioChart(suite([workload({ quarry: [100, 100, 100], "a<b>&c": [50, 50, 50] })]));
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trim().endsWith("</svg>")).toBe(true);
    expect(svg).toContain("a&lt;b&gt;&amp;c: Quarry 2.00×");
    expect(svg.match(/<title>/g)).toHaveLength(1);
  });

  it("replaces only the marked README block, or appends a Performance section", () => {
    const block = readmeBlock(suite([wr]), "bench/results/node20-quick.md", "bench/results/node20-quick.svg");
    const readme = `# Title\n\nintro\n\n${START}\nold\n${END}\n\ntail\n`;
    const replaced = replaceBlock(readme, block);
    expect(replaced).toContain("intro");
    expect(replaced).toContain("tail");
    expect(replaced).not.toContain("old");
    expect(replaced).toContain("| list 5,000 keys | minio |");
    expect(replaceBlock(replaced, block)).toBe(replaced);
    expect(replaceBlock("# T\n", block)).toMatch(/## Performance\n\n<!-- bench:start -->[\s\S]*<!-- bench:end -->\n$/);
  });
});

describe("in-process client wrapper", () => {
  it("times a job, records per-request latencies and checks what the library returned", async () => {
    const written: string[] = [];
    const client = nodeClient({
      name: "fake",
      load: async () => () => ({
        putSmall: async (key: string) => void written.push(key),
        list: async () => 41,
      }),
    });
    await client.setup(() => undefined);
    expect([...client.ops].sort()).toEqual(["list", "putSmall"]);
    const at = { endpoint: "http://127.0.0.1:9", accessKey: "a", secretKey: "b", region: "us-east-1", bucket: "b" };
    const m = await client.run({ op: "putSmall", at, size: 4, concurrency: 3, keys: ["k1", "k2", "k3", "k4"] });
    expect(m.units).toBe(4);
    expect(m.latenciesMs).toHaveLength(4);
    expect(written.sort()).toEqual(["k1", "k2", "k3", "k4"]);
    expect(m.seconds).toBeGreaterThan(0);
    await expect(client.run({ op: "list", at, size: 42 })).rejects.toThrow("listed 41 keys, expected 42");
    await client.close();
  });
});
