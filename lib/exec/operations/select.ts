import type { IncomingMessage } from "node:http";
import type { SelectObjectContentNode } from "../../plan/select-node.js";
import type { SelectSource } from "../../select/source.js";
import { compileRequest } from "../compile.js";
import type { RequestExecutor } from "../executor.js";
import { NetworkError } from "../transport.js";

/**
 * SelectObjectContent: sends the request and resolves once the response headers arrived
 * (HTTP errors such as NoSuchKey reject here); the event-stream body is handed on unread,
 * as byte chunks pulled on demand.
 */
export async function selectObjectContent(exec: RequestExecutor, node: SelectObjectContentNode, signal?: AbortSignal): Promise<SelectSource> {
  const res = await exec.send(compileRequest(node), signal);
  return { chunks: bodyChunks(res), context: { bucket: node.bucket, key: node.key, status: res.statusCode ?? 200 } };
}

/** The body's chunks; a failure mid-body is a NetworkError (aborts stay aborts); stopping early destroys the response. */
async function* bodyChunks(res: IncomingMessage): AsyncGenerator<Uint8Array> {
  let read = 0;
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      read += chunk.length;
      yield chunk;
    }
  } catch (err) {
    if ((err as { name?: string } | null)?.name === "AbortError" || err instanceof NetworkError) throw err;
    const code = (err as { code?: string }).code ?? "ECONNRESET";
    throw new NetworkError(`the Select response failed after ${read} bytes: ${(err as Error).message}`, code, { cause: err });
  } finally {
    if (!res.complete) res.destroy();
  }
}
