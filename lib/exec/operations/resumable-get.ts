/**
 * A GetObject body that survives cuts: when the connection dies mid-body (reset, server
 * gone, silent past the idle timeout), the rest is asked for again with
 * `Range: bytes=<next byte>-[<end>]` plus `If-Match: <ETag>` (and the version id the first
 * response named), so the consumer sees every byte of one object version exactly once. Shared
 * by `object.get()` (a Readable) and the file download (which writes the chunks at their
 * offsets). Body failures are typed: NetworkError (cut, timeout), InvalidResponseError (more
 * bytes than announced, a continuation that starts elsewhere) and ObjectChangedError (the
 * object was replaced between two requests: no bytes of the new version are delivered).
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { InvalidResponseError, ObjectChangedError, S3Error } from "../../errors.js";
import type { GetObjectNode } from "../../plan/nodes.js";
import { compileRequest } from "../compile.js";
import type { RequestExecutor } from "../executor.js";
import { bodyError } from "../read-body.js";
import { backoffDelay, ResumeBudget, sleep } from "../retry.js";
import { NetworkError } from "../transport.js";

/** The byte window a GET's body covers, and what pins the object it came from. */
export interface BodyWindow {
  /** Offset of the body's first byte in the object. */
  readonly start: number;
  /** Offset of its last byte, or undefined when the length is unknown (not resumable). */
  readonly end: number | undefined;
  /** ETag (quoted, as sent) the continuation requests must match. */
  readonly etag: string | undefined;
  /** Version id the continuation requests ask for. */
  readonly versionId: string | undefined;
}

function first(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Reads the window from a GET response (200, or 206 with Content-Range). */
export function bodyWindow(res: IncomingMessage, node: GetObjectNode): BodyWindow {
  const etag = first(res.headers, "etag");
  const version = first(res.headers, "x-amz-version-id");
  const versionId = node.versionId ?? (version && version !== "null" ? version : undefined);
  const pin = { etag: etag && !etag.startsWith("W/") ? etag : undefined, versionId };
  if (res.statusCode === 206) {
    const m = /^bytes (\d+)-(\d+)\//.exec(first(res.headers, "content-range") ?? "");
    if (m) return { start: Number(m[1]), end: Number(m[2]), ...pin };
  }
  const len = first(res.headers, "content-length");
  if (res.statusCode === 200 && len !== undefined && /^\d+$/.test(len)) return { start: 0, end: Number(len) - 1, ...pin };
  return { start: 0, end: undefined, ...pin };
}

/** The GET that asks for the rest of `node`'s body from `offset`, pinned to the window's object. */
export function continuationNode(node: GetObjectNode, w: BodyWindow, offset: number): GetObjectNode {
  const headers: Record<string, string> = { ...node.headers };
  if (w.etag !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === "if-match")) headers["if-match"] = w.etag;
  // An open-ended request stays open-ended (the server sends to the end of the same version).
  const openEnded = node.range === undefined || node.range.length === undefined;
  const range = openEnded || w.end === undefined ? { offset } : { offset, length: w.end - offset + 1 };
  return { ...node, ...(w.versionId !== undefined ? { versionId: w.versionId } : {}), range, headers };
}

/**
 * Sends the continuation of a cut body and checks it starts where asked. A server that
 * ignored the Range (200) is accepted: the bytes before `offset` are skipped (`skip`).
 */
export async function sendContinuation(
  exec: RequestExecutor, node: GetObjectNode, w: BodyWindow, offset: number, signal: AbortSignal | undefined,
): Promise<{ res: IncomingMessage; skip: number }> {
  let res: IncomingMessage;
  try {
    res = await exec.send(compileRequest(continuationNode(node, w, offset)), signal);
  } catch (err) {
    if (err instanceof S3Error && err.status === 412 && w.etag !== undefined) {
      throw new ObjectChangedError(err, `${node.bucket}/${node.key} changed while its body was read (it was ${w.etag}); ${offset - w.start} bytes of the old version were delivered`);
    }
    throw err;
  }
  if (res.statusCode === 200) return { res, skip: offset };
  const m = /^bytes (\d+)-/.exec(first(res.headers, "content-range") ?? "");
  if (!m || Number(m[1]) !== offset) {
    res.destroy();
    throw new InvalidResponseError(res.statusCode ?? 0, first(res.headers, "content-type"), `asked for bytes from ${offset}, got Content-Range ${first(res.headers, "content-range") ?? "none"}`);
  }
  return { res, skip: 0 };
}

/** A chunk of a resumed body and its offset in the object. */
export interface Placed {
  readonly offset: number;
  readonly chunk: Buffer;
}

/**
 * The chunks of `res` (the body of `node`, already answered) with their object offsets,
 * resuming after every retryable cut within the executor's retry budget (progress refills it).
 * `knownEnd` overrides the last byte offset read from the headers.
 * Breaking out of the iteration destroys the response in flight.
 */
export async function* resumingChunks(
  exec: RequestExecutor, node: GetObjectNode, initial: IncomingMessage, signal: AbortSignal | undefined,
  onResponse?: (res: IncomingMessage) => void, knownEnd?: number,
): AsyncGenerator<Placed, void, undefined> {
  // The caller may know the last byte better than this response's headers (a file download
  // knows the stat size: a body shorter than that is cut, whatever its Content-Length says).
  const w = knownEnd === undefined ? bodyWindow(initial, node) : { ...bodyWindow(initial, node), end: knownEnd };
  const budget = new ResumeBudget(exec.config.retry);
  let res = initial;
  let skip = 0;
  let pos = w.start;
  for (;;) {
    const before = pos;
    const chunks = (res as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    let finished = false;
    try {
      for (;;) {
        let step: IteratorResult<Buffer>;
        try {
          step = await chunks.next();
        } catch (err) {
          throw bodyError(err, pos);
        }
        if (step.done) break;
        let chunk = step.value;
        if (skip > 0) {
          const n = Math.min(skip, chunk.length);
          skip -= n;
          chunk = chunk.subarray(n);
          if (chunk.length === 0) continue;
        }
        if (w.end !== undefined && pos + chunk.length > w.end + 1) {
          throw new InvalidResponseError(res.statusCode ?? 0, initial.headers["content-type"], `the server sent more than the body's bytes (past byte ${w.end})`);
        }
        const offset = pos;
        pos += chunk.length;
        yield { offset, chunk };
      }
      if (w.end !== undefined && pos <= w.end) throw new NetworkError(`the body ended at byte ${pos}; ${w.end + 1 - w.start} bytes were announced`, "ESHORTBODY");
      finished = true;
      return;
    } catch (err) {
      const retryable = err instanceof NetworkError && w.end !== undefined && !signal?.aborted;
      if (!retryable || !budget.failed(pos > before)) throw err;
    } finally {
      if (!finished) res.destroy();
    }
    await sleep(backoffDelay(budget.failures - 1, exec.config.retry), signal);
    ({ res, skip } = await sendContinuation(exec, node, w, pos, signal));
    onResponse?.(res);
  }
}

/**
 * The Readable `object.get()` resolves with: the body of the first response, resumed across
 * cuts. `headers` are the first response's. Destroying it (or the caller's signal) aborts the
 * request in flight.
 */
export class ResumableBody extends Readable {
  /** Headers of the first response. */
  readonly headers: IncomingHttpHeaders;
  /** Status of the first response (200, or 206 for a range). */
  readonly statusCode: number;
  readonly #stop: AbortController;
  readonly #chunks: AsyncGenerator<Placed, void, undefined>;
  #reading = false;

  /**
   * Wraps `res`, the answer to `node` sent with `signal`; `stop` aborts that signal (which also
   * follows the caller's) when this stream is destroyed.
   */
  constructor(exec: RequestExecutor, node: GetObjectNode, res: IncomingMessage, stop: AbortController, signal: AbortSignal) {
    super({ highWaterMark: 64 * 1024 });
    this.headers = res.headers;
    this.statusCode = res.statusCode ?? 0;
    this.#stop = stop;
    const watch = (r: IncomingMessage) => {
      // A body left unread must not keep its socket: when the transport's idle timeout kills
      // the response while nobody reads, this stream ends with that timeout (no resuming for
      // nobody). Other failures surface at the next read, which resumes.
      r.once("error", (err: Error) => {
        if (!this.#reading && !this.destroyed && err instanceof NetworkError && err.code === "ETIMEDOUT") this.destroy(err);
      });
    };
    watch(res);
    // As the transport does for responses: a body nobody reads may still fail (abort, timeout),
    // which must never become an uncaught exception. Readers attach their own listeners.
    this.on("error", noop);
    this.#chunks = resumingChunks(exec, node, res, signal, watch);
    signal.addEventListener("abort", () => {
      if (!this.destroyed) this.destroy(signal.reason instanceof Error ? signal.reason : abortError());
    }, { once: true });
  }

  override _read(): void {
    if (this.#reading) return;
    this.#reading = true;
    this.#chunks.next().then(
      (step) => {
        this.#reading = false;
        if (this.destroyed) return;
        if (step.done) this.push(null);
        else if (this.push(step.value.chunk)) this._read();
      },
      (err: unknown) => {
        this.#reading = false;
        if (!this.destroyed) this.destroy(err as Error);
      },
    );
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.#stop.signal.aborted) this.#stop.abort(err ?? abortError());
    void this.#chunks.return(undefined).catch(() => undefined);
    callback(err);
  }
}

function noop(): void {}

function abortError(): Error {
  return new DOMException("This operation was aborted", "AbortError");
}
