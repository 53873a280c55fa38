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
  /**
   * A webhook notification target the server is configured with, and where to read what
   * it received. Always there for servers the harness starts; for env-provided ones only
   * when `S3_TEST_WEBHOOK_ARN` and `S3_TEST_WEBHOOK_EVENTS_URL` are set.
   */
  readonly webhook?: WebhookInfo;
}

/** A notification target of a test server (see {@link ServerInfo.webhook}). */
export interface WebhookInfo {
  /** The target's ARN for queue configs, e.g. `arn:minio:sqs::1:webhook`. */
  readonly arn: string;
  /**
   * `GET` answers the events the target received as a JSON array of event bodies;
   * `?bucket=<name>` keeps those whose `Records[0].s3.bucket.name` is `name`.
   */
  readonly eventsUrl: string;
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
  const { endpoint, accessKey, secretKey, region, ca, kmsKeyName, source, webhook } = server;
  return {
    endpoint,
    accessKey,
    secretKey,
    region,
    ...(ca === undefined ? {} : { ca }),
    kmsKeyName,
    source,
    ...(webhook === undefined ? {} : { webhook: { arn: webhook.arn, eventsUrl: webhook.eventsUrl } }),
  };
}
