/** Socket helpers for specs about what a request does with its connection. */
import diagnostics from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import type { Socket } from "node:net";

/** Resolves on 'close' (errors on the way are expected: they are the point). */
export function closed(emitter: { destroyed: boolean; once(event: "close", fn: () => void): unknown }): Promise<void> {
  return emitter.destroyed ? Promise.resolve() : new Promise((resolve) => void emitter.once("close", resolve));
}

/** Runs `start` and resolves with the socket of the first HTTP request it sends. */
export async function socketOf<T>(start: () => Promise<T>): Promise<{ value: T; socket: Socket }> {
  let socket: Promise<Socket> | undefined;
  const onStart = (m: unknown) => {
    const req = (m as { request: ClientRequest }).request;
    socket ??= new Promise((resolve) => (req.socket ? resolve(req.socket) : req.once("socket", resolve)));
  };
  diagnostics.subscribe("http.client.request.start", onStart);
  try {
    const value = await start();
    return { value, socket: await socket! };
  } finally {
    diagnostics.unsubscribe("http.client.request.start", onStart);
  }
}
