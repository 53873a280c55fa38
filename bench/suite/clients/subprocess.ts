/**
 * Clients that run outside this process: each job spawns a script (or a CLI under a Python
 * wrapper) that does the whole job and prints its own Measurement as the last line of stdout,
 * CPU included. The job, credentials included, goes in on stdin, never on the command line.
 */
import { spawn } from "node:child_process";
import type { Client, Job, Measurement, Op } from "../types.js";

/** How to start a subprocess client. */
export interface SubprocessSpec {
  readonly name: string;
  readonly ops: readonly Op[];
  readonly notes?: Partial<Record<Op, string>>;
  /** Resolves the command line (installing what is missing); runs once, in setup. */
  command(log: (line: string) => void): Promise<readonly [string, ...string[]]>;
}

/** Runs `command` with `input` on stdin; resolves with the last JSON line of stdout. */
export function runJsonChild(command: readonly [string, ...string[]], input: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const [cmd, ...args] = command;
    const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (err += c));
    child.once("error", reject);
    child.once("close", (code) => {
      if (code !== 0) return reject(new Error(`exited with ${code}: ${err.trim().split("\n").slice(-6).join("\n")}`));
      const line = out.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(line) as Measurement);
      } catch {
        reject(new Error(`no JSON result on stdout: ${line.slice(0, 200)}`));
      }
    });
    child.stdin.end(input);
  });
}

/** Wraps a {@link SubprocessSpec} as a suite client. */
export function subprocessClient(spec: SubprocessSpec): Client {
  let command: readonly [string, ...string[]] | undefined;
  return {
    name: spec.name,
    runs: "subprocess",
    ops: new Set(spec.ops),
    ...(spec.notes ? { notes: spec.notes } : {}),
    async setup(log) {
      command = await spec.command(log);
    },
    async run(job: Job) {
      const m = await runJsonChild(command!, JSON.stringify(job));
      if (job.op === "list" && job.size !== undefined && m.units !== job.size) throw new Error(`listed ${m.units} keys, expected ${job.size}`);
      if (job.op === "get" && m.units !== job.size) throw new Error(`read ${m.units} bytes, expected ${job.size}`);
      return m;
    },
    async close() {},
  };
}
