/**
 * One small HTTP exchange for credential endpoints (STS, instance metadata): no keep-alive,
 * a whole-exchange deadline (a server that never answers, or trickles, fails in time instead
 * of hanging), a bounded body, TLS verification on. Failures are CredentialsErrors naming the
 * provider; messages carry the method and the URL without its query (where tokens could be).
 */
import http from "node:http";
import https from "node:https";
import { CredentialsError } from "../errors.js";

/** Default deadline of one credentials exchange. */
export const DEFAULT_CREDENTIALS_TIMEOUT_MS = 10_000;

/** Largest answer read from a credentials endpoint. */
const MAX_BODY_BYTES = 1024 * 1024;

/** TLS settings of a credentials exchange. */
export interface CredentialsTls {
  /** Extra CA certificate(s), PEM, trusted for the endpoint. */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Client certificate, PEM (AssumeRoleWithCertificate). */
  readonly cert?: string | Buffer;
  /** Client private key, PEM. */
  readonly key?: string | Buffer;
  /** Passphrase of the client key. */
  readonly passphrase?: string;
}

/** One request to a credentials endpoint. */
export interface HttpCall {
  /** Name of the provider, for errors. */
  readonly provider: string;
  readonly method: "GET" | "PUT" | "POST";
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Deadline of the whole exchange, connect to last byte (default 10 s). */
  readonly timeoutMs?: number;
  readonly tls?: CredentialsTls;
}

/** The answer: status, headers and the whole body as text. */
export interface HttpReply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** Where a call goes, for messages: origin and path, never the query or user info. */
export function describeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** Sends one request and reads the whole answer, within the deadline. */
export function httpCall(call: HttpCall): Promise<HttpReply> {
  const timeoutMs = call.timeoutMs ?? DEFAULT_CREDENTIALS_TIMEOUT_MS;
  const where = `${call.method} ${describeUrl(call.url)}`;
  const fail = (message: string, code: string, cause?: unknown) =>
    new CredentialsError(call.provider, `${where}: ${message}`, { code, cause });
  return new Promise((resolve, reject) => {
    const secure = call.url.protocol === "https:";
    const headers: Record<string, string> = { ...call.headers };
    if (call.body !== undefined) headers["content-length"] = String(Buffer.byteLength(call.body));
    const options: https.RequestOptions = {
      method: call.method,
      host: call.url.hostname.replace(/^\[|\]$/g, ""),
      port: call.url.port || (secure ? 443 : 80),
      path: `${call.url.pathname}${call.url.search}`,
      headers,
      agent: false,
      ...(secure ? { ...tlsOptions(call.tls), rejectUnauthorized: true } : {}),
    };
    let settled = false;
    const finish = (err: CredentialsError | undefined, reply?: HttpReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(reply!);
    };
    const req = (secure ? https : http).request(options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) finish(fail(`answer larger than ${MAX_BODY_BYTES} bytes`, "ResponseTooLarge"));
        else chunks.push(c);
      });
      res.on("end", () => finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", (e: Error & { code?: string }) => finish(fail(`connection failed while reading (${e.code ?? e.name})`, e.code ?? "NetworkError", e)));
    });
    const timer = setTimeout(() => finish(fail(`no complete answer within ${timeoutMs} ms`, "Timeout")), timeoutMs);
    req.on("error", (e: Error & { code?: string }) => finish(fail(`request failed: ${e.message}`, e.code ?? "NetworkError", e)));
    req.end(call.body);
  });
}

function tlsOptions(tls: CredentialsTls | undefined): https.RequestOptions {
  if (!tls) return {};
  const ca = tls.ca === undefined ? undefined : Array.isArray(tls.ca) ? [...tls.ca] : (tls.ca as string | Buffer);
  return {
    ...(ca !== undefined ? { ca } : {}),
    ...(tls.cert !== undefined ? { cert: tls.cert } : {}),
    ...(tls.key !== undefined ? { key: tls.key } : {}),
    ...(tls.passphrase !== undefined ? { passphrase: tls.passphrase } : {}),
  };
}
