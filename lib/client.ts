import { BucketRef } from "./builders/bucket-ref.js";
import { BucketsQuery } from "./builders/buckets-query.js";
import type { CredentialsProvider } from "./credentials/provider.js";
import { StaticProvider } from "./credentials/static.js";
import { InvalidArgumentError } from "./errors.js";
import { parseEndpoint } from "./exec/endpoint.js";
import { RequestExecutor } from "./exec/executor.js";
import { ExecutorPlanRunner } from "./exec/plan-runner.js";
import type { RetryOptions } from "./exec/retry.js";
import { Transport, type TransportOptions } from "./exec/transport.js";
import type { PlanRunner } from "./plan/runner.js";
import type { PresignPostNode } from "./plan/presign-nodes.js";
import type { PostPolicy, PresignedPost } from "./model/post-policy.js";
import { planPresignPost } from "./builders/presign-plan.js";
import type { ChecksumSetting } from "./model/checksums.js";
import { checkAppInfo, checkChecksumSetting, checkOptionalBoolean, checkOptionalHeaderText, checkRegion, checkRetryOptions, checkTransportOptions } from "./validate/index.js";

/** Options of {@link S3}. */
export interface S3Options {
  /** `http://127.0.0.1:9000`, `https://s3.amazonaws.com`, or a bare host such as `play.min.io` (HTTPS). */
  readonly endpoint: string;
  /** Access key (with `secretKey`); omit both for anonymous access or use `credentials`. */
  readonly accessKey?: string;
  /** Secret key. */
  readonly secretKey?: string;
  /** Session token of temporary credentials. */
  readonly sessionToken?: string;
  /** For a bare-host endpoint: HTTPS (default true) or HTTP. */
  readonly secure?: boolean;
  /** Fixed region; when absent each bucket's region is discovered and cached. */
  readonly region?: string;
  /** A credentials provider (instead of accessKey/secretKey). */
  readonly credentials?: CredentialsProvider;
  /** Force path-style (true) or virtual-host-style (false) addressing; default per endpoint. */
  readonly pathStyle?: boolean;
  /** Transport settings: CA, TLS verification, sockets, timeouts. */
  readonly transport?: TransportOptions;
  /** Retry policy for idempotent requests. */
  readonly retry?: RetryOptions;
  /** Application name and version appended to the User-Agent. */
  readonly appInfo?: { readonly name: string; readonly version: string };
  /**
   * Upload checksums (`x-amz-checksum-crc32` on PUTs and parts, the composite on complete):
   * `"auto"` (default: sent, dropped for good if the server refuses the header), `"crc32"`
   * (always; a refusal is an error) or `"off"`. Each put/upload may override it.
   */
  readonly checksum?: ChecksumSetting;
}

/** Checks every option but the endpoint and region, before anything is built. */
function checkClientOptions(options: S3Options): void {
  checkOptionalHeaderText(options.accessKey, "accessKey");
  checkOptionalHeaderText(options.secretKey, "secretKey");
  checkOptionalHeaderText(options.sessionToken, "sessionToken");
  checkOptionalBoolean(options.pathStyle, "pathStyle");
  checkTransportOptions(options.transport);
  checkRetryOptions(options.retry);
  checkAppInfo(options.appInfo);
  checkChecksumSetting(options.checksum);
  const provider: unknown = options.credentials;
  if (provider !== undefined && (provider === null || typeof (provider as { retrieve?: unknown }).retrieve !== "function")) {
    throw new InvalidArgumentError("credentials must be a CredentialsProvider (an object with retrieve())");
  }
}

/**
 * The Quarry client: the entry point of the fluent API. Holds the keep-alive transport,
 * the signing-key and region caches; builders it hands out are cheap immutable values.
 *
 * @example
 * ```ts
 * const s3 = new S3({ endpoint: "http://127.0.0.1:9000", accessKey, secretKey });
 * await s3.bucket("photos").create();
 * s3.bucket("photos").objects().recursive().stream().subscribe((o) => console.log(o.objectName));
 * ```
 */
export class S3 {
  readonly #runner: PlanRunner;
  readonly #transport: Transport;

  constructor(options: S3Options) {
    if (options === null || typeof options !== "object") throw new InvalidArgumentError("S3 options must be an object");
    checkOptionalBoolean(options.secure, "secure");
    const endpoint = parseEndpoint(options.endpoint, options.secure);
    if (options.region !== undefined) checkRegion(options.region);
    checkClientOptions(options);
    if ((options.accessKey === undefined) !== (options.secretKey === undefined)) {
      throw new InvalidArgumentError("give both accessKey and secretKey, or neither");
    }
    if (options.credentials !== undefined && options.accessKey !== undefined) {
      throw new InvalidArgumentError("give either accessKey/secretKey or a credentials provider, not both");
    }
    const credentials = options.credentials
      ?? (options.accessKey !== undefined ? new StaticProvider(options.accessKey, options.secretKey!, options.sessionToken) : undefined);
    this.#transport = new Transport(options.transport);
    const app = options.appInfo ? ` ${options.appInfo.name}/${options.appInfo.version}` : "";
    const exec = new RequestExecutor({
      endpoint,
      region: options.region,
      credentials,
      pathStyle: options.pathStyle,
      transport: this.#transport,
      retry: options.retry ?? {},
      ...(options.checksum !== undefined ? { checksum: options.checksum } : {}),
      userAgent: `quarry (${process.platform}; ${process.arch}) node/${process.versions.node}${app}`,
    });
    this.#runner = new ExecutorPlanRunner(exec);
  }

  /** A bucket reference (no I/O). */
  bucket(name: string): BucketRef {
    return new BucketRef(this.#runner, name);
  }

  /** The list of buckets. */
  buckets(): BucketsQuery {
    return new BucketsQuery(this.#runner);
  }

  /**
   * Signs a browser-upload (POST) policy: resolves with the bucket's URL and the form fields
   * to send (before the `file` field) in a multipart/form-data POST. Signed locally; the only
   * request it may send is one GetBucketLocation, the first time the bucket's region is needed —
   * give the client a `region` to avoid it.
   *
   * @throws InvalidArgumentError for a policy without a key condition, or an anonymous client.
   */
  async presignPost(policy: PostPolicy, options: { readonly signal?: AbortSignal } = {}): Promise<PresignedPost> {
    return this.#runner.run(planPresignPost(policy), { signal: options.signal });
  }

  /** The plan {@link S3.presignPost} would run, as plain data. */
  explain(operation: "presignPost", policy: PostPolicy): PresignPostNode {
    if (operation !== "presignPost") throw new InvalidArgumentError(`unknown operation ${String(operation)}`);
    return planPresignPost(policy);
  }

  /** Closes idle keep-alive sockets (requests in flight finish). */
  close(): void {
    this.#transport.close();
  }

  /** Keeps credentials out of console.log/util.inspect. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "S3 {}";
  }
}
