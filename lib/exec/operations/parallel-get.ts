/**
 * Parallel ranged GET (`object.get({ parallel, partSize })`): the read is split into
 * `partSize` ranges fetched up to `parallel` at once — the technique of AWS's CRT client,
 * s5cmd and rclone to pass one connection's bandwidth limit — and delivered as one ORDERED
 * Readable. The first range (`bytes=<start>-<start+partSize-1>`) doubles as the stat: its
 * Content-Range gives the size, its ETag and version id pin every other range (`If-Match`,
 * `versionId`), so an object overwritten mid-read fails with ObjectChangedError instead of
 * mixing versions. A read of at most one part is that single request. Each range resumes
 * after a cut from the byte it reached (resumable-get.ts). With `checksum: true` (whole
 * object only) one pinned HEAD fetches the checksum ranges do not carry (pinned-checksum.ts)
 * and the ordered stream is verified as a plain GET's would be.
 *
 * Buffering is bounded: at most `parallel` ranges are downloading and at most `parallel + 1`
 * parts are held (the one being consumed, the rest buffered whole), so a paused consumer stops
 * new range requests. Destroying the stream (or the caller's signal) aborts every range in flight.
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { InvalidResponseError, S3Error } from "../../errors.js";
import type { ObjectStream } from "../../model/results.js";
import type { GetObjectNode } from "../../plan/nodes.js";
import { DEFAULT_GET_PART_SIZE, partRanges, type PartRange } from "../../plan/parallel-get.js";
import { compileRequest } from "../compile.js";
import type { RequestExecutor } from "../executor.js";
import { pinnedChecksum } from "../checksum/pinned-checksum.js";
import { verifiedAgainst, verifiedBody, verifiesBody } from "../checksum/verify-stream.js";
import type { ExpectedChecksum } from "../checksum/verify.js";
import { getObject } from "./objects.js";
import { bodyWindow, resumingChunks, ResumableBody, sendContinuation, type BodyWindow, type Placed } from "./resumable-get.js";

/** True when `node` asks for a read split into ranges fetched at once. */
export function isParallelGet(node: GetObjectNode): boolean {
  return (node.parallel ?? 1) > 1;
}

/** `node` without its parallel fields: one plain request. */
function plainNode(node: GetObjectNode): GetObjectNode {
  const { parallel: _p, partSize: _s, ...plain } = node;
  return plain;
}

/** The object's total size from a 206's `Content-Range: bytes a-b/<size>`. */
function totalSize(res: IncomingMessage): number | undefined {
  const m = /^bytes \d+-\d+\/(\d+)$/.exec(String(res.headers["content-range"] ?? ""));
  return m ? Number(m[1]) : undefined;
}

/**
 * Sends the GET of one part (after the first), pinned to the first response's ETag and version;
 * a 412 becomes ObjectChangedError.
 */
export async function sendPart(
  exec: RequestExecutor, node: GetObjectNode, pin: Pick<BodyWindow, "etag" | "versionId">, part: PartRange, signal: AbortSignal | undefined,
): Promise<{ node: GetObjectNode; res: IncomingMessage }> {
  const ranged: GetObjectNode = { ...node, range: { offset: part.start, length: part.end - part.start + 1 } };
  const window: BodyWindow = { start: part.start, end: part.end, etag: pin.etag, versionId: pin.versionId };
  const { res } = await sendContinuation(exec, ranged, window, part.start, signal);
  if (res.statusCode !== 206) {
    res.destroy();
    throw new InvalidResponseError(res.statusCode ?? 0, String(res.headers["content-type"] ?? ""), `asked for bytes ${part.start}-${part.end}, the server sent the whole object`);
  }
  return { node: ranged, res };
}

/** The chunks of one part (after the first): its request, then its body resumed across cuts. */
export async function* partChunks(
  exec: RequestExecutor, node: GetObjectNode, pin: Pick<BodyWindow, "etag" | "versionId">, part: PartRange, signal: AbortSignal | undefined,
): AsyncGenerator<Placed, void, undefined> {
  const sent = await sendPart(exec, node, pin, part, signal);
  yield* resumingChunks(exec, sent.node, sent.res, signal, undefined, part.end);
}

/** GetObject split into ranges fetched up to `node.parallel` at once; resolves once the first range's headers arrive. */
export async function parallelGet(exec: RequestExecutor, node: GetObjectNode, signal?: AbortSignal): Promise<ObjectStream> {
  const plain = plainNode(node);
  const partSize = node.partSize ?? DEFAULT_GET_PART_SIZE;
  const start = node.range?.offset ?? 0;
  const wantedEnd = node.range?.length !== undefined ? start + node.range.length - 1 : undefined;
  const first: GetObjectNode = { ...plain, range: { offset: start, length: Math.min(partSize, wantedEnd === undefined ? partSize : wantedEnd - start + 1) } };
  const stop = new AbortController();
  const linked = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  let res: IncomingMessage;
  try {
    res = await exec.send(compileRequest(first), linked);
  } catch (err) {
    // An empty object (or an offset past the end): the plain GET answers as it would without `parallel`.
    if (err instanceof S3Error && err.status === 416) return getObject(exec, plain, signal);
    throw err;
  }
  const total = totalSize(res);
  if (res.statusCode !== 206 || total === undefined) { // the server ignored the Range: one plain GET, verified as one
    const whole = new ResumableBody(exec, plain, res, stop, linked);
    return verifiesBody(node) ? verifiedBody(whole, `${node.bucket}/${node.key}`) : whole;
  }
  const end = wantedEnd === undefined ? total - 1 : Math.min(wantedEnd, total - 1);
  const parts = partRanges(start, end, partSize);
  const headers: IncomingHttpHeaders = { ...res.headers, "content-length": String(end - start + 1) };
  if (node.range === undefined) delete headers["content-range"];
  else headers["content-range"] = `bytes ${start}-${end}/${total}`;
  const pin = bodyWindow(res, first);
  let expected: ExpectedChecksum | undefined;
  if (verifiesBody(node)) {
    try {
      expected = await pinnedChecksum(exec, plain, pin, linked);
    } catch (err) {
      res.destroy();
      throw err;
    }
  }
  const sources = parts.map((part, i) => () => (i === 0
    ? resumingChunks(exec, first, res, linked, undefined, part.end)
    : partChunks(exec, plain, pin, part, linked)));
  const body = new ParallelBody({ headers, statusCode: node.range === undefined ? 200 : 206, parallel: node.parallel ?? 1, sources, stop, signal: linked });
  return verifiedAgainst(body, expected, `${node.bucket}/${node.key}`);
}

/** One part being fetched: its chunks gathered as they arrive, handed out in order. */
class PartFetch {
  readonly #chunks: Buffer[] = [];
  #head = 0;
  #done = false;
  #error: unknown = undefined;
  #wake: (() => void) | undefined;
  /** Settles when the part is downloaded or failed (never rejects). */
  readonly finished: Promise<void>;

  constructor(source: AsyncIterable<Placed>, onError: (err: unknown) => void) {
    this.finished = (async () => {
      try {
        for await (const { chunk } of source) {
          this.#chunks.push(chunk);
          this.#notify();
        }
      } catch (err) {
        this.#error = err;
        onError(err);
      } finally {
        this.#done = true;
        this.#notify();
      }
    })();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** The next chunk of this part, waiting for it; undefined once the part is all handed out. */
  async next(): Promise<Buffer | undefined> {
    for (;;) {
      if (this.#head < this.#chunks.length) {
        const chunk = this.#chunks[this.#head]!;
        this.#chunks[this.#head++] = EMPTY;
        if (this.#head === this.#chunks.length) {
          this.#chunks.length = 0;
          this.#head = 0;
        }
        return chunk;
      }
      if (this.#error !== undefined) throw this.#error;
      if (this.#done) return undefined;
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }
}

const EMPTY = Buffer.alloc(0);

/** What a {@link ParallelBody} is made of. */
interface ParallelBodyInit {
  readonly headers: IncomingHttpHeaders;
  readonly statusCode: number;
  readonly parallel: number;
  /** One chunk source per part, in order; calling one starts that part's request. */
  readonly sources: readonly (() => AsyncIterable<Placed>)[];
  /** Aborts every request of the read (its signal is `signal`). */
  readonly stop: AbortController;
  readonly signal: AbortSignal;
}

/**
 * The Readable of a parallel GET: parts started up to `parallel` downloading and
 * `parallel + 1` held, delivered in order. Any part's failure fails the stream at once.
 */
export class ParallelBody extends Readable {
  /** Headers of the first range's response, with the Content-Length (and Content-Range) of the whole read. */
  readonly headers: IncomingHttpHeaders;
  /** 200 for a whole object, 206 for a range (as one plain GET would answer). */
  readonly statusCode: number;
  readonly #init: ParallelBodyInit;
  readonly #held: PartFetch[] = [];
  #next = 0;
  #downloading = 0;
  #reading = false;

  /** Starts the first parts at once (the first one's response is already there). */
  constructor(init: ParallelBodyInit) {
    super({ highWaterMark: 64 * 1024 });
    this.headers = init.headers;
    this.statusCode = init.statusCode;
    this.#init = init;
    // As ResumableBody: a failure nobody reads must never become an uncaught exception.
    this.on("error", noop);
    init.signal.addEventListener("abort", () => {
      if (!this.destroyed) this.destroy(init.signal.reason instanceof Error ? init.signal.reason : abortError());
    }, { once: true });
    this.#fill();
  }

  /** Starts parts while fewer than `parallel` download and fewer than `parallel + 1` are held. */
  #fill(): void {
    const { parallel, sources } = this.#init;
    while (!this.destroyed && this.#next < sources.length && this.#downloading < parallel && this.#held.length < parallel + 1) {
      const part = new PartFetch(sources[this.#next++]!(), (err) => {
        if (!this.destroyed) this.destroy(err as Error);
      });
      this.#downloading++;
      this.#held.push(part);
      void part.finished.then(() => {
        this.#downloading--;
        this.#fill();
      });
    }
  }

  override _read(): void {
    if (this.#reading) return;
    this.#reading = true;
    void this.#pump();
  }

  /**
   * Pushes chunks in order until the consumer's buffer is full or the read ends. `#reading`
   * drops before the push that may end the loop: the push can ask for the next `_read` at once.
   */
  async #pump(): Promise<void> {
    try {
      for (;;) {
        const head = this.#held[0];
        if (head === undefined) {
          this.#reading = false;
          return void this.push(null);
        }
        const chunk = await head.next();
        if (this.destroyed) return;
        if (chunk === undefined) {
          this.#held.shift();
          this.#fill();
          continue;
        }
        this.#reading = false;
        if (!this.push(chunk) || this.#reading) return; // full, or push already started the next _read
        this.#reading = true;
      }
    } catch (err) {
      this.#reading = false;
      if (!this.destroyed) this.destroy(err as Error);
    }
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.#init.stop.signal.aborted) this.#init.stop.abort(err ?? abortError());
    callback(err);
  }
}

function noop(): void {}

function abortError(): Error {
  return new DOMException("This operation was aborted", "AbortError");
}
