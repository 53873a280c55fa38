import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, openSync, rmSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { makeDataDir } from "./data-dir.js";
import { freeLoopbackPort } from "./free-port.js";
import { waitUntilReady } from "./health.js";
import { ensureMinioBinary } from "./minio-binary.js";
import { tail } from "./run-logged.js";
import { writeSelfSignedCert } from "./self-signed-cert.js";
import type { Log, RunningServer } from "./server-info.js";

/** Name of the static KMS key every harness-started MinIO has (the key id for SSE-KMS). */
export const KMS_KEY_NAME = "quarry-test-key";

/** Options for {@link startMinio}. */
export interface StartMinioOptions {
  /** Serve HTTPS with a fresh self-signed certificate (its PEM is returned as `ca`). */
  readonly tls?: boolean;
  /** Extra environment for the server, e.g. `MINIO_NOTIFY_WEBHOOK_ENABLE_1`; applied last. */
  readonly env?: Record<string, string>;
  /** Progress lines (binary build, start-up); silent when omitted. */
  readonly log?: Log;
  /** Use this `minio` binary instead of the cached/built one. */
  readonly binary?: string;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const START_ATTEMPTS = 3;

/**
 * Starts a 4-drive MinIO on free loopback ports with random root credentials,
 * a static KMS key and (optionally) TLS, and resolves once `/minio/health/ready`
 * answers 200. Drives live on tmpfs when it has room; server output goes to
 * `<dataDir>/minio.log`. The server is killed if this process exits without
 * calling {@link RunningServer.stop}.
 */
export async function startMinio(opts: StartMinioOptions = {}): Promise<RunningServer> {
  const binary = opts.binary ?? (await ensureMinioBinary(opts.log ?? (() => undefined)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(binary, opts);
    } catch (error) {
      // Another process can grab a probed port before MinIO binds it: try new ports.
      if (attempt >= START_ATTEMPTS || !/address already in use/i.test((error as Error).message)) throw error;
    }
  }
}

async function launch(binary: string, opts: StartMinioOptions): Promise<RunningServer> {
  const dataDir = await makeDataDir();
  const logFile = join(dataDir, "minio.log");
  const certsDir = join(dataDir, "certs");
  let ca: string | undefined;
  let port: number;
  let consolePort: number;
  try {
    await Promise.all(["d1", "d2", "d3", "d4"].map((d) => mkdir(join(dataDir, d))));
    ca = opts.tls ? await writeSelfSignedCert(certsDir, logFile) : undefined;
    [port, consolePort] = await Promise.all([freeLoopbackPort(), freeLoopbackPort()]);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const accessKey = randomBytes(12).toString("hex");
  const secretKey = randomBytes(20).toString("hex");
  const endpoint = `${opts.tls ? "https" : "http"}://127.0.0.1:${port}`;

  const args = [
    "server", "--quiet",
    "--address", `127.0.0.1:${port}`,
    "--console-address", `127.0.0.1:${consolePort}`,
    ...(opts.tls ? ["--certs-dir", certsDir] : []),
    join(dataDir, "d{1...4}"), // MinIO expands the ellipsis itself
  ];
  const env = {
    ...withoutMinioVars(process.env),
    MINIO_ROOT_USER: accessKey,
    MINIO_ROOT_PASSWORD: secretKey,
    MINIO_CI_CD: "1",
    MINIO_KMS_SECRET_KEY: `${KMS_KEY_NAME}:${randomBytes(32).toString("base64")}`,
    MINIO_API_SELECT_PARQUET: "on",
    MINIO_BROWSER: "off",
    MINIO_UPDATE: "off",
    ...opts.env,
  };
  const out = openSync(logFile, "a");
  let child: ChildProcess;
  try {
    child = spawn(binary, args, { cwd: dataDir, env, stdio: ["ignore", out, out] });
  } finally {
    closeSync(out);
  }

  let exitReason: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exitReason = `minio exited (${signal ? `signal ${signal}` : `code ${code}`})`;
      resolve();
    });
    child.once("error", (error) => {
      exitReason = `could not run ${binary}: ${error.message}`;
      resolve();
    });
  });
  const killOnExit = () => {
    child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.on("exit", killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.off("exit", killOnExit);
      if (exitReason === undefined) {
        child.kill("SIGTERM");
        if (!(await settlesWithin(exited, STOP_GRACE_MS))) {
          child.kill("SIGKILL");
          await settlesWithin(exited, STOP_GRACE_MS);
        }
      }
      await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
    })());

  try {
    await waitUntilReady(endpoint, { ca, timeoutMs: READY_TIMEOUT_MS, gaveUp: () => exitReason });
  } catch (error) {
    const output = await tail(logFile, 20);
    await stop();
    throw new Error(`MinIO (${opts.tls ? "TLS" : "plain"}) failed to start: ${(error as Error).message}\n--- last server output ---\n${output}`);
  }

  return {
    endpoint,
    accessKey,
    secretKey,
    region: "us-east-1",
    ...(ca ? { ca } : {}),
    kmsKeyName: KMS_KEY_NAME,
    source: "binary",
    dataDir,
    stop,
  };
}

function withoutMinioVars(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith("MINIO_")));
}

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
