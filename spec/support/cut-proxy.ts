import net from "node:net";

/**
 * A TCP proxy in front of a real server that resets (RST) each of its first `cuts`
 * connections once `afterBytes` bytes of response have gone back to the client — a server
 * dying mid-body. Later connections are piped through untouched, with backpressure (the server
 * is read only as fast as the client's socket accepts), and `delivered` counts the response
 * bytes handed to clients — with `cuts: 0`, how far ahead of its consumer a client reads.
 */
export async function startCutProxy(target: { host: string; port: number }, options: { cuts: number; afterBytes: number }) {
  let cutsLeft = options.cuts;
  let cutCount = 0;
  let delivered = 0;
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => undefined);
  };
  const server = net.createServer((client) => {
    track(client);
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    const cut = cutsLeft > 0;
    if (cut) cutsLeft--;
    let sent = 0;
    client.pipe(upstream);
    upstream.on("close", () => client.destroy());
    client.on("close", () => upstream.destroy());
    if (!cut) client.on("drain", () => upstream.resume());
    upstream.on("data", (chunk: Buffer) => {
      if (!cut) {
        delivered += chunk.length;
        if (!client.write(chunk)) upstream.pause();
        return;
      }
      if (sent + chunk.length < options.afterBytes) {
        sent += chunk.length;
        return void client.write(chunk);
      }
      client.write(chunk.subarray(0, options.afterBytes - sent), () => {
        cutCount++;
        client.resetAndDestroy();
        upstream.destroy();
      });
      sent = options.afterBytes;
      upstream.pause();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** Response bytes handed to uncut connections so far. */
    get delivered() {
      return delivered;
    },
    /** Connections cut so far. */
    get cut() {
      return cutCount;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
