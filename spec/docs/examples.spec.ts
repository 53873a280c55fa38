import { execFile } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { servers } from "../integration/support.js";
import { codeBlocks, docsCodeBlocks } from "./support/code-blocks.js";
import { createExampleProject, RUNNER, runnableSource, typeCheck, type ExampleProject } from "./support/example-project.js";

const repo = resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

// Every ```ts block of docs-site/**/*.md and README.md; ```ts run blocks also run.
const blocks = docsCodeBlocks(repo);
const runnable = blocks.filter((b) => b.runnable);

// A block that must NOT type-check: proves the checker sees the built package's types.
const broken = codeBlocks('```ts\nimport { S3 } from "quarry";\nnew S3({ endpoint: 42 });\n```\n', "(broken example)");

let project: ExampleProject;

describe("doc examples", () => {
  beforeAll(() => {
    project = createExampleProject(repo, join(repo, ".quarry-tmp", "doc-examples"), [...blocks, ...broken]);
    writeFileSync(join(project.dir, "runner.mjs"), RUNNER);
  }, 300_000);
  afterAll(() => {
    if (project) rmSync(project.dir, { recursive: true, force: true });
  });

  it("finds the examples of every guide page", () => {
    const files = new Set(blocks.map((b) => b.file));
    for (const page of ["README.md", "docs-site/getting-started.md", "docs-site/streams.md", "docs-site/transfers.md", "docs-site/errors.md", "docs-site/porting.md"]) {
      expect(files, page).toContain(page);
    }
    expect(runnable.length).toBeGreaterThanOrEqual(4);
  });

  it("type-checks every ```ts block against the built package", () => {
    const errors = typeCheck(project, [...blocks, ...broken]);
    const inDocs = errors.filter((e) => !e.where.startsWith("(broken example)"));
    expect(inDocs.map((e) => `${e.where}: ${e.message}`)).toEqual([]);
    // The deliberately wrong block is caught: the check is real.
    expect(errors.some((e) => e.where === "(broken example):3" && /number/.test(e.message))).toBe(true);
  }, 120_000);

  describe("runnable examples against the test MinIO", () => {
    it.each(runnable.map((b) => [b.where, b] as const))("%s", async (_where, block) => {
      const server = servers().plain;
      const file = join(project.dir, "blocks", `run-${block.line}-${block.file.replace(/\W/g, "_")}.mjs`);
      writeFileSync(file, runnableSource(block.code, server.endpoint));
      let code = 0;
      let stderr = "";
      try {
        ({ stderr } = await run(process.execPath, [join(project.dir, "runner.mjs"), file], {
          cwd: project.dir,
          env: { ...process.env, QUARRY_DOCS_ENDPOINT: server.endpoint, QUARRY_DOCS_ACCESS_KEY: server.accessKey, QUARRY_DOCS_SECRET_KEY: server.secretKey },
          timeout: 50_000,
        }));
      } catch (err) {
        const e = err as { code?: number; stderr?: string };
        code = e.code ?? 1;
        stderr = e.stderr ?? String(err);
      }
      expect(stderr, `${block.where} failed`).toBe("");
      expect(code).toBe(0);
    });
  });
});
