/**
 * What a spec needs to reach one S3 server. Plain data, so vitest can pass it
 * from the global setup to the test workers with `provide` / `inject`.
 */
export interface ServerInfo {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41231`. */
  readonly endpoint: string;
  /** Access key (for a server the harness started: random hex, 24 chars). */
  readonly accessKey: string;
  /** Secret key. Never print it. */
  readonly secretKey: string;
  /** Region the server accepts for signing. */
  readonly region: string;
  /** PEM of the CA that signed the server's certificate, for TLS endpoints with a private CA. */
  readonly ca?: string;
  /**
   * Name of the server's static KMS key (the key id for SSE-KMS). Empty only when
   * the server came from `S3_TEST_ENDPOINT` without `S3_TEST_KMS_KEY`.
   */
  readonly kmsKeyName: string;
  /** Where the server came from: the environment, a container, or a local `minio` process. */
  readonly source: ServerSource;
}

/** How the harness obtained a server. */
export type ServerSource = "env" | "container" | "binary";

/** The pair of servers every test run gets: one plain HTTP, one TLS. */
export interface ServerPair {
  /** The default server (HTTP unless the environment supplied an HTTPS one). */
  readonly plain: ServerInfo;
  /** A TLS server, needed for SSE-C. */
  readonly tls: ServerInfo;
}

/** A server this process started (or attached to) and must stop. */
export interface RunningServer extends ServerInfo {
  /** Region the local MinIO accepts. */
  readonly region: "us-east-1";
  /** Directory holding the drives, certificates and `minio.log`; removed by {@link RunningServer.stop}. */
  readonly dataDir: string;
  /** Stops the server and deletes its data. Safe to call more than once. */
  stop(): Promise<void>;
}

/** A sink for human-readable progress lines. */
export type Log = (line: string) => void;

/** Strips a running server down to the serialisable {@link ServerInfo}. */
export function toServerInfo(server: ServerInfo): ServerInfo {
  const { endpoint, accessKey, secretKey, region, ca, kmsKeyName, source } = server;
  return ca === undefined
    ? { endpoint, accessKey, secretKey, region, kmsKeyName, source }
    : { endpoint, accessKey, secretKey, region, ca, kmsKeyName, source };
}
