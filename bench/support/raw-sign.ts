/**
 * Minimal signed S3 requests over node:http with a keep-alive agent, for the raw
 * baselines and for populating buckets. Signs with Quarry's own SigV4 signer, so the
 * baseline pays the same signing cost as Quarry and nothing else: no XML parsing, no
 * retries, no region discovery.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import { signRequest } from "../../lib/sign/sigv4.js";
import { canonicalQueryString, uriEncode } from "../../lib/sign/uri-encode.js";
import { endpointParts, type EndpointParts } from "./server.js";

/** sha256 of the empty string. */
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** Where and as whom raw requests go. */
export interface RawTarget extends EndpointParts {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly region: string;
}

export function rawTarget(server: { endpoint: string; accessKey: string; secretKey: string; region: string }): RawTarget {
  const parts = endpointParts(server.endpoint);
  if (parts.secure) throw new Error("raw requests support http:// endpoints only");
  return { ...parts, accessKey: server.accessKey, secretKey: server.secretKey, region: server.region };
}

/** A keep-alive agent like Quarry's transport uses. */
export function keepAliveAgent(maxSockets = 64): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: Math.min(maxSockets, 32), scheduling: "lifo" });
}

export function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Path-style wire path of a bucket or an object, encoded the way the signer expects. */
export function objectPath(bucket: string, key?: string): string {
  return key === undefined ? `/${bucket}` : `/${bucket}/${uriEncode(key, false)}`;
}

/** A raw request description. */
export interface RawRequest {
  readonly method: string;
  /** Encoded path (see {@link objectPath}). */
  readonly path: string;
  /** Unencoded query parameters. */
  readonly query?: ReadonlyArray<readonly [string, string]>;
  /** Extra headers to sign (lower-case names). */
  readonly headers?: Record<string, string>;
  readonly body?: Buffer;
  /** Hex sha256 of the body; computed when omitted. */
  readonly payloadHash?: string;
}

/** A fully read response. */
export interface RawResponse {
  readonly status: number;
  readonly body: Buffer;
}

/** Signs `req` and returns the headers to send (host is set by node:http from the options). */
export function signedHeaders(target: RawTarget, req: RawRequest): Record<string, string> {
  const payloadHash = req.payloadHash ?? (req.body && req.body.length > 0 ? sha256Hex(req.body) : EMPTY_SHA256);
  const headers: Record<string, string> = { ...req.headers, "x-amz-content-sha256": payloadHash };
  const added = signRequest(
    { method: req.method, host: target.host, path: req.path, query: [...(req.query ?? [])] as [string, string][], headers },
    { accessKey: target.accessKey, secretKey: target.secretKey },
    { region: target.region, service: "s3", date: new Date(), payloadHash },
  );
  return { ...headers, ...added, host: target.host };
}

/** Sends one signed request and reads the whole body (chunks kept as Buffers, concatenated once). */
export function rawRequest(agent: http.Agent, target: RawTarget, req: RawRequest): Promise<RawResponse> {
  const headers = signedHeaders(target, req);
  if (req.body) headers["content-length"] = String(req.body.length);
  const query = req.query && req.query.length > 0 ? `?${canonicalQueryString(req.query as [string, string][])}` : "";
  return new Promise((resolve, reject) => {
    const r = http.request(
      { agent, host: target.hostname, port: target.port, method: req.method, path: req.path + query, headers },
      (res) => {
        const chunks: Buffer[] = [];
        let length = 0;
        res.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          length += chunk.length;
        });
        res.once("end", () => resolve({ status: res.statusCode ?? 0, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length) }));
        res.once("error", reject);
      },
    );
    r.once("error", reject);
    r.end(req.body);
  });
}

/** Throws a short error (S3 code + message, no headers) unless the status is expected. */
export function expectStatus(res: RawResponse, what: string, ...ok: number[]): void {
  if (ok.includes(res.status)) return;
  const text = res.body.toString("utf8");
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? "";
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? text.slice(0, 200);
  throw new Error(`${what}: HTTP ${res.status} ${code} ${message}`.trim());
}
