import net from "node:net";

/**
 * A TCP proxy in front of a real server that resets (RST) each of its first `cuts`
 * connections once `afterBytes` bytes of response have gone back to the client — a server
 * dying mid-body. Later connections are piped through untouched.
 */
export async function startCutProxy(target: { host: string; port: number }, options: { cuts: number; afterBytes: number }) {
  let cutsLeft = options.cuts;
  let cutCount = 0;
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
    upstream.on("data", (chunk: Buffer) => {
      if (!cut) return void client.write(chunk);
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
