/**
 * Cuts an async source of Buffers into parts of exactly `partSize` bytes (the last may be
 * shorter). A source chunk that holds a whole part is sliced without copying; small chunks
 * are gathered into one part buffer, taken from a bounded pool so memory stays at about the
 * number of parts alive × part size.
 */
import { InvalidArgumentError } from "../../errors.js";

/** A pool of part buffers of one size, holding at most `max` idle ones. */
export class BufferPool {
  readonly #free: Buffer[] = [];
  readonly size: number;
  readonly #max: number;

  constructor(size: number, max: number) {
    this.size = size;
    this.#max = max;
  }

  /** A buffer of `size` bytes (contents undefined). */
  take(): Buffer {
    return this.#free.pop() ?? Buffer.allocUnsafeSlow(this.size);
  }

  /** Returns a buffer taken from this pool once nothing reads it any more. */
  give(buf: Buffer): void {
    if (buf.buffer.byteLength === this.size && buf.byteOffset === 0 && this.#free.length < this.#max) this.#free.push(Buffer.from(buf.buffer, 0, this.size));
  }
}

/** A part: its bytes, and whether they live in a pool buffer (to hand back when done). */
export interface Part {
  readonly data: Buffer;
  readonly pooled: boolean;
}

/**
 * Parts of `partSize` bytes from `source`. With `declared` (a known size), a source that
 * ends short of it or runs past it fails with InvalidArgumentError.
 */
export async function* cutParts(source: AsyncIterable<Buffer>, partSize: number, pool: BufferPool | undefined, declared: number | null): AsyncGenerator<Part, void, undefined> {
  let buf: Buffer | undefined; // part being gathered
  let filled = 0;
  let tail: Buffer | undefined; // a short chunk kept as a view until we know whether more follows
  let total = 0;
  const gather = (chunk: Buffer): Buffer => {
    buf ??= pool ? pool.take() : Buffer.allocUnsafeSlow(partSize);
    const n = chunk.copy(buf, filled, 0, Math.min(chunk.length, partSize - filled));
    filled += n;
    return chunk.subarray(n);
  };
  for await (let chunk of source) {
    total += chunk.length;
    if (declared !== null && total > declared) throw new InvalidArgumentError(`the body is longer than its declared size of ${declared} bytes`);
    if (tail !== undefined) {
      gather(tail);
      tail = undefined;
    }
    while (chunk.length > 0) {
      if (buf === undefined && chunk.length >= partSize) {
        yield { data: chunk.subarray(0, partSize), pooled: false };
        chunk = chunk.subarray(partSize);
        continue;
      }
      if (buf === undefined) {
        tail = chunk;
        break;
      }
      chunk = gather(chunk);
      if (filled === partSize) {
        const full = buf;
        buf = undefined;
        filled = 0;
        yield { data: full, pooled: pool !== undefined };
      }
    }
  }
  if (declared !== null && total !== declared) throw new InvalidArgumentError(`the body ended after ${total} bytes; ${declared} were declared`);
  if (tail !== undefined) yield { data: tail, pooled: false };
  else if (buf !== undefined && filled > 0) yield { data: buf.subarray(0, filled), pooled: pool !== undefined };
}
