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
 *
 * Fast path first: while nothing fails, the response's chunks are pushed on as they arrive
 * ('data' events, paused under backpressure) — no async iterator, generator or promise per
 * chunk, and no AbortController per GET. The resuming machinery (retry budget, continuation
 * requests and their abort controller) is built only when a cut actually happens.
 */
export class ResumableBody extends Readable {
  /** Headers of the first response. */
  readonly headers: IncomingHttpHeaders;
  /** Status of the first response (200, or 206 for a range). */
  readonly statusCode: number;
  readonly #exec: RequestExecutor;
  readonly #node: GetObjectNode;
  readonly #signal: AbortSignal | undefined;
  readonly #stop: AbortController | undefined;
  readonly #window: BodyWindow;
  /** The response being read; undefined between a cut and its continuation. */
  #res: IncomingMessage | undefined;
  /** Object offset of the next byte to deliver. */
  #pos: number;
  /** Where the current response's bytes started (progress since then refills the budget). */
  #attemptStart: number;
  /** Bytes to drop from a continuation the server answered in full (200) instead of the range. */
  #skip = 0;
  /** The consumer asked for more than was pushed (a failure now resumes at once). */
  #wanting = false;
  #ended = false;
  /** A body failure the consumer has not asked past yet. */
  #failure: unknown;
  #budget: ResumeBudget | undefined;
  /** Aborts a continuation being sent (or its backoff) when this stream is destroyed. */
  #resuming: AbortController | undefined;
  // The listeners, bound once per body. Assigned in the constructor rather than declared as
  // arrow fields: a named closure per GET costs a defineProperty under esbuild's keepNames (tsx).
  readonly #onData: (data: Buffer) => void;
  readonly #onEnd: () => void;
  readonly #onError: (err: unknown) => void;
  readonly #onAbort: () => void;

  /**
   * Wraps `res`, the answer to `node` sent with `signal` (the caller's, if any). `stop`, when
   * given, is aborted if this stream is destroyed before its body ended.
   */
  constructor(exec: RequestExecutor, node: GetObjectNode, res: IncomingMessage, stop?: AbortController, signal?: AbortSignal) {
    super({ highWaterMark: 64 * 1024 });
    this.headers = res.headers;
    this.statusCode = res.statusCode ?? 0;
    this.#exec = exec;
    this.#node = node;
    this.#signal = signal;
    this.#stop = stop;
    this.#window = bodyWindow(res, node);
    this.#pos = this.#attemptStart = this.#window.start;
    this.#onData = (data) => this.#data(data);
    this.#onEnd = () => this.#end();
    this.#onError = (err) => this.#fail(err);
    this.#onAbort = () => this.#aborted();
    // As the transport does for responses: a body nobody reads may still fail (abort, timeout),
    // which must never become an uncaught exception. Readers attach their own listeners.
    this.on("error", noop);
    this.#attach(res);
    signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  #aborted(): void {
    const reason: unknown = this.#signal?.reason;
    if (!this.destroyed) this.destroy(reason instanceof Error ? reason : abortError());
  }

  /** Reads `res` paused: it flows only while the consumer wants bytes. */
  #attach(res: IncomingMessage): void {
    this.#res = res;
    res.pause();
    res.on("data", this.#onData);
    res.on("end", this.#onEnd);
    res.on("error", this.#onError);
  }

  #detach(res: IncomingMessage): void {
    res.off("data", this.#onData);
    res.off("end", this.#onEnd);
    res.off("error", this.#onError);
    if (this.#res === res) this.#res = undefined;
  }

  #data(data: Buffer): void {
    let chunk = data;
    if (this.#skip > 0) {
      const n = Math.min(this.#skip, chunk.length);
      this.#skip -= n;
      chunk = chunk.subarray(n);
      if (chunk.length === 0) return;
    }
    const end = this.#window.end;
    if (end !== undefined && this.#pos + chunk.length > end + 1) {
      const res = this.#res!;
      this.#detach(res);
      res.destroy();
      this.destroy(new InvalidResponseError(res.statusCode ?? 0, this.headers["content-type"], `the server sent more than the body's bytes (past byte ${end})`));
      return;
    }
    this.#pos += chunk.length;
    if (!this.push(chunk)) {
      this.#wanting = false;
      this.#res?.pause();
    }
  }

  #end(): void {
    const { start, end } = this.#window;
    if (end !== undefined && this.#pos <= end) {
      this.#fail(new NetworkError(`the body ended at byte ${this.#pos}; ${end + 1 - start} bytes were announced`, "ESHORTBODY"));
      return;
    }
    this.#detach(this.#res!);
    this.#ended = true;
    this.push(null);
  }

  #fail(err: unknown): void {
    const res = this.#res;
    if (res) {
      this.#detach(res);
      res.destroy();
    }
    if (this.destroyed) return;
    const failure = bodyError(err, this.#pos);
    // A body left unread must not keep its socket: when the transport's idle timeout kills
    // the response while nobody reads, this stream ends with that timeout (no resuming for
    // nobody). Other failures surface at the next read, which resumes.
    if (!this.#wanting && failure instanceof NetworkError && failure.code === "ETIMEDOUT") {
      this.destroy(failure);
      return;
    }
    this.#failure = failure;
    if (this.#wanting) void this.#resume();
  }

  /** Asks for the rest of the body after a failure, within the retry budget; else fails with it. */
  async #resume(): Promise<void> {
    const failure = this.#failure;
    this.#failure = undefined;
    const w = this.#window;
    const retryable = failure instanceof NetworkError && w.end !== undefined && !this.#signal?.aborted;
    const budget = (this.#budget ??= new ResumeBudget(this.#exec.config.retry));
    if (!retryable || !budget.failed(this.#pos > this.#attemptStart)) {
      this.destroy(failure as Error);
      return;
    }
    this.#attemptStart = this.#pos;
    const resuming = (this.#resuming = new AbortController());
    const signal = this.#signal ? AbortSignal.any([this.#signal, resuming.signal]) : resuming.signal;
    try {
      await sleep(backoffDelay(budget.failures - 1, this.#exec.config.retry), signal);
      const { res, skip } = await sendContinuation(this.#exec, this.#node, w, this.#pos, signal);
      this.#resuming = undefined;
      if (this.destroyed) {
        res.destroy();
        return;
      }
      this.#skip = skip;
      this.#attach(res);
      if (this.#wanting) res.resume();
    } catch (err) {
      this.#resuming = undefined;
      if (!this.destroyed) this.destroy(err as Error);
    }
  }

  override _read(): void {
    this.#wanting = true;
    if (this.#failure !== undefined) void this.#resume();
    else this.#res?.resume();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.#signal?.removeEventListener("abort", this.#onAbort);
    const res = this.#res;
    if (res) {
      this.#detach(res);
      if (!res.complete) res.destroy();
    }
    if (!this.#ended) {
      this.#resuming?.abort(err ?? abortError());
      if (this.#stop && !this.#stop.signal.aborted) this.#stop.abort(err ?? abortError());
    }
    callback(err);
  }
}

function noop(): void {}

function abortError(): Error {
  return new DOMException("This operation was aborted", "AbortError");
}
