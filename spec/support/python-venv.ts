/**
 * Cached, locked Python venvs under the harness cache (`<cache>/<name>`), with pinned PyPI
 * packages installed on first use. Parallel processes install once (the lock is the one the
 * MinIO build uses); a venv counts as ready only after its marker file is written, and the
 * marker names the packages, so a changed list makes a new venv. A failed install throws.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { acquireLock } from "./server/build-lock.js";
import { quarryCacheDir } from "./server/cache-dir.js";
import { runLogged } from "./server/run-logged.js";

/** What a venv holds. */
export interface VenvSpec {
  /** Folder name under the cache, e.g. `py-minio-7.2.20`. */
  readonly name: string;
  /** pip requirement strings, pinned (`minio==7.2.20`). */
  readonly packages: readonly string[];
  /** Runs after the install with the venv's python; throw to refuse the venv. */
  readonly verify?: (python: string) => Promise<void>;
}

const pending = new Map<string, Promise<string>>();

/** Path of the venv's python, installing the venv on first use. */
export function ensureVenv(spec: VenvSpec, log: (line: string) => void = () => undefined): Promise<string> {
  let p = pending.get(spec.name);
  if (!p) {
    p = install(spec, log);
    pending.set(spec.name, p);
    p.catch(() => pending.delete(spec.name));
  }
  return p;
}

async function install(spec: VenvSpec, log: (line: string) => void): Promise<string> {
  const dir = join(quarryCacheDir(), spec.name);
  const python = join(dir, "bin", "python");
  const ready = join(dir, ".quarry-ready");
  const marker = `${spec.packages.join("\n")}\n`;
  const isReady = async () => (await readFile(ready, "utf8").catch(() => undefined)) === marker || (await legacyReady(ready, spec));
  await mkdir(quarryCacheDir(), { recursive: true });
  const lock = await acquireLock(`${dir}.lock`, `installing ${spec.packages.join(" ")} (Python)`, isReady, log);
  if (lock === undefined) return python;
  try {
    await rm(dir, { recursive: true, force: true });
    const logFile = `${dir}.install.log`;
    const env = { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: "1" };
    log(`creating ${dir} and installing ${spec.packages.join(" ")} from PyPI`);
    await runLogged("python3", ["-m", "venv", dir], { cwd: quarryCacheDir(), env, logFile });
    await lock.refresh();
    await runLogged(python, ["-m", "pip", "install", "--quiet", ...spec.packages], { cwd: quarryCacheDir(), env, logFile });
    await spec.verify?.(python);
    await writeFile(ready, marker);
    return python;
  } finally {
    await lock.release();
  }
}

/** Venvs made before markers named their packages held a single `<version>` line. */
async function legacyReady(ready: string, spec: VenvSpec): Promise<boolean> {
  if (spec.packages.length !== 1) return false;
  const text = await readFile(ready, "utf8").catch(() => undefined);
  return text !== undefined && text === `${spec.packages[0]!.split("==")[1]}\n`;
}
