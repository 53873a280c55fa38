import { hostname } from "node:os";
import { mkdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Log } from "./server-info.js";

/** A lock this process holds; refresh it while working, release it when done. */
export interface HeldLock {
  /** Marks the lock as alive (waiters treat a lock untouched for {@link STALE_MS} as abandoned). */
  refresh(): Promise<void>;
  release(): Promise<void>;
}

/** A lock not refreshed for this long is taken to belong to a dead process. */
const STALE_MS = 3 * 60_000;
const POLL_MS = 1_000;
const WAIT_LOG_MS = 30_000;

/**
 * Takes an inter-process lock by creating the directory `lockDir` (atomic on
 * every local file system), waiting while another live process holds it.
 *
 * `isDone` is checked before each attempt: when it turns true (the other process
 * finished the work) this returns `undefined` without taking the lock.
 * Correctness must not depend on the lock — it only saves duplicate work.
 */
export async function acquireLock(
  lockDir: string,
  what: string,
  isDone: () => Promise<boolean>,
  log: Log,
): Promise<HeldLock | undefined> {
  const started = Date.now();
  let lastLog = 0;
  for (;;) {
    if (await isDone()) return undefined;
    try {
      await mkdir(lockDir);
      await writeFile(join(lockDir, "owner"), `${process.pid}@${hostname()}\n`);
      return {
        refresh: () => utimes(lockDir, new Date(), new Date()).catch(() => undefined),
        release: () => rm(lockDir, { recursive: true, force: true }),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = await readOwner(lockDir);
    if (await isStale(lockDir, owner)) {
      log(`removing stale lock ${lockDir} (owner ${owner ?? "unknown"})`);
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - lastLog >= WAIT_LOG_MS) {
      lastLog = Date.now();
      log(`waiting for ${owner ?? "another process"} to finish ${what}… (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function readOwner(lockDir: string): Promise<string | undefined> {
  const text = await readFile(join(lockDir, "owner"), "utf8").catch(() => undefined);
  return text?.trim() || undefined;
}

async function isStale(lockDir: string, owner: string | undefined): Promise<boolean> {
  const info = await stat(lockDir).catch(() => undefined);
  if (!info) return false; // gone already: the next mkdir will tell
  if (Date.now() - info.mtimeMs > STALE_MS) return true;
  const match = owner?.match(/^(\d+)@(.*)$/);
  if (!match || match[2] !== hostname()) return false;
  return !isAlive(Number(match[1]));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
