import type { IncomingMessage } from "node:http";
import { InvalidArgumentError, S3Error } from "../errors.js";
import type { ChecksumSetting } from "../model/checksums.js";
import type { CredentialsProvider } from "../credentials/provider.js";
import { usableCredentials } from "../credentials/usable.js";
import { canonicalQueryString } from "../sign/uri-encode.js";
import { sha256Hex, signRequest } from "../sign/sigv4.js";
import { SigningKeyCache } from "../sign/signing-key-cache.js";
import { parseLocation } from "../xml/location.js";
import { address } from "./address.js";
import { compileRequest } from "./compile.js";
import type { Endpoint } from "./endpoint.js";
import { errorFromResponse } from "./error-map.js";
import type { HttpRequest } from "./http-request.js";
import { readText } from "./read-body.js";
import { RegionCache } from "./region-cache.js";
import { backoffDelay, isRetryable, maxAttempts as attemptsOf, sleep, type RetryOptions } from "./retry.js";
import type { Transport } from "./transport.js";

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const DEFAULT_REGION = "us-east-1";
/** Why a request carrying an SSE-C key is refused on a plain-HTTP endpoint. */
export const SSEC_OVER_HTTP = "SSE-C keys are only sent over HTTPS (S3 and MinIO refuse them over plain HTTP): use an https endpoint";

/** What the executor needs to know about the client. */
export interface ExecutorConfig {
  readonly endpoint: Endpoint;
  /** Fixed region; when absent, bucket regions are discovered and cached. */
  readonly region?: string;
  /** Credentials, or undefined for anonymous requests. */
  readonly credentials?: CredentialsProvider;
  /** true: always path style; false: always virtual host; undefined: per endpoint. */
  readonly pathStyle?: boolean;
  readonly transport: Transport;
  readonly retry: RetryOptions;
  readonly userAgent: string;
  /** Upload checksum setting of the client (default `"auto"`, see upload-checksum.ts). */
  readonly checksum?: ChecksumSetting;
}

/**
 * Runs single HTTP requests: addresses them (path or virtual-host style, region), signs
 * them (re-signing every attempt), sends them, retries what is safe to retry and turns
 * failures into typed errors. Resolves with a 2xx response whose body is unread.
 */
export class RequestExecutor {
  readonly config: ExecutorConfig;
  readonly regions = new RegionCache();
  readonly #keys = new SigningKeyCache();

  constructor(config: ExecutorConfig) {
    this.config = config;
  }

  /** The client's signing-key cache, shared by signed requests and presigned URLs/policies. */
  get signingKeys(): SigningKeyCache {
    return this.#keys;
  }

  /** The region requests about `bucket` are signed for (discovering it if needed). */
  regionOf(bucket: string | undefined, signal?: AbortSignal): Promise<string> {
    const fixed = this.config.region ?? this.config.endpoint.awsRegion;
    if (fixed !== undefined) return Promise.resolve(fixed);
    // Anonymous clients do not ask (a public-read policy rarely allows GetBucketLocation): the seed
    // uses the default region for them, and a server redirect still corrects it.
    if (bucket === undefined || this.config.credentials === undefined) return Promise.resolve(DEFAULT_REGION);
    return this.regions.resolve(bucket, () => this.#lookupRegion(bucket, signal));
  }

  async #lookupRegion(bucket: string, signal?: AbortSignal): Promise<string> {
    const res = await this.sendIn(compileRequest({ kind: "GetBucketLocation", bucket }), DEFAULT_REGION, signal);
    return parseLocation(await readText(res));
  }

  /** Sends a request in the bucket's region, with retries; resolves with a 2xx response. */
  async send(req: HttpRequest, signal?: AbortSignal, region?: string): Promise<IncomingMessage> {
    // Before the region lookup: a refused request must not cost a GetBucketLocation.
    this.#refuseCustomerKeyOverHttp(req);
    return this.sendIn(req, region ?? (await this.regionOf(req.bucket, signal)), signal);
  }

  /** Sends a request signed for `region`, with retries and one region correction. */
  async sendIn(req: HttpRequest, region: string, signal?: AbortSignal): Promise<IncomingMessage> {
    this.#refuseCustomerKeyOverHttp(req);
    const maxAttempts = req.idempotent ? attemptsOf(this.config.retry) : 1;
    let regionFixed = false;
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      let res: IncomingMessage;
      try {
        res = await this.#sendOnce(req, region, signal);
      } catch (err) {
        if (attempt + 1 < maxAttempts && isRetryable(err) && !signal?.aborted) {
          await sleep(backoffDelay(attempt, this.config.retry), signal);
          continue;
        }
        throw err;
      }
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return res;
      const hinted = headerOf(res, "x-amz-bucket-region");
      const err = await errorFromResponse(req, res);
      if (!regionFixed && hinted && hinted !== region && req.bucket !== undefined && this.config.region === undefined) {
        // The bucket lives elsewhere: learn it and ask again (the request was not processed).
        regionFixed = true;
        this.regions.set(req.bucket, hinted);
        region = hinted;
        attempt--;
        continue;
      }
      if (attempt + 1 < maxAttempts && isRetryable(err) && !signal?.aborted) {
        await sleep(backoffDelay(attempt, this.config.retry), signal);
        continue;
      }
      if (err instanceof S3Error && err.code === "NoSuchBucket" && req.bucket !== undefined) this.regions.delete(req.bucket);
      throw err;
    }
  }

  #refuseCustomerKeyOverHttp(req: HttpRequest): void {
    if (!this.config.endpoint.secure && carriesCustomerKey(req)) throw new InvalidArgumentError(SSEC_OVER_HTTP);
  }

  async #sendOnce(req: HttpRequest, region: string, signal?: AbortSignal): Promise<IncomingMessage> {
    const { endpoint } = this.config;
    const virtualHost = this.config.pathStyle === undefined ? endpoint.virtualHostDefault : !this.config.pathStyle;
    const addr = address(endpoint, region, virtualHost, req.bucket, req.key);
    const headers: Record<string, string> = { ...req.headers };
    const body = req.body;
    if (Buffer.isBuffer(body)) headers["content-length"] = String(body.length);
    const creds = this.config.credentials ? await usableCredentials(this.config.credentials) : undefined;
    if (creds) {
      const payloadHash = req.payloadHash ?? (Buffer.isBuffer(body) ? (endpoint.secure ? "UNSIGNED-PAYLOAD" : sha256Hex(body)) : body ? "UNSIGNED-PAYLOAD" : EMPTY_SHA256);
      headers["x-amz-content-sha256"] = payloadHash;
      const added = signRequest(
        { method: req.method, host: addr.host, path: addr.path, query: req.query, headers },
        creds,
        { region, service: "s3", date: new Date(), payloadHash, keyCache: this.#keys },
      );
      Object.assign(headers, added);
    }
    headers["host"] = addr.host;
    headers["user-agent"] = this.config.userAgent;
    const qs = req.query.length === 0 ? "" : `?${canonicalQueryString(req.query)}`;
    return this.config.transport.send({
      secure: endpoint.secure,
      host: addr.host,
      port: endpoint.port,
      method: req.method,
      path: addr.path + qs,
      headers,
      body,
      signal,
      ...(req.onBodyProgress ? { onBodyProgress: req.onBodyProgress } : {}),
    });
  }
}

function carriesCustomerKey(req: HttpRequest): boolean {
  return req.headers["x-amz-server-side-encryption-customer-key"] !== undefined
    || req.headers["x-amz-copy-source-server-side-encryption-customer-key"] !== undefined;
}

function headerOf(res: IncomingMessage, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
