/**
 * An incremental decoder of the AWS event-stream framing (application/vnd.amazon.eventstream):
 * push bytes as they arrive, get whole messages back. Every message is checked — prelude CRC32,
 * message CRC32, lengths, header types — and any corruption is a typed InvalidResponseError,
 * never a hang or a silent truncation.
 *
 * A message is: total length (u32 BE), headers length (u32 BE), prelude CRC (u32 BE, over the
 * first 8 bytes), headers, payload, message CRC (u32 BE, over everything before it).
 */
import { crc32 } from "node:zlib";
import { InvalidResponseError } from "../errors.js";

/** Bytes of the prelude (two lengths and their CRC). */
export const PRELUDE_LENGTH = 12;
/** Bytes a message has besides headers and payload (prelude + message CRC). */
export const FRAME_OVERHEAD = 16;
/** Largest message accepted by default (AWS caps event-stream messages at 16 MiB). */
export const MAX_MESSAGE_LENGTH = 16 * 1024 * 1024;
/** Largest headers section accepted (AWS caps headers at 128 KiB). */
export const MAX_HEADERS_LENGTH = 128 * 1024;

/** A header value with its wire type. */
export type EventHeaderValue =
  | { readonly type: "boolean"; readonly value: boolean }
  | { readonly type: "byte" | "short" | "integer"; readonly value: number }
  | { readonly type: "long"; readonly value: bigint }
  | { readonly type: "binary"; readonly value: Uint8Array }
  | { readonly type: "string"; readonly value: string }
  | { readonly type: "timestamp"; readonly value: Date }
  | { readonly type: "uuid"; readonly value: string };

/** One decoded message: its headers (by name) and its payload. */
export interface EventStreamMessage {
  /** Headers by name (`:message-type`, `:event-type`, …), with their wire types. */
  readonly headers: ReadonlyMap<string, EventHeaderValue>;
  /** The payload bytes (a view; it may share memory with the chunk it arrived in). */
  readonly payload: Uint8Array;
}

/** The error every corruption of the framing raises. */
export function corrupt(reason: string): InvalidResponseError {
  return new InvalidResponseError(200, "application/vnd.amazon.eventstream", `corrupt event stream: ${reason}`);
}

function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

/** Options of {@link EventStreamDecoder}. */
export interface DecoderOptions {
  /** Refuse messages longer than this many bytes (default {@link MAX_MESSAGE_LENGTH}). */
  readonly maxMessageLength?: number;
}

/**
 * Decodes an event stream incrementally. `push(chunk)` returns the messages the chunk
 * completes (chunks may split messages anywhere); `end()` checks nothing was left half-read.
 * After an error the decoder stays failed: every later call throws the same error.
 */
export class EventStreamDecoder {
  readonly #max: number;
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  /** Total length of the message being read, once its prelude is checked. */
  #total: number | undefined;
  #headersLength = 0;
  #failure: InvalidResponseError | undefined;

  constructor(options: DecoderOptions = {}) {
    this.#max = options.maxMessageLength ?? MAX_MESSAGE_LENGTH;
  }

  /** Adds bytes; returns every message they complete, in order. */
  push(chunk: Uint8Array): EventStreamMessage[] {
    if (this.#failure) throw this.#failure;
    if (chunk.length > 0) {
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
    }
    const out: EventStreamMessage[] = [];
    try {
      for (;;) {
        if (this.#total === undefined) {
          if (this.#buffered < PRELUDE_LENGTH) break;
          this.#readPrelude(this.#peek(PRELUDE_LENGTH));
        }
        const total = this.#total!;
        if (this.#buffered < total) break;
        out.push(this.#decode(this.#take(total)));
        this.#total = undefined;
      }
    } catch (err) {
      this.#failure = err instanceof InvalidResponseError ? err : corrupt(String(err));
      this.#chunks = [];
      throw this.#failure;
    }
    return out;
  }

  /** Whether bytes of an unfinished message are buffered. */
  get pending(): boolean {
    return this.#buffered > 0;
  }

  /** Declares the end of the stream: throws if a message was cut short. */
  end(): void {
    if (this.#failure) throw this.#failure;
    if (this.#buffered > 0) {
      this.#failure = corrupt(`the stream ended inside a message (${this.#buffered} of ${this.#total ?? "at least " + PRELUDE_LENGTH} bytes)`);
      throw this.#failure;
    }
  }

  #readPrelude(prelude: Uint8Array): void {
    const total = u32(prelude, 0);
    const headersLength = u32(prelude, 4);
    const expected = u32(prelude, 8);
    const actual = crc32(prelude.subarray(0, 8));
    if (actual !== expected) throw corrupt(`prelude CRC32 mismatch (computed ${hex(actual)}, message says ${hex(expected)})`);
    if (total < FRAME_OVERHEAD) throw corrupt(`message length ${total} is shorter than the ${FRAME_OVERHEAD}-byte frame`);
    if (total > this.#max) throw corrupt(`message length ${total} exceeds the ${this.#max}-byte limit`);
    if (headersLength > MAX_HEADERS_LENGTH) throw corrupt(`headers length ${headersLength} exceeds the ${MAX_HEADERS_LENGTH}-byte limit`);
    if (headersLength > total - FRAME_OVERHEAD) throw corrupt(`headers length ${headersLength} does not fit a ${total}-byte message`);
    this.#total = total;
    this.#headersLength = headersLength;
  }

  #decode(message: Uint8Array): EventStreamMessage {
    const end = message.length - 4;
    const expected = u32(message, end);
    const actual = crc32(message.subarray(0, end));
    if (actual !== expected) throw corrupt(`message CRC32 mismatch (computed ${hex(actual)}, message says ${hex(expected)})`);
    const headersEnd = PRELUDE_LENGTH + this.#headersLength;
    return { headers: decodeHeaders(message.subarray(PRELUDE_LENGTH, headersEnd)), payload: message.subarray(headersEnd, end) };
  }

  /** The first `n` buffered bytes, without consuming them. */
  #peek(n: number): Uint8Array {
    const first = this.#chunks[0]!;
    if (first.length >= n) return first.subarray(0, n);
    return gather(this.#chunks, n);
  }

  /** Removes and returns the first `n` buffered bytes (a view when one chunk holds them). */
  #take(n: number): Uint8Array {
    const first = this.#chunks[0]!;
    let out: Uint8Array;
    if (first.length >= n) {
      out = first.subarray(0, n);
    } else {
      out = gather(this.#chunks, n);
    }
    let left = n;
    while (left > 0) {
      const c = this.#chunks[0]!;
      if (c.length <= left) {
        this.#chunks.shift();
        left -= c.length;
      } else {
        this.#chunks[0] = c.subarray(left);
        left = 0;
      }
    }
    this.#buffered -= n;
    return out;
  }
}

function gather(chunks: readonly Uint8Array[], n: number): Uint8Array {
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    const k = Math.min(c.length, n - at);
    out.set(c.subarray(0, k), at);
    at += k;
    if (at === n) break;
  }
  return out;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, "0")}`;
}

const TYPES = ["boolean", "boolean", "byte", "short", "integer", "long", "binary", "string", "timestamp", "uuid"] as const;

/** Decodes a headers section: name length (u8), name, type (u8), value — repeated. */
export function decodeHeaders(bytes: Uint8Array): Map<string, EventHeaderValue> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder("utf-8", { fatal: true });
  const headers = new Map<string, EventHeaderValue>();
  let at = 0;
  const need = (n: number, what: string) => {
    if (at + n > bytes.length) throw corrupt(`a header ${what} runs past the headers section`);
  };
  const utf8 = (b: Uint8Array, what: string): string => {
    try {
      return text.decode(b);
    } catch {
      throw corrupt(`a header ${what} is not UTF-8`);
    }
  };
  while (at < bytes.length) {
    const nameLength = bytes[at++]!;
    if (nameLength === 0) throw corrupt("a header with an empty name");
    need(nameLength, "name");
    const name = utf8(bytes.subarray(at, at + nameLength), "name");
    at += nameLength;
    need(1, "type");
    const typeCode = bytes[at++]!;
    const type = TYPES[typeCode];
    if (type === undefined) throw corrupt(`header ${name} has unknown value type ${typeCode}`);
    let value: EventHeaderValue;
    switch (typeCode) {
      case 0:
      case 1:
        value = { type: "boolean", value: typeCode === 0 };
        break;
      case 2:
        need(1, "value");
        value = { type: "byte", value: view.getInt8(at) };
        at += 1;
        break;
      case 3:
        need(2, "value");
        value = { type: "short", value: view.getInt16(at) };
        at += 2;
        break;
      case 4:
        need(4, "value");
        value = { type: "integer", value: view.getInt32(at) };
        at += 4;
        break;
      case 5:
        need(8, "value");
        value = { type: "long", value: view.getBigInt64(at) };
        at += 8;
        break;
      case 8:
        need(8, "value");
        value = { type: "timestamp", value: new Date(Number(view.getBigInt64(at))) };
        at += 8;
        break;
      case 9: {
        need(16, "value");
        const h = Array.from(bytes.subarray(at, at + 16), (b) => b.toString(16).padStart(2, "0")).join("");
        value = { type: "uuid", value: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` };
        at += 16;
        break;
      }
      default: {
        // 6 (binary) and 7 (string): a u16 length, then the bytes.
        need(2, "value length");
        const length = view.getUint16(at);
        at += 2;
        need(length, "value");
        const raw = bytes.subarray(at, at + length);
        at += length;
        value = typeCode === 6 ? { type: "binary", value: raw } : { type: "string", value: utf8(raw, `${name} value`) };
      }
    }
    headers.set(name, value);
  }
  return headers;
}
