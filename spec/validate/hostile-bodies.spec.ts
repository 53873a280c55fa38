/**
 * Hostile responses stay bounded: an error response whose body never ends is read up to the
 * error-body limit, then the connection is dropped and the call fails with a typed error —
 * never a hang or unbounded memory. The responder is a raw loopback TCP server playing a
 * broken server (as spec/support/fault-proxy.ts does), since a real MinIO never sends this.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidResponseError, S3, ServerError } from "../../lib/index.js";
import { ERROR_BODY_LIMIT } from "../../lib/exec/read-body.js";

let server: net.Server;
let port: number;
let status = 403;
const sentPerConnection: number[] = [];
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  server = net.createServer((socket) => {
    socket.on("error", () => undefined);
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.once("data", () => {
      socket.write(`HTTP/1.1 ${status} Nope\r\nContent-Type: application/xml\r\nTransfer-Encoding: chunked\r\n\r\n`);
      const chunk = Buffer.alloc(64 * 1024, "A");
      const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
      let sent = 0;
      const index = sentPerConnection.push(0) - 1;
      const pump = () => {
        // An endless body: stop only when the client goes away.
        while (!socket.destroyed && sent < 1024 * 1024 * 1024) {
          sent += chunk.length;
          sentPerConnection[index] = sent;
          if (!socket.write(frame)) return void socket.once("drain", pump);
        }
      };
      pump();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function client(): S3 {
  return new S3({ endpoint: `http://127.0.0.1:${port}`, accessKey: "a", secretKey: "b", region: "us-east-1", retry: { maxAttempts: 1 } });
}

describe("an endless error body", () => {
  it("4xx: InvalidResponseError after at most the limit (plus socket buffers), connection dropped", async () => {
    status = 403;
    const started = Date.now();
    const err = await client().bucket("abc").object("k").get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect((err as InvalidResponseError).status).toBe(403);
    expect((err as Error).message).toMatch(`larger than ${ERROR_BODY_LIMIT} bytes`);
    expect(Date.now() - started).toBeLessThan(5_000);
    await new Promise((r) => setTimeout(r, 50));
    // The server could push only what the limit plus kernel/socket buffers absorbed.
    expect(sentPerConnection.at(-1)!).toBeLessThan(32 * 1024 * 1024);
  });

  it("5xx: ServerError (retryable class), same bound", async () => {
    status = 500;
    const err = await client().bucket("abc").object("k").get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).status).toBe(500);
    expect(sentPerConnection.at(-1)!).toBeLessThan(32 * 1024 * 1024);
  });
});
