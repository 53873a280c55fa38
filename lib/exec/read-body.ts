import type { IncomingMessage } from "node:http";
import { InvalidResponseError, S3Error } from "../errors.js";
import { NetworkError } from "./transport.js";

/** Most bytes of an error response body read (the XML of an S3 error is well under 1 KiB). */
export const ERROR_BODY_LIMIT = 64 * 1024;

/**
 * A failure while reading a response body, typed: aborts stay aborts and typed errors stay
 * as they are; Node's bare socket errors (`aborted`, ECONNRESET, …) become a NetworkError.
 */
export function bodyError(err: unknown, offset: number, context = "the response body failed"): unknown {
  if ((err as { name?: string } | null)?.name === "AbortError") return err;
  if (err instanceof NetworkError || err instanceof S3Error || err instanceof InvalidResponseError) return err;
  const code = (err as { code?: string } | null)?.code ?? "ECONNRESET";
  return new NetworkError(`${context} at byte ${offset}: ${(err as Error | null)?.message ?? String(err)}`, code, { cause: err });
}

/**
 * Reads a whole (small) response body into a Buffer. A cut body rejects with a NetworkError,
 * one larger than `limit` with an InvalidResponseError.
 */
export async function readBody(res: IncomingMessage, limit = 64 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        res.destroy();
        throw new InvalidResponseError(res.statusCode ?? 0, contentType(res), `(response body larger than ${limit} bytes)`);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    throw bodyError(err, size);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

/** Reads a whole response body as UTF-8 text (at most `limit` bytes, see {@link readBody}). */
export async function readText(res: IncomingMessage, limit?: number): Promise<string> {
  return (await readBody(res, limit)).toString("utf8");
}

function contentType(res: IncomingMessage): string | undefined {
  const v = res.headers["content-type"];
  return Array.isArray(v) ? v[0] : v;
}
