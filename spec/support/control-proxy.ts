import net from "node:net";

/**
 * Follows the framing of one HTTP/1.1 chunked response as its bytes pass, to tell where a
 * chunk ends: after the head, then `<hex size>\r\n<data>\r\n` chunks (a zero-size chunk ends
 * the response; the next bytes are the head of the next response on the connection).
 */
class ChunkedTracker {
  #state: "head" | "size" | "data" | "crlf" = "head";
  #line = "";
  #left = 0;

  /** Offsets within `bytes` just after which a chunk (or the head) ends. */
  boundaries(bytes: Buffer): number[] {
    const out: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i]!;
      if (this.#state === "head") {
        this.#line += String.fromCharCode(c);
        if (this.#line.endsWith("\r\n\r\n")) {
          this.#state = "size";
          this.#line = "";
          out.push(i + 1);
        }
      } else if (this.#state === "size") {
        this.#line += String.fromCharCode(c);
        if (this.#line.endsWith("\r\n")) {
          this.#left = parseInt(this.#line, 16);
          this.#state = this.#left === 0 ? "head" : "data";
          this.#line = "";
        }
      } else if (this.#state === "data") {
        if (--this.#left === 0) this.#state = "crlf";
      } else {
        this.#line += String.fromCharCode(c);
        if (this.#line === "\r\n") {
          this.#state = "size";
          this.#line = "";
          out.push(i + 1);
        }
      }
    }
    return out;
  }
}

/**
 * A TCP proxy in front of a real server that a spec drives by hand: it counts the client
 * connections it has accepted and those still open, and on demand cuts every live
 * connection (RST), freezes them (stops forwarding the server's bytes while keeping the
 * sockets open — a dead peer that never says so), finishes them (ends the chunked response
 * cleanly at the next chunk boundary, then closes: a server ending its stream), or resets
 * every new connection at once (a server that is down).
 */
export async function startControlProxy(target: { host: string; port: number }) {
  const live = new Set<{ client: net.Socket; upstream: net.Socket; frozen: boolean; finishing: boolean }>();
  let connections = 0;
  let refusing = false;
  const server = net.createServer((client) => {
    connections++;
    client.on("error", () => undefined);
    if (refusing) return void client.resetAndDestroy();
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream, frozen: false, finishing: false };
    live.add(pair);
    upstream.on("error", () => undefined);
    client.on("close", () => {
      live.delete(pair);
      upstream.destroy();
    });
    upstream.on("close", () => client.destroy());
    client.on("data", (chunk: Buffer) => void upstream.write(chunk));
    const framing = new ChunkedTracker();
    upstream.on("data", (chunk: Buffer) => {
      const ends = framing.boundaries(chunk);
      if (pair.frozen) return;
      if (!pair.finishing || ends.length === 0) return void client.write(chunk);
      // Forward up to the first chunk boundary, then end the response and the connection.
      pair.frozen = true;
      client.end(Buffer.concat([chunk.subarray(0, ends[0]), Buffer.from("0\r\n\r\n")]));
      upstream.destroy();
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
    /**
     * Ends every live (chunked, streaming) response cleanly at its next chunk boundary —
     * MinIO's keep-alive comes every 500 ms — and closes the connection.
     */
    finishAll(): number {
      for (const pair of live) pair.finishing = true;
      return live.size;
    },
    /** While on, every new connection is reset as soon as it is accepted. */
    set refusing(on: boolean) {
      refusing = on;
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
