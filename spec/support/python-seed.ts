/**
 * The seed system for cross-checks: the MinIO Python SDK 7.2.20 in a venv under the harness
 * cache (`<cache>/py-minio-7.2.20`), installed from PyPI on first use. Locked like the MinIO
 * build, so parallel test processes install once. A failed install throws: specs that need
 * the seed fail, never skip.
 */
import { spawn } from "node:child_process";
import { access, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { acquireLock } from "./server/build-lock.js";
import { quarryCacheDir } from "./server/cache-dir.js";
import { runLogged } from "./server/run-logged.js";

/** The seed SDK's version, as on PyPI. */
export const SEED_VERSION = "7.2.20";

const SCRIPT = fileURLToPath(new URL("./python-seed.py", import.meta.url));

function venvDir(): string {
  return join(quarryCacheDir(), `py-minio-${SEED_VERSION}`);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}

let pending: Promise<string> | undefined;

/** Path of the venv's python with `minio==7.2.20` installed, installing it on first use. */
export function seedPython(log: (line: string) => void = () => undefined): Promise<string> {
  pending ??= install(log);
  return pending;
}

async function install(log: (line: string) => void): Promise<string> {
  const dir = venvDir();
  const python = join(dir, "bin", "python");
  const ready = join(dir, ".quarry-ready");
  await mkdir(quarryCacheDir(), { recursive: true });
  const lock = await acquireLock(`${dir}.lock`, `installing minio==${SEED_VERSION} (Python)`, () => exists(ready), log);
  if (lock === undefined) return python;
  try {
    await rm(dir, { recursive: true, force: true });
    const logFile = `${dir}.install.log`;
    const env = { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: "1" };
    log(`creating ${dir} and installing minio==${SEED_VERSION} from PyPI`);
    await runLogged("python3", ["-m", "venv", dir], { cwd: quarryCacheDir(), env, logFile });
    await lock.refresh();
    await runLogged(python, ["-m", "pip", "install", "--quiet", `minio==${SEED_VERSION}`], { cwd: quarryCacheDir(), env, logFile });
    const version = (await runSeedRaw(python, ["-c", "import minio, sys; sys.stdout.write(minio.__version__)"], "")).trim();
    if (version !== SEED_VERSION) throw new Error(`installed minio is ${version}, not ${SEED_VERSION}`);
    await writeFile(ready, `${SEED_VERSION}\n`);
    return python;
  } finally {
    await lock.release();
  }
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
