/**
 * The seed system for cross-checks: the MinIO Python SDK 7.2.20 in a venv under the harness
 * cache (`<cache>/py-minio-7.2.20`), installed from PyPI on first use. Locked like the MinIO
 * build, so parallel test processes install once. A failed install throws: specs that need
 * the seed fail, never skip.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ensureVenv } from "./python-venv.js";

/** The seed SDK's version, as on PyPI. */
export const SEED_VERSION = "7.2.20";

const SCRIPT = fileURLToPath(new URL("./python-seed.py", import.meta.url));

let pending: Promise<string> | undefined;

/** Path of the venv's python with `minio==7.2.20` installed, installing it on first use. */
export function seedPython(log: (line: string) => void = () => undefined): Promise<string> {
  pending ??= ensureVenv(
    {
      name: `py-minio-${SEED_VERSION}`,
      packages: [`minio==${SEED_VERSION}`],
      verify: async (python) => {
        const version = (await runSeedRaw(python, ["-c", "import minio, sys; sys.stdout.write(minio.__version__)"], "")).trim();
        if (version !== SEED_VERSION) throw new Error(`installed minio is ${version}, not ${SEED_VERSION}`);
      },
    },
    log,
  );
  return pending;
}

function runSeedRaw(python: string, args: readonly string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (err += c));
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`seed python exited with ${code}: ${err.slice(-2000)}`))));
    child.stdin.end(input);
  });
}

/**
 * Runs one case through `spec/support/python-seed.py` (JSON in on stdin, JSON out on stdout).
 * @param request - `{ op: "url" | "post", … }`; see the script.
 */
export async function runSeed<T>(request: Record<string, unknown>): Promise<T> {
  const python = await seedPython();
  return JSON.parse(await runSeedRaw(python, [SCRIPT], JSON.stringify(request))) as T;
}
