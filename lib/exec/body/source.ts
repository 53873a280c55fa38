/**
 * Normalises every body kind to an async source of Buffers. Buffers and Uint8Arrays are
 * viewed, never copied; chunks of streams are viewed as Buffers over their own memory.
 */
import type { BodyInput } from "../../plan/runner.js";

/** A Uint8Array as a Buffer over the same memory. */
export function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

/** Whether the body is in memory already (string, Buffer, Uint8Array). */
export function isInMemory(body: BodyInput): body is string | Uint8Array {
  return typeof body === "string" || body instanceof Uint8Array;
}

/** An in-memory body as one Buffer (a string is encoded as UTF-8). */
export function memoryBuffer(body: string | Uint8Array): Buffer {
  return typeof body === "string" ? Buffer.from(body, "utf8") : asBuffer(body);
}

/**
 * The body as an async iterable of Buffers. Breaking out of the iteration releases the
 * source (a Node stream is destroyed, a web stream's reader cancelled).
 */
export async function* bufferSource(body: BodyInput): AsyncGenerator<Buffer, void, undefined> {
  if (isInMemory(body)) {
    yield memoryBuffer(body);
    return;
  }
  const iterable: AsyncIterable<unknown> = typeof Blob !== "undefined" && body instanceof Blob
    ? (body.stream() as unknown as AsyncIterable<Uint8Array>)
    : (body as AsyncIterable<unknown>);
  if (typeof (iterable as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== "function") {
    yield* readerSource(body as ReadableStream<Uint8Array>);
    return;
  }
  for await (const chunk of iterable) {
    if (typeof chunk === "string") yield Buffer.from(chunk, "utf8");
    else if (chunk instanceof Uint8Array) yield asBuffer(chunk);
    else throw new TypeError("a body stream must produce Uint8Array or string chunks");
  }
}

async function* readerSource(stream: ReadableStream<Uint8Array>): AsyncGenerator<Buffer, void, undefined> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield asBuffer(value);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
