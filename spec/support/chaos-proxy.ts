import net from "node:net";

/** Settings of {@link startChaosProxy}. */
export interface ChaosOptions {
  /** Share of connections that get reset, 0..1. */
  readonly fraction: number;
  /** Seed of the fault draws (same seed, same sequence of per-connection decisions). */
  readonly seed: number;
  /** Fewest bytes a faulted connection carries before its reset (default 16 KiB). */
  readonly minBytes?: number;
  /** Most bytes a faulted connection carries before its reset (default 4 MiB). */
  readonly maxBytes?: number;
  /** Which direction's bytes are counted: both (a coin per connection, default), request or response. */
  readonly direction?: "both" | "request" | "response";
  /**
   * Only count bytes from the first request whose head matches (e.g. /^POST \S*\?uploads/m): the
   * reset then lands in that request or its response. Default: from the connection's start.
   */
  readonly match?: RegExp;
  /** Stop injecting after this many faults (default: no limit). */
  readonly maxFaults?: number;
  /** "reset" (default) sends RST at the threshold; "stall" stops forwarding and keeps the connection open (a silent server). */
  readonly fault?: "reset" | "stall";
}

/** A small seeded PRNG (mulberry32): reproducible fault draws without a dependency. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A TCP proxy in front of a real server that resets (RST) a seeded share of its connections
 * after a random 16 KiB – 4 MiB of the request or of the response stream — a client or server
 * connection dying in the middle of a body. Decisions are drawn per connection in accept
 * order; a fault counts once the reset was actually sent.
 */
export async function startChaosProxy(target: { host: string; port: number }, options: ChaosOptions) {
  const random = seededRandom(options.seed);
  const min = options.minBytes ?? 16 * 1024;
  const max = options.maxBytes ?? 4 * 1024 * 1024;
  const sockets = new Set<net.Socket>();
  const stats = { connections: 0, faulted: 0, faults: 0, requestFaults: 0, responseFaults: 0 };
  let cutsStarted = 0;
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
    const faulted = random() < options.fraction;
    const side = options.direction === "request" || options.direction === "response" ? options.direction : random() < 0.5 ? "request" : "response";
    const threshold = min + Math.floor(random() * (max - min));
    if (!faulted) {
      client.pipe(upstream);
      upstream.pipe(client);
      return;
    }
    stats.faulted++;
    let armed = options.match === undefined;
    if (!armed) client.on("data", (chunk: Buffer) => void (armed ||= options.match!.test(chunk.toString("latin1"))));
    const [from, to] = side === "request" ? [client, upstream] : [upstream, client];
    // The other direction flows untouched; this one is counted and cut.
    if (side === "request") upstream.pipe(client);
    else client.pipe(upstream);
    let passed = 0;
    let cut = false;
    from.on("data", (chunk: Buffer) => {
      if (cut) return;
      if (!armed) return void to.write(chunk);
      if (passed + chunk.length < threshold) {
        passed += chunk.length;
        if (!to.write(chunk)) {
          from.pause();
          to.once("drain", () => from.resume());
        }
        return;
      }
      if (cutsStarted >= (options.maxFaults ?? Infinity)) return void to.write(chunk); // budget used: pass
      cutsStarted++;
      cut = true;
      from.pause();
      to.write(chunk.subarray(0, threshold - passed), () => {
        stats.faults++;
        if (side === "request") stats.requestFaults++;
        else stats.responseFaults++;
        if (options.fault === "stall") return;
        client.resetAndDestroy();
        upstream.destroy();
      });
      passed = threshold;
    });
    from.on("end", () => to.end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** Connections accepted, connections drawn for a fault, resets sent (by direction). */
    get stats(): Readonly<typeof stats> {
      return { ...stats };
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
