import net from "node:net";

/**
 * A TCP proxy in front of a real server that a spec drives by hand: it counts the client
 * connections it has accepted and those still open, and on demand cuts every live
 * connection (RST) or freezes them (stops forwarding the server's bytes while keeping the
 * sockets open — a dead peer that never says so).
 */
export async function startControlProxy(target: { host: string; port: number }) {
  const live = new Set<{ client: net.Socket; upstream: net.Socket; frozen: boolean }>();
  let connections = 0;
  const server = net.createServer((client) => {
    connections++;
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream, frozen: false };
    live.add(pair);
    for (const s of [client, upstream]) s.on("error", () => undefined);
    client.on("close", () => {
      live.delete(pair);
      upstream.destroy();
    });
    upstream.on("close", () => client.destroy());
    client.on("data", (chunk: Buffer) => void upstream.write(chunk));
    upstream.on("data", (chunk: Buffer) => {
      if (!pair.frozen) client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** Client connections accepted so far. */
    get connections() {
      return connections;
    },
    /** Client connections still open. */
    get open() {
      return live.size;
    },
    /** Resets (RST) every live connection; returns how many were cut. */
    cutAll(): number {
      const n = live.size;
      for (const { client, upstream } of live) {
        client.resetAndDestroy();
        upstream.destroy();
      }
      return n;
    },
    /** Stops forwarding the server's bytes on every live connection (the sockets stay open). */
    freezeAll(): number {
      for (const pair of live) pair.frozen = true;
      return live.size;
    },
    async close() {
      for (const { client, upstream } of live) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
