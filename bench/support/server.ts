/**
 * Gives a benchmark one S3 server: the one named by `S3_BENCH_ENDPOINT` /
 * `S3_BENCH_ACCESS_KEY` / `S3_BENCH_SECRET_KEY` when all three are set (left running
 * on stop), else a fresh local MinIO started by the spec harness (stopped and deleted
 * on stop). Secrets are never printed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { ensureMinioBinary } from "../../spec/support/server/minio-binary.js";
import { startMinio } from "../../spec/support/server/minio-process.js";

/** A server the benchmark talks to. */
export interface BenchServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly endpoint: string;
  readonly accessKey: string;
  /** Never print it. */
  readonly secretKey: string;
  readonly region: string;
  /** `env` (from S3_BENCH_*) or `harness` (a MinIO this process started). */
  readonly source: "env" | "harness";
  /** Process id of a harness server (found through /proc), for measuring its CPU. */
  readonly pid?: number;
  /** Stops a harness server and deletes its data; no-op for an env server. */
  stop(): Promise<void>;
}

/** Host, port and scheme of an endpoint URL. */
export interface EndpointParts {
  readonly secure: boolean;
  readonly hostname: string;
  readonly port: number;
  /** The Host header: `hostname:port`, or `hostname` on the scheme's default port. */
  readonly host: string;
}

export function endpointParts(endpoint: string): EndpointParts {
  const url = new URL(endpoint);
  const secure = url.protocol === "https:";
  const port = url.port ? Number(url.port) : secure ? 443 : 80;
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  return { secure, hostname, port, host: url.host };
}

/** Returns a server; `log` receives progress lines (never secrets). */
export async function getServer(log: (line: string) => void): Promise<BenchServer> {
  const endpoint = process.env.S3_BENCH_ENDPOINT;
  const accessKey = process.env.S3_BENCH_ACCESS_KEY;
  const secretKey = process.env.S3_BENCH_SECRET_KEY;
  if (endpoint && accessKey && secretKey) {
    if (endpointParts(endpoint).secure) throw new Error("S3_BENCH_ENDPOINT must be http:// (the raw baseline and minio-js rows are set up for plain HTTP)");
    log(`using the server from S3_BENCH_ENDPOINT (${endpoint})`);
    return {
      endpoint: endpoint.replace(/\/+$/, ""),
      accessKey,
      secretKey,
      region: process.env.S3_BENCH_REGION || "us-east-1",
      source: "env",
      stop: async () => undefined,
    };
  }
  if (endpoint || accessKey || secretKey) {
    throw new Error("set all of S3_BENCH_ENDPOINT, S3_BENCH_ACCESS_KEY and S3_BENCH_SECRET_KEY, or none");
  }
  const binary = await ensureMinioBinary(log);
  const started = Date.now();
  // MinIO moves replaced and deleted data to .minio.sys/tmp/.trash and empties it every 5 min:
  // a full run's 1 GiB puts outran that and filled the tmpfs drives (and the machine's memory).
  const server = await startMinio({ binary, log, env: { MINIO_API_DELETE_CLEANUP_INTERVAL: "5s" } });
  const pid = findPidByArg(server.dataDir);
  log(`started MinIO at ${server.endpoint} in ${Date.now() - started} ms (data on ${server.dataDir.startsWith("/dev/shm") ? "tmpfs" : "disk"})`);
  return {
    endpoint: server.endpoint,
    accessKey: server.accessKey,
    secretKey: server.secretKey,
    region: server.region,
    source: "harness",
    ...(pid !== undefined ? { pid } : {}),
    stop: () => server.stop(),
  };
}

/** The process whose command line has `arg` as a substring (Linux /proc); undefined elsewhere. */
function findPidByArg(arg: string): number | undefined {
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
      try {
        if (readFileSync(`/proc/${entry}/cmdline`, "latin1").includes(arg)) return Number(entry);
      } catch {
        // the process went away
      }
    }
  } catch {
    // no /proc
  }
  return undefined;
}
