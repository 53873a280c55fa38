/**
 * Splits a byte stream into text lines, for newline-delimited JSON bodies. Lines are cut on
 * the newline byte before decoding — UTF-8 never uses that byte inside a multi-byte
 * character, so a character split across chunks is decoded whole. Whitespace-only runs
 * (keep-alive padding, e.g. MinIO's one space every 500 ms) are dropped as they arrive, so
 * an idle stream holds no growing buffer.
 */
const NEWLINE = 0x0a;

/** Bytes a pending line may reach before the stream is judged malformed (16 MiB). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** Thrown when a line grows past {@link MAX_LINE_BYTES}. */
export class LineTooLongError extends Error {
  override name = "LineTooLongError";
}

function isBlank(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d && b !== NEWLINE) return false;
  }
  return true;
}

/** A stateful splitter: push chunks, get back the complete non-blank lines they finish. */
export class LineSplitter {
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  readonly #decoder = new TextDecoder("utf-8");
  readonly #maxLineBytes: number;

  constructor(maxLineBytes = MAX_LINE_BYTES) {
    this.#maxLineBytes = maxLineBytes;
  }

  /** Bytes of the unfinished line held so far (0 when only whitespace has arrived). */
  get pendingBytes(): number {
    return this.#pendingBytes;
  }

  /** Feeds a chunk; returns the lines it completes, trimmed, blank ones left out. */
  push(chunk: Uint8Array): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      const line = this.#take(chunk, start, nl).trim();
      if (line !== "") lines.push(line);
      start = nl + 1;
    }
    if (start < chunk.length && (this.#pendingBytes > 0 || !isBlank(chunk, start, chunk.length))) {
      this.#pending.push(chunk.slice(start));
      this.#pendingBytes += chunk.length - start;
      if (this.#pendingBytes > this.#maxLineBytes) {
        throw new LineTooLongError(`a line of the stream is longer than ${this.#maxLineBytes} bytes`);
      }
    }
    return lines;
  }

  /** The unterminated rest of the stream (trimmed, "" if none), and a reset. */
  end(): string {
    const rest = this.#pendingBytes === 0 ? "" : this.#take(new Uint8Array(0), 0, 0).trim();
    return rest;
  }

  /** Joins the pending bytes with `chunk[from, to)`, decodes them, and clears the pending bytes. */
  #take(chunk: Uint8Array, from: number, to: number): string {
    if (this.#pendingBytes === 0) return this.#decoder.decode(chunk.subarray(from, to));
    const all = new Uint8Array(this.#pendingBytes + (to - from));
    let at = 0;
    for (const part of this.#pending) {
      all.set(part, at);
      at += part.length;
    }
    all.set(chunk.subarray(from, to), at);
    this.#pending = [];
    this.#pendingBytes = 0;
    return this.#decoder.decode(all);
  }
}
