import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { BucketRef } from "../../lib/index.js";
import { plainClient, servers, tempBucket } from "../integration/support.js";

export const repo = resolve(import.meta.dirname, "../..");
export const mainJs = join(repo, "dist/cli/main.js");
/** Marks a build of this checkout (outside dist/, which is packed): in the temp dir, named by the repo path. */
const stamp = join(tmpdir(), `quarry-cli-built-${createHash("sha256").update(repo).digest("hex").slice(0, 12)}`);

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Builds the package once for all CLI spec files (`npm run build`): a lock directory keeps two
 * spec files from building at once; the second finds dist fresh and skips.
 */
export async function buildCli(): Promise<void> {
  const started = Date.now();
  const lock = `${stamp}.lock`;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmdirSync(lock);
      } catch { /* gone meanwhile */ }
      await sleep(250);
    }
  }
  try {
    let fresh = false;
    try {
      fresh = statSync(mainJs).mtimeMs >= started - 1000 && statSync(stamp).mtimeMs >= started - 1000;
    } catch { /* not built */ }
    if (!fresh) {
      execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "build", "--silent"], { cwd: repo, stdio: "pipe" });
      writeFileSync(stamp, "");
    }
  } finally {
    rmdirSync(lock);
  }
}

/** The environment of a CLI run: alias `t` on the plain test server, no user config. */
export function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  const s = servers().plain;
  const url = new URL(s.endpoint);
  const home = mkdtempSync(join(tmpdir(), "quarry-cli-home-"));
  return {
    PATH: process.env["PATH"] ?? "",
    HOME: home,
    MC_CONFIG_DIR: join(home, ".mc"),
    MC_HOST_t: `${url.protocol}//${encodeURIComponent(s.accessKey)}:${encodeURIComponent(s.secretKey)}@${url.host}`,
    ...extra,
  };
}

/** A finished run. */
export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `node dist/cli/main.js args` (not waiting). */
export function startCli(args: string[], env: Record<string, string>): ChildProcess & { output: { stdout: string; stderr: string }; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [mainJs, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
  const output = { stdout: "", stderr: "" };
  child.stdout.setEncoding("utf8").on("data", (c: string) => (output.stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (output.stderr += c));
  const done = new Promise<CliRun>((res) => child.on("close", (code, signal) => res({ code, signal, ...output })));
  child.stdin.end();
  return Object.assign(child, { output, done });
}

/** Runs the built CLI to its end. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  return startCli(args, env).done;
}

/** The JSON lines of a run's stdout. */
export function jsonLines(run: CliRun): Array<Record<string, unknown>> {
  return run.stdout.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Waits until `cond()` holds (polling), or fails after `ms`. */
export async function until(cond: () => boolean | Promise<boolean>, ms = 20_000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * The hooks of a CLI spec file: builds the CLI, makes a temp bucket, a temp directory and the
 * CLI's environment (alias `t`); afterwards aborts leftover uploads and removes the bucket.
 */
export function cliFixture(tag: string) {
  const fx = { s3: plainClient(), env: {} as Record<string, string>, name: "", bucket: undefined as unknown as BucketRef, dir: "" };
  let cleanup = async () => undefined as void;
  beforeAll(async () => {
    await buildCli();
    fx.env = cliEnv();
    const b = await tempBucket(fx.s3, tag);
    Object.assign(fx, { name: b.name, bucket: b.bucket, dir: mkdtempSync(join(tmpdir(), `quarry-${tag}-`)) });
    cleanup = b.cleanup;
  }, 300_000);
  afterAll(async () => {
    await fx.bucket?.uploads().abortAll().catch(() => undefined);
    await cleanup();
    fx.s3.close();
  });
  return fx;
}
