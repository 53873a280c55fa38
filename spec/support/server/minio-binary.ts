import { createHash, randomBytes } from "node:crypto";
import { access, appendFile, constants, mkdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { acquireLock, type HeldLock } from "./build-lock.js";
import { quarryCacheDir } from "./cache-dir.js";
import { goEnv, goModDownloadDir } from "./go-command.js";
import { runLogged } from "./run-logged.js";
import type { Log } from "./server-info.js";

/** The MinIO server module and the only version the Go module proxy serves for it. */
export const MINIO_MODULE = "github.com/minio/minio";
/** See {@link MINIO_MODULE}. */
export const MINIO_VERSION = "v0.0.0-20260212201848-7aac2a2c5b7c";
/** The MinIO client (`mc`) module, for admin tasks such as replication targets. */
export const MC_MODULE = "github.com/minio/mc";
/** See {@link MC_MODULE}. */
export const MC_VERSION = "v0.0.0-20251106162529-77f82e18b540";

/**
 * Appended to `cmd/api-response.go`: that commit's `trackingResponseWriter` wraps
 * every S3 response but lacks `Flush`, so streamed responses (ListenBucketNotification)
 * never reach the client.
 */
export const MINIO_FLUSH_PATCH = `
// Flush forwards to the wrapped writer so streamed responses reach the client (added by Quarry's test harness).
func (w *trackingResponseWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
`;

const HEARTBEAT_MS = 30_000;

/** Where the patched MinIO binary lives, keyed by version and patch so a changed patch rebuilds. */
export function minioBinaryPath(): string {
  const patchId = createHash("sha256").update(MINIO_FLUSH_PATCH).digest("hex").slice(0, 12);
  return join(quarryCacheDir(), `minio-${MINIO_VERSION}-${patchId}`, "minio");
}

/** Where the `mc` binary lives. */
export function mcBinaryPath(): string {
  return join(quarryCacheDir(), `mc-${MC_VERSION}`, "mc");
}

/**
 * Returns the path of a patched MinIO server binary, building it from the Go
 * module source on first use (≈4–5 min on 2 cores; needs Go ≥ 1.24 and the Go
 * module proxy). Concurrent callers in other processes wait for one build.
 */
export async function ensureMinioBinary(log: Log): Promise<string> {
  return ensureBinary(minioBinaryPath(), "MinIO server", log, buildMinio);
}

/**
 * Returns the path of the `mc` client binary, installing it with `go install`
 * on first use. Not needed by the default test setup.
 */
export async function ensureMcBinary(log: Log): Promise<string> {
  return ensureBinary(mcBinaryPath(), "mc", log, buildMc);
}

type Builder = (target: string, workDir: string, logFile: string) => Promise<void>;

/** One build per binary per process; the lock below covers other processes. */
const inFlight = new Map<string, Promise<string>>();

function ensureBinary(target: string, what: string, log: Log, build: Builder): Promise<string> {
  let pending = inFlight.get(target);
  if (!pending) {
    pending = ensureBinaryOnce(target, what, log, build);
    inFlight.set(target, pending);
    pending.catch(() => inFlight.delete(target));
  }
  return pending;
}

async function ensureBinaryOnce(target: string, what: string, log: Log, build: Builder): Promise<string> {
  if (await isExecutable(target)) return target;
  const dir = join(target, "..");
  await mkdir(dir, { recursive: true });
  const lock = await acquireLock(`${dir}.lock`, `building ${what}`, () => isExecutable(target), log);
  if (!lock) return target;
  try {
    if (await isExecutable(target)) return target;
    await withHeartbeat(what, log, lock, async () => {
      const workDir = join(quarryCacheDir(), `.build-${randomBytes(6).toString("hex")}`);
      const logFile = `${dir}.build.log`;
      await rm(logFile, { force: true });
      await mkdir(workDir, { recursive: true });
      try {
        await build(target, workDir, logFile);
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    });
    return target;
  } finally {
    await lock.release();
  }
}

async function withHeartbeat(what: string, log: Log, lock: HeldLock, work: () => Promise<void>): Promise<void> {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  log(
    what === "MinIO server"
      ? "building MinIO server from Go source (first run, ~4-5 min on 2 cores)…"
      : `building ${what} from Go source (first run)…`,
  );
  const timer = setInterval(() => {
    log(`…still building ${what} (${seconds()} s elapsed)`);
    void lock.refresh();
  }, HEARTBEAT_MS);
  try {
    await work();
    log(`built ${what} in ${seconds()} s`);
  } finally {
    clearInterval(timer);
  }
}

/** Copies the module source, applies {@link MINIO_FLUSH_PATCH}, builds, and moves the binary into place. */
async function buildMinio(target: string, workDir: string, logFile: string): Promise<void> {
  const moduleDir = await goModDownloadDir(MINIO_MODULE, MINIO_VERSION);
  const src = join(workDir, "src");
  await runLogged("cp", ["-r", moduleDir, src], { cwd: workDir, env: process.env, logFile });
  await runLogged("chmod", ["-R", "u+w", src], { cwd: workDir, env: process.env, logFile });
  await applyFlushPatch(join(src, "cmd", "api-response.go"));
  const tmpBinary = `${target}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await runLogged("go", ["build", "-trimpath", "-buildvcs=false", "-o", tmpBinary, "."], { cwd: src, env: goEnv(), logFile });
    await rename(tmpBinary, target);
  } finally {
    await rm(tmpBinary, { force: true });
  }
}

async function applyFlushPatch(file: string): Promise<void> {
  const source = await readFile(file, "utf8");
  if (!/^\s*"net\/http"\s*$/m.test(source)) throw new Error(`${file} no longer imports net/http; update MINIO_FLUSH_PATCH`);
  if (!source.includes("type trackingResponseWriter struct")) throw new Error(`${file} has no trackingResponseWriter; update MINIO_FLUSH_PATCH`);
  if (source.includes("func (w *trackingResponseWriter) Flush()")) throw new Error(`${file} already has Flush; drop MINIO_FLUSH_PATCH`);
  await appendFile(file, MINIO_FLUSH_PATCH);
}

/** `go install`s mc into a private GOBIN, then moves it into place. */
async function buildMc(target: string, workDir: string, logFile: string): Promise<void> {
  const gobin = join(workDir, "bin");
  await runLogged("go", ["install", "-trimpath", "-buildvcs=false", `${MC_MODULE}@${MC_VERSION}`], {
    cwd: workDir,
    env: goEnv({ GOBIN: gobin }),
    logFile,
  });
  await rename(join(gobin, "mc"), target);
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}
