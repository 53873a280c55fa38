import net from "node:net";

/** What the proxy does with the next request. */
export type Fault = "pass" | "reset" | "stall" | "slowdown";

const SLOWDOWN_BODY = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>';
const SLOWDOWN = Buffer.from(
  `HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/xml\r\nContent-Length: ${Buffer.byteLength(SLOWDOWN_BODY)}\r\n\r\n${SLOWDOWN_BODY}`,
);
const HEAD_END = Buffer.from("\r\n\r\n");

/** The Content-Length of a request head (0 when absent). */
function contentLength(head: Buffer): number {
  const m = /\r\ncontent-length:\s*(\d+)/i.exec(head.toString("latin1"));
  return m ? Number(m[1]) : 0;
}

/**
 * A TCP proxy in front of a real server that injects faults per request, in the order of
 * `script` across all connections: "reset" kills the connection with RST, "stall" never
 * answers, "slowdown" answers 503 SlowDown (keeping the connection, dropping the request's
 * body), "pass" forwards the request (and its body) to the server. Requests are delimited
 * by their header end and Content-Length (chunked bodies are not supported). Once the
 * script is used up, connections are piped through untouched.
 */
export async function startFaultProxy(target: { host: string; port: number }, script: Fault[]) {
  const faults = [...script];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  let requests = 0;
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => undefined);
  };
  const server = net.createServer((client) => {
    connections++;
    track(client);
    let upstream: net.Socket | undefined;
    const up = () => {
      if (!upstream) {
        upstream = net.connect(target.port, target.host);
        track(upstream);
        upstream.on("close", () => client.destroy());
        upstream.pipe(client);
      }
      return upstream;
    };
    let pending = Buffer.alloc(0);
    let raw = false;
    // Body bytes of the current request still to forward (a passed request) or drop (a faulted one).
    let bodyLeft = 0;
    let dropBody = false;
    client.on("data", (chunk: Buffer) => {
      if (raw) return void up().write(chunk);
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        if (bodyLeft > 0) {
          const n = Math.min(bodyLeft, pending.length);
          if (!dropBody) up().write(pending.subarray(0, n));
          pending = pending.subarray(n);
          bodyLeft -= n;
          if (bodyLeft > 0) break;
        }
        if (faults.length === 0) break;
        const end = pending.indexOf(HEAD_END);
        if (end < 0) break;
        const head = pending.subarray(0, end + 4);
        pending = pending.subarray(end + 4);
        requests++;
        const fault = faults.shift()!;
        if (fault === "reset") return void (client.resetAndDestroy(), upstream?.destroy());
        if (fault === "stall") return void (pending = Buffer.alloc(0), client.pause());
        bodyLeft = contentLength(head);
        dropBody = fault === "slowdown";
        if (fault === "slowdown") client.write(SLOWDOWN);
        else up().write(head);
      }
      if (faults.length === 0 && bodyLeft === 0) {
        raw = true;
        if (pending.length > 0) {
          requests++;
          up().write(pending);
        }
        pending = Buffer.alloc(0);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** Connections accepted so far. */
    get connections() {
      return connections;
    },
    /** Requests seen while the script ran (and the first one after it). */
    get requests() {
      return requests;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
