import diagnostics from "node:diagnostics_channel";
import net from "node:net";

/**
 * A TCP listener on loopback that counts connections and drops each at once, plus a count of
 * every node:http(s) request started in this process (diagnostics_channel
 * "http.client.request.start"). Point a client at `endpoint`: if validation let a request
 * through, one of the counts moves.
 */
export interface CountingListener {
  readonly endpoint: string;
  readonly port: number;
  /** Connections accepted so far. */
  connections(): number;
  /** HTTP client requests started in this process so far (any host). */
  requests(): number;
  close(): Promise<void>;
}

/** Starts a {@link CountingListener}. */
export async function countingListener(): Promise<CountingListener> {
  let connections = 0;
  let requests = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  const onRequest = () => {
    requests++;
  };
  diagnostics.subscribe("http.client.request.start", onRequest);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    connections: () => connections,
    requests: () => requests,
    close: async () => {
      diagnostics.unsubscribe("http.client.request.start", onRequest);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
