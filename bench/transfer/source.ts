/**
 * The benchmark's data: one 8 MiB chunk of random bytes, allocated once and repeated, so a
 * 1 GiB upload costs no memory per client and every client reads the same kind of source
 * (a Node Readable of known size).
 */
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";

/** Size of the repeated chunk. */
export const CHUNK = 8 * 1024 * 1024;

const chunk = randomBytes(CHUNK);

/** A Readable of `size` bytes made of the shared chunk (the last piece sliced). */
export function sourceStream(size: number): Readable {
  let left = size;
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(left, CHUNK);
      left -= n;
      this.push(n === CHUNK ? chunk : chunk.subarray(0, n));
    },
  });
}

/** Chunks seen by {@link drainCount} so far (the run reports the mean chunk size per get). */
export const drained = { chunks: 0 };

/** Reads a stream to its end, counting bytes the same way for every client. */
export function drainCount(stream: NodeJS.ReadableStream): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0;
    stream.on("data", (c: Buffer) => {
      n += c.length;
      drained.chunks++;
    });
    stream.once("end", () => resolve(n));
    stream.once("error", reject);
  });
}
