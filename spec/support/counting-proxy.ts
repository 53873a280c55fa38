import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";

/** One request that passed the proxy. */
export interface ProxiedRequest {
  readonly method: string;
  /** Path and query as sent (`/bucket?list-type=2&prefix=…`). */
  readonly url: string;
  /** Status the server answered (0 when the exchange failed). */
  status: number;
  /** `<Key>` elements in the response body (decompressed): the keys a listing page carried. */
  keys: number;
  /** Response body bytes as sent (compressed when the server compressed them). */
  bytes: number;
}

/** An HTTP proxy that forwards every request to a server unchanged and logs it. */
export interface CountingProxy {
  /** `http://127.0.0.1:PORT`: point a client (or an `mc` alias) here. */
  readonly endpoint: string;
  /** Every request so far, in the order they arrived (entries fill in as responses end). */
  readonly log: readonly ProxiedRequest[];
  /** The ListObjects / ListObjectVersions requests of the log for `bucket`. */
  listRequests(bucket: string): ProxiedRequest[];
  /** Forgets the log. */
  reset(): void;
  close(): Promise<void>;
}

const KEY_TAG = "<Key>";
/** Sub-resources of a bucket GET that are not listings. */
const NOT_LISTING = /(^|&)(location|policy|versioning|lifecycle|tagging|notification|encryption|object-lock|replication|cors|acl|uploads|website|logging|accelerate|requestPayment|metadata-search)(=|&|$)/;

/** Whether a request is a listing of `bucket` (V1, V2 or versions; path-style addressing). */
export function isListRequest(r: Pick<ProxiedRequest, "method" | "url">, bucket: string): boolean {
  if (r.method !== "GET") return false;
  const q = r.url.indexOf("?");
  const path = q < 0 ? r.url : r.url.slice(0, q);
  if (path.replace(/\/$/, "") !== `/${bucket}`) return false;
  return !NOT_LISTING.test(q < 0 ? "" : r.url.slice(q + 1));
}

/** Counts `<Key>` in a byte stream fed in chunks (a tag may straddle two chunks). */
function keyCounter(add: (n: number) => void): (chunk: Buffer) => void {
  let tail = "";
  return (chunk) => {
    const text = tail + chunk.toString("latin1");
    let n = 0;
    for (let at = text.indexOf(KEY_TAG); at >= 0; at = text.indexOf(KEY_TAG, at + KEY_TAG.length)) n++;
    tail = text.slice(-(KEY_TAG.length - 1));
    add(n);
  };
}

/** A decompressor for a response's Content-Encoding (Go clients such as mc ask for gzip), or none. */
function decoder(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  if (encoding === "gzip") return zlib.createGunzip();
  if (encoding === "deflate") return zlib.createInflate();
  if (encoding === "br") return zlib.createBrotliDecompress();
  return undefined;
}

/**
 * Starts an HTTP proxy on loopback in front of `target` (`http://host:port`). Requests are
 * forwarded with their headers untouched (the Host header stays the proxy's, which is what
 * the client signed), responses streamed back; the proxy counts each response's `<Key>`
 * elements as they pass (decompressing a copy when the server compressed the body), so a
 * listing's keys can be counted without parsing it.
 */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let log: ProxiedRequest[] = [];
  const server = http.createServer((req, res) => {
    const entry: ProxiedRequest = { method: req.method ?? "GET", url: req.url ?? "/", status: 0, keys: 0, bytes: 0 };
    log.push(entry);
    const out = http.request({
      host: upstream.hostname, port: Number(upstream.port || 80), method: entry.method, path: entry.url, headers: req.headers, agent,
    }, (answer) => {
      entry.status = answer.statusCode ?? 0;
      res.writeHead(entry.status, answer.headers);
      const counter = keyCounter((n) => {
        entry.keys += n;
      });
      const decoded = decoder(answer.headers["content-encoding"]);
      // The response ends once its keys are counted, so a client that saw the end sees the count.
      decoded?.on("data", counter).on("end", () => res.end()).on("error", () => res.end());
      answer.on("data", (chunk: Buffer) => {
        entry.bytes += chunk.length;
        if (decoded) decoded.write(chunk);
        else counter(chunk);
        res.write(chunk);
      });
      answer.on("end", () => (decoded ? decoded.end() : res.end()));
      answer.on("error", () => res.destroy());
    });
    out.on("error", () => res.destroy());
    req.pipe(out);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get log() {
      return log;
    },
    listRequests: (bucket) => log.filter((r) => isListRequest(r, bucket)),
    reset: () => {
      log = [];
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
