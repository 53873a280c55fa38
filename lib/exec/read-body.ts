import type { IncomingMessage } from "node:http";
import { InvalidResponseError } from "../errors.js";

/**
 * Reads a whole (small) response body into a Buffer.
 * @throws InvalidResponseError once the body passes `limit` bytes (the response is destroyed).
 */
export async function readBody(res: IncomingMessage, limit = 64 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      res.destroy();
      const type = res.headers["content-type"];
      throw new InvalidResponseError(res.statusCode ?? 0, Array.isArray(type) ? type[0] : type, `(response body larger than ${limit} bytes, not read further)`);
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

/** Reads a whole response body as UTF-8 text (at most `limit` bytes, see {@link readBody}). */
export async function readText(res: IncomingMessage, limit?: number): Promise<string> {
  return (await readBody(res, limit)).toString("utf8");
}
