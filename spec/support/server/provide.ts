import { access, constants } from "node:fs/promises";
import { containerRuntimeUnavailable, startMinioContainer } from "./container-server.js";
import { serversFromEnv } from "./env-servers.js";
import { ensureMinioBinary, minioBinaryPath } from "./minio-binary.js";
import { startMinio } from "./minio-process.js";
import { toServerInfo, type Log, type RunningServer, type ServerInfo, type ServerPair } from "./server-info.js";
import { WEBHOOK_ARN, webhookTargetEnv } from "./webhook-receiver.js";

/** The servers for one test run, and how to stop the ones this process started. */
export interface ProvidedServers extends ServerPair {
  /** Stops every server the harness started (none for env-provided ones). */
  stop(): Promise<void>;
}

/** Options for {@link provideServers}. */
export interface ProvideOptions {
  /** Extra environment for servers the harness starts (e.g. notification targets). */
  readonly env?: Record<string, string>;
  /**
   * A webhook receiver on this host (see `startWebhookReceiver`): servers the harness
   * starts get it as notification target 1 and report it as {@link ServerInfo.webhook}.
   */
  readonly webhook?: { readonly port: number; readonly eventsUrl: string };
}

/** Environment making `http://<host>:<port>/` MinIO's webhook target 1, then `extra`. */
function targetEnv(webhook: ProvideOptions["webhook"], host: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...(webhook ? webhookTargetEnv(`http://${host}:${webhook.port}/`) : {}), ...extra };
}

/**
 * Finds a plain and a TLS S3 server for the tests, in this order:
 * 1. `S3_TEST_ENDPOINT` + keys (see {@link serversFromEnv}); a local TLS
 *    server is started if the environment names no HTTPS endpoint;
 * 2. testcontainers' MinIO module, when a container runtime answers within 2 s
 *    (the TLS instance then comes from the local binary);
 * 3. the cached MinIO binary, 4. built from Go source when not cached.
 *
 * Both instances start in parallel. Throws, listing every source tried and why
 * it failed, when none works: a missing server is an error, never a skip.
 */
export async function provideServers(log: Log, options: ProvideOptions = {}): Promise<ProvidedServers> {
  const tried: string[] = [];
  const hook = options.webhook ? { arn: WEBHOOK_ARN, eventsUrl: options.webhook.eventsUrl } : undefined;
  const info = (server: RunningServer): ServerInfo => ({ ...toServerInfo(server), ...(hook ? { webhook: hook } : {}) });
  const binaryEnv = targetEnv(options.webhook, "127.0.0.1", options.env);
  const startBinary = (tls: boolean) => () => startMinio({ tls, log, env: binaryEnv });
  const startContainer = async () => {
    // The container reaches the receiver on this host through testcontainers' port forwarder.
    if (options.webhook) await (await import("testcontainers")).TestContainers.exposeHostPorts(options.webhook.port);
    return startMinioContainer(targetEnv(options.webhook, "host.testcontainers.internal", options.env));
  };

  const fromEnv = serversFromEnv();
  if (fromEnv?.tls) {
    log(`using S3_TEST_ENDPOINT ${fromEnv.plain.endpoint} and ${fromEnv.tls.endpoint}`);
    return { plain: fromEnv.plain, tls: fromEnv.tls, stop: async () => undefined };
  }
  if (fromEnv) {
    log(`using S3_TEST_ENDPOINT ${fromEnv.plain.endpoint}; starting a local TLS MinIO`);
    const tls = await withBinaryHelp(startBinary(true), tried, log);
    return { plain: fromEnv.plain, tls: info(tls), stop: () => tls.stop() };
  }
  tried.push("S3_TEST_ENDPOINT: not set");

  const noRuntime = await containerRuntimeUnavailable();
  if (noRuntime === undefined) {
    try {
      log("container runtime found: starting MinIO with testcontainers (TLS instance from the local binary)");
      return await startPair(startContainer, startBinary(true), info);
    } catch (error) {
      tried.push(`testcontainers: ${(error as Error).message}`);
    }
  } else {
    tried.push(`testcontainers: ${noRuntime}`);
  }

  return withBinaryHelp(() => startPair(startBinary(false), startBinary(true), info), tried, log);
}

/** Runs `start` (which uses the MinIO binary) and turns a failure into the full "what was tried" error. */
async function withBinaryHelp<T>(start: () => Promise<T>, tried: string[], log: Log): Promise<T> {
  const path = minioBinaryPath();
  const cached = await access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
  try {
    if (cached) log(`using cached MinIO binary ${path}`);
    else
      await ensureMinioBinary(log).catch((error: unknown) => {
        throw new Error(`not cached at ${path}, and building it from Go source failed: ${(error as Error).message}`);
      });
    return await start();
  } catch (error) {
    tried.push(`minio binary: ${(error as Error).message}`);
    throw new Error(`No S3 server for the tests. Tried, in order:\n${tried.map((t) => ` - ${t}`).join("\n")}`);
  }
}

async function startPair(
  plain: () => Promise<RunningServer>,
  tls: () => Promise<RunningServer>,
  info: (server: RunningServer) => ServerInfo,
): Promise<ProvidedServers> {
  const results = await Promise.allSettled([plain(), tls()]);
  const started = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failed = results.flatMap((r) => (r.status === "rejected" ? [r.reason as Error] : []));
  if (failed.length > 0) {
    await Promise.all(started.map((s) => s.stop()));
    throw new Error(failed.map((e) => e.message).join("\n"));
  }
  const [p, t] = started as [RunningServer, RunningServer];
  return {
    plain: info(p),
    tls: info(t),
    stop: async () => {
      await Promise.all([p.stop(), t.stop()]);
    },
  };
}
