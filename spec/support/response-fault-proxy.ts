import net from "node:net";

/**
 * What happens to one response once `afterBytes` of it went back to the client: "reset" kills
 * the connection with RST (a server dying mid-body), "stall" stops forwarding and keeps the
 * connection open (a hung server), "corrupt" replaces that byte with `<` (`&` if it was `<`)
 * and goes on: a body garbled in transit, same length, no longer well-formed.
 */
export interface ResponseFault {
  readonly kind: "reset" | "stall" | "corrupt";
  readonly afterBytes: number;
}

/**
 * A TCP proxy in front of a real server that faults RESPONSES, on keep-alive connections too:
 * `plan(i)` decides for the i-th request seen (0-based, across all connections) whether its
 * response is faulted. A response ends where the next request on its connection begins (Node's
 * client does not pipeline), so bytes are counted per response. Requests must be bodiless.
 */
export async function startResponseFaultProxy(target: { host: string; port: number }, plan: (request: number) => ResponseFault | undefined) {
  const sockets = new Set<net.Socket>();
  const stats = { connections: 0, requests: 0, faulted: 0, faultedConnections: 0 };
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => undefined);
  };
  const server = net.createServer((client) => {
    stats.connections++;
    track(client);
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    upstream.on("close", () => client.destroy());
    client.on("close", () => upstream.destroy());
    let fault: ResponseFault | undefined;
    let sent = 0; // bytes of the current response forwarded
    let stalled = false;
    let faultedHere = false;
    client.on("data", (chunk: Buffer) => {
      // A new request (Node sends bodiless GETs as one head): its response starts afresh.
      fault = plan(stats.requests++);
      sent = 0;
      if (fault !== undefined) {
        stats.faulted++;
        if (!faultedHere) stats.faultedConnections++;
        faultedHere = true;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (stalled) return;
      const at = fault?.afterBytes ?? Infinity;
      if (fault === undefined || sent + chunk.length <= at) {
        sent += chunk.length;
        return void client.write(chunk);
      }
      const head = chunk.subarray(0, at - sent);
      if (fault.kind === "corrupt") {
        const copy = Buffer.from(chunk);
        copy[at - sent] = copy[at - sent] === 0x3c ? 0x26 : 0x3c;
        sent += chunk.length;
        fault = undefined;
        return void client.write(copy);
      }
      sent = at;
      if (fault.kind === "stall") {
        stalled = true;
        return void client.write(head);
      }
      upstream.pause();
      client.write(head, () => {
        client.resetAndDestroy();
        upstream.destroy();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** Connections, requests, faulted responses and connections with a faulted response, so far. */
    stats: stats as Readonly<typeof stats>,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
