import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { benchSection, table, writeBenchPages } from "../../docs-site/.vitepress/bench-tables.js";
import { sidebar } from "../../docs-site/.vitepress/pages.js";
import { codeBlocks } from "./support/code-blocks.js";

describe("codeBlocks: the doc example extractor", () => {
  it("takes ts/typescript fences with their line, marks ```ts run, and skips other languages", () => {
    const md = ["# T", "```sh", "npm test", "```", "```ts", "const a = 1;", "```", "", "````typescript run", "```", "inner", "````", "```js", "x", "```"].join("\n");
    const blocks = codeBlocks(md, "x.md");
    expect(blocks.map((b) => [b.where, b.runnable, b.code])).toEqual([
      ["x.md:5", false, "const a = 1;"],
      ["x.md:9", true, "```\ninner"],
    ]);
  });
});

describe("bench tables for the Performance page", () => {
  it("renders scalar fields as columns and sample medians, escaping pipes", () => {
    const md = table([{ name: "a|b", rate: 1.234, samples: [{ round: 0, ms: 3 }, { round: 1, ms: 5 }, { round: 2, ms: 10 }] }]);
    expect(md.split("\n")).toEqual(["| name | rate | ms (median) |", "| --- | --- | --- |", "| a\\|b | 1.23 | 5 |"]);
  });

  it("finds the row arrays of each bench's shape and says when there are none", () => {
    expect(benchSection("bench/x", { date: "d", summary: [{ caseId: "a", rate: 2 }] })).toContain("| caseId | rate |");
    expect(benchSection("bench/y", { date: "d" })).toContain("(no result rows)");
    expect(benchSection("bench/z", null)).toContain("unreadable");
  });

  it("writes the tables and a chart placeholder, then the chart once the bench suite has one", () => {
    const repo = mkdtempSync(join(tmpdir(), "quarry-bench-pages-"));
    try {
      mkdirSync(join(repo, "bench", "list", "results"), { recursive: true });
      writeFileSync(join(repo, "bench", "list", "results", "latest.json"), JSON.stringify({ clients: [{ name: "quarry", keysPerSec: 10 }] }));
      const src = join(repo, "site");
      expect(writeBenchPages(repo, src)).toEqual(["list"]);
      expect(readFileSync(join(src, ".generated", "bench-tables.md"), "utf8")).toContain("| quarry | 10 |");
      expect(readFileSync(join(src, ".generated", "bench-chart.md"), "utf8")).toContain("chart appears here");
      mkdirSync(join(repo, "bench", "results"));
      writeFileSync(join(repo, "bench", "results", "chart.svg"), "<svg/>");
      writeBenchPages(repo, src);
      expect(readFileSync(join(src, ".generated", "bench-chart.md"), "utf8")).toContain("/bench/chart.svg");
      expect(readFileSync(join(src, "public", "bench", "chart.svg"), "utf8")).toBe("<svg/>");
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe("sidebar", () => {
  it("lists the known pages that exist, in order, and any other page under More", () => {
    const dir = mkdtempSync(join(tmpdir(), "quarry-sidebar-"));
    try {
      for (const p of ["index", "streams", "getting-started", "queries", "zebra"]) writeFileSync(join(dir, `${p}.md`), `# ${p} title\n`);
      const groups = sidebar(dir);
      expect(groups.map((g) => g.text)).toEqual(["Guide", "More", "API"]);
      expect(groups[0]!.items.map((i) => i.link)).toEqual(["/getting-started", "/queries", "/streams"]);
      expect(groups[1]!.items).toEqual([{ text: "zebra title", link: "/zebra" }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
