import type { IncomingMessage } from "node:http";

/** Reads a whole (small) response body into a Buffer. */
export async function readBody(res: IncomingMessage, limit = 64 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      res.destroy();
      throw new RangeError(`response body larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

/** Reads a whole response body as UTF-8 text. */
export async function readText(res: IncomingMessage): Promise<string> {
  return (await readBody(res)).toString("utf8");
}
