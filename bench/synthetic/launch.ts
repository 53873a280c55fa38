/**
 * Starts the synthetic S3 endpoint (server.ts) as a child process for a benchmark and
 * waits for its READY line. `stop()` ends it; so does this process ending, even by a crash
 * (the server exits when its stdin, held by this process, closes).
 */
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SyntheticOptions } from "./server.js";

const SERVER = join(dirname(fileURLToPath(import.meta.url)), "server.ts");

/** A running synthetic endpoint. */
export interface SyntheticServer {
  /** `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  readonly pid: number;
  /** Keys in its key space. */
  readonly keys: number;
  stop(): Promise<void>;
}

const FLAG: Record<keyof SyntheticOptions, string> = {
  keys: "--keys", prefixes: "--prefixes", top: "--top", rootKeys: "--root-keys", objectSize: "--object-size",
  latencyMs: "--latency-ms", bandwidth: "--bandwidth", port: "--port", host: "--host",
};

/** Spawns the server with these options (unset ones take the server's defaults). */
export async function startSynthetic(options: Partial<SyntheticOptions>): Promise<SyntheticServer> {
  const args: string[] = [];
  for (const [name, value] of Object.entries(options)) {
    if (value !== undefined) args.push(FLAG[name as keyof SyntheticOptions], String(value));
  }
  const child = spawn(process.execPath, ["--import", "tsx", SERVER, ...args, "--exit-with-parent"], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = await new Promise<{ endpoint: string; keys: number }>((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const line = /SYNTHETIC_S3_READY (\{.*\})\n/.exec(out);
      if (line) {
        child.stdout.off("data", onData);
        child.stdout.resume();
        resolve(JSON.parse(line[1]!) as { endpoint: string; keys: number });
      }
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => reject(new Error(`synthetic server exited with ${code} before it was ready`)));
    child.once("error", reject);
  });
  return {
    endpoint: ready.endpoint,
    pid: child.pid!,
    keys: ready.keys,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
