import { homedir } from "node:os";
import { join } from "node:path";

/**
 * The harness's cache root, outside the clone so a fresh checkout reuses it:
 * `${XDG_CACHE_HOME ?? ~/.cache}/quarry`.
 */
export function quarryCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "quarry");
}
