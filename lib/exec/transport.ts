import http from "node:http";
import https from "node:https";
import type { IncomingMessage } from "node:http";
import { InvalidArgumentError, QuarryError } from "../errors.js";

/** Options for the keep-alive HTTP transport. */
export interface TransportOptions {
  /** Extra CA certificate(s), PEM, trusted for TLS endpoints. */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Verify the server certificate (default true). Turn off only for testing. */
  readonly rejectUnauthorized?: boolean;
  /** Sockets per host (default 64). */
  readonly maxSockets?: number;
  /** Idle timeout: a request fails if its socket is silent this long (default 120 000 ms). */
  readonly timeoutMs?: number;
  /** Connect timeout (default 10 000 ms). */
  readonly connectTimeoutMs?: number;
}

/** A request ready for the wire: addressed and signed. */
export interface WireRequest {
  readonly secure: boolean;
  /** Host header (may include a port). */
  readonly host: string;
  readonly port: number;
  readonly method: string;
  /** Path plus query string, encoded. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer | NodeJS.ReadableStream;
  readonly signal?: AbortSignal;
  /** Called with the body bytes of this attempt flushed to the socket so far (restarts at 0 on a retry). */
  readonly onBodyProgress?: (sent: number) => void;
}

/** A network-level failure (connection refused/reset, timeout); retryable for idempotent requests. */
export class NetworkError extends QuarryError {
  override name = "NetworkError";
  /** The system error code, e.g. ECONNRESET, or ETIMEDOUT for Quarry's own timeouts. */
  readonly code: string;
  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Keep-alive transport over node:http(s) agents. Chosen over undici/fetch because node:http
 * ships in every supported Node without a dependency, its agent reuses sockets across
 * requests, and its IncomingMessage streams straight into the sax parser with no web-stream
 * adaptation (see bench/ for the measurement).
 */
export class Transport {
  readonly #http: http.Agent;
  readonly #https: https.Agent;
  readonly #timeoutMs: number;
  readonly #connectTimeoutMs: number;

  constructor(options: TransportOptions = {}) {
    const maxSockets = options.maxSockets ?? 64;
    this.#timeoutMs = options.timeoutMs ?? 120_000;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    const common = { keepAlive: true, maxSockets, maxFreeSockets: Math.min(maxSockets, 32), scheduling: "lifo" as const, timeout: this.#timeoutMs };
    this.#http = new http.Agent(common);
    const ca = options.ca === undefined ? undefined : Array.isArray(options.ca) ? [...options.ca] : (options.ca as string | Buffer);
    this.#https = new https.Agent({ ...common, ca, rejectUnauthorized: options.rejectUnauthorized ?? true });
  }

  /** Sends a request and resolves with the response once its headers arrive. */
  send(req: WireRequest): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const { hostname } = splitHost(req.host, req.port);
      const mod = req.secure ? https : http;
      const r = mod.request({
        agent: req.secure ? this.#https : this.#http,
        host: hostname,
        servername: req.secure && !/^[\d.]+$|:/.test(hostname) ? hostname : undefined,
        port: req.port,
        method: req.method,
        path: req.path,
        headers: req.headers,
        timeout: this.#timeoutMs,
      } as https.RequestOptions);
      // Abort wiring of our own (not http.request's `signal`): the listener lives exactly as
      // long as this exchange, so aborting a signal shared by many requests never touches a
      // finished one (whose socket may already serve another request).
      const signal = req.signal;
      let response: IncomingMessage | undefined;
      // Abort wiring only for a request that has a signal (no closures per request otherwise).
      let detach: (() => void) | undefined;
      if (signal) {
        const onAbort = () => {
          const err = abortError(signal.reason);
          if (response && !response.complete) response.destroy(err);
          r.destroy(err);
        };
        detach = () => signal.removeEventListener("abort", onAbort);
        if (signal.aborted) {
          queueMicrotask(onAbort);
        } else {
          signal.addEventListener("abort", onAbort, { once: true });
        }
        r.once("close", detach);
      }
      let connectTimer: NodeJS.Timeout | undefined;
      r.on("socket", (socket) => {
        guardSocket(socket);
        if ((socket as { connecting?: boolean }).connecting) {
          connectTimer = setTimeout(() => {
            r.destroy(new NetworkError(`connect timeout after ${this.#connectTimeoutMs} ms to ${req.host}`, "ETIMEDOUT"));
          }, this.#connectTimeoutMs);
          socket.once("connect", () => clearTimeout(connectTimer));
        }
      });
      r.on("timeout", () => {
        const err = new NetworkError(`socket idle for ${this.#timeoutMs} ms (${req.method} ${req.host})`, "ETIMEDOUT");
        // A body that went silent fails with this timeout, not with Node's bare "aborted".
        if (response && !response.complete) response.destroy(err);
        r.destroy(err);
      });
      r.on("response", (res) => {
        clearTimeout(connectTimer);
        // A body nobody reads can still fail (abort, reset): that must never become an
        // uncaught exception. Readers (pipeline, for await) attach their own listeners.
        res.on("error", noop);
        if (detach) res.once("close", detach);
        response = res;
        resolve(res);
      });
      r.on("error", (err: Error & { code?: string }) => {
        clearTimeout(connectTimer);
        if (err instanceof NetworkError || err instanceof InvalidArgumentError || err.name === "AbortError") reject(err);
        else reject(new NetworkError(`${err.code ?? "network error"}: ${err.message} (${req.method} ${req.host})`, err.code ?? "EUNKNOWN", { cause: err }));
      });
      const body = req.body;
      if (body === undefined) r.end();
      else if (Buffer.isBuffer(body)) {
        if (req.onBodyProgress) sendBuffer(r, body, req.onBodyProgress);
        else r.end(body);
      } else sendStream(r, body, Number(req.headers["content-length"]), req.onBodyProgress);
    });
  }

  /** Closes idle sockets; requests in flight finish. */
  close(): void {
    this.#http.destroy();
    this.#https.destroy();
  }
}

function noop(): void {}

const guarded = new WeakSet<object>();

/**
 * Node detaches its own error listener from a keep-alive socket as soon as a response
 * completes; a destroy racing with that (abort, timeout) would then surface as an uncaught
 * exception. A permanent no-op listener per socket closes that gap; request-level errors
 * still reach the request through Node's listeners.
 */
function guardSocket(socket: NodeJS.EventEmitter): void {
  if (guarded.has(socket)) return;
  guarded.add(socket);
  socket.on("error", noop);
}

function abortError(reason: unknown): Error {
  return new DOMException("This operation was aborted", { name: "AbortError", cause: reason } as unknown as string);
}

/**
 * Streams a body of declared length, with backpressure. A stream that ends short of, or
 * runs past, its declared length fails the request at once (InvalidArgumentError) instead
 * of leaving the server waiting for bytes that never come.
 */
function sendStream(r: http.ClientRequest, body: NodeJS.ReadableStream, declared: number, onProgress?: (sent: number) => void): void {
  let sent = 0;
  let flushed = 0;
  const fail = (err: Error) => {
    body.removeListener("data", onData);
    r.destroy(err);
  };
  const onData = (chunk: Buffer | string) => {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    sent += buf.length;
    if (sent > declared) return fail(new InvalidArgumentError(`the body is longer than its declared size of ${declared} bytes`));
    const n = buf.length;
    const ok = onProgress ? r.write(buf, (err) => { if (!err) onProgress((flushed += n)); }) : r.write(buf);
    if (!ok) body.pause();
  };
  r.on("drain", () => body.resume());
  body.on("data", onData);
  body.on("error", (e: Error) => fail(e));
  body.on("end", () => {
    if (sent !== declared) fail(new InvalidArgumentError(`the body ended after ${sent} bytes; ${declared} were declared`));
    else r.end();
  });
}

/** Slice size of a Buffer body written with progress: large writes, a report per slice flushed. */
const PROGRESS_SLICE = 1024 * 1024;

/**
 * Writes a Buffer body in 1 MiB slices (views, no copies), reporting the bytes flushed to the
 * socket after each, with backpressure.
 */
function sendBuffer(r: http.ClientRequest, body: Buffer, onProgress: (sent: number) => void): void {
  let offset = 0;
  let flushed = 0;
  const pump = (): void => {
    while (offset < body.length) {
      const end = Math.min(offset + PROGRESS_SLICE, body.length);
      const n = end - offset;
      const ok = r.write(body.subarray(offset, end), (err) => { if (!err) onProgress((flushed += n)); });
      offset = end;
      if (!ok) {
        r.once("drain", pump);
        return;
      }
    }
    r.end();
  };
  pump();
}

function splitHost(host: string, port: number): { hostname: string } {
  if (host.startsWith("[")) return { hostname: host.slice(1, host.indexOf("]")) };
  const suffix = `:${port}`;
  return { hostname: host.endsWith(suffix) ? host.slice(0, -suffix.length) : host };
}
