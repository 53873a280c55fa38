/**
 * A hand-written streaming XML tokenizer over UTF-8 bytes, for the listing hot path (issue 12:
 * sax alone costs more per key than the whole client budget). It drives the same
 * {@link XmlEventHandler} as {@link SaxEvents}, with the same events, so the listing parsers
 * do not know which one feeds them; sax stays the parser of every other document and is the
 * oracle this one is tested against (spec/xml/byte-events.property.spec.ts).
 *
 * What it accepts: elements, attributes (checked, then dropped), text with the five XML
 * entities and decimal/hex character references, CDATA, comments, processing instructions,
 * a leading BOM. What it refuses, with InvalidResponseError: DOCTYPE (so no entity
 * declarations), unknown entities, references to non-XML characters, mismatched or missing
 * tags, text outside the root, a second root, names longer than {@link MAX_NAME}, texts and
 * other constructs longer than {@link MAX_TOKEN}, elements nested deeper than 256.
 *
 * How it streams: each write scans every complete construct of the chunk; the unfinished
 * tail (a tag or a text run cut by the chunk boundary) is kept and scanned again with the
 * next chunk, so UTF-8 sequences and references split across chunks decode as if whole.
 */
import { decodeEntities } from "./entities.js";
import { malformed } from "./decode.js";
import { StickyFailure } from "./sticky-failure.js";
import type { XmlEventHandler } from "./sax-events.js";

/** Longest tag, text (of one element), comment or processing instruction accepted (bytes or characters). */
export const MAX_TOKEN = 1 << 20;
/** Longest element or attribute name accepted (bytes). */
export const MAX_NAME = 16 << 10;
/** Deepest element nesting accepted (listings nest four deep). */
const MAX_DEPTH = 256;

const LT = 0x3c, GT = 0x3e, AMP = 0x26, SLASH = 0x2f, BANG = 0x21, QUESTION = 0x3f, EQ = 0x3d;
const DQUOTE = 0x22, SQUOTE = 0x27, DASH = 0x2d, LBRACKET = 0x5b;

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x09 || b === 0x0d;
/** Name start: ASCII letters, `_`, `:`, or any non-ASCII byte (validated loosely: UTF-8 lead/continuation). */
const isNameStart = (b: number): boolean => (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || b === 0x5f || b === 0x3a || b >= 0x80;
const isNameChar = (b: number): boolean => isNameStart(b) || (b >= 0x30 && b <= 0x39) || b === DASH || b === 0x2e;

/** Node's Buffer string slicers without `toString`'s argument handling (absent from its typings). */
interface RawSlices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}
const RAW_SLICES = typeof (Buffer.prototype as Partial<RawSlices>).latin1Slice === "function" &&
  typeof (Buffer.prototype as Partial<RawSlices>).utf8Slice === "function";

/** `buf[start, end)` decoded as ASCII (the caller checked every byte is below 0x80). */
function asciiSlice(buf: Buffer, start: number, end: number): string {
  return RAW_SLICES ? (buf as unknown as RawSlices).latin1Slice(start, end) : buf.toString("latin1", start, end);
}

/** `buf[start, end)` decoded as UTF-8 (invalid sequences become U+FFFD, as with sax's decoder). */
function utf8Slice(buf: Buffer, start: number, end: number): string {
  return RAW_SLICES ? (buf as unknown as RawSlices).utf8Slice(start, end) : buf.toString("utf8", start, end);
}

/** Returned by a scan step when the construct is not complete in the buffer. */
const INCOMPLETE = -1;
/** Slots of the element-name cache (a power of two). */
const NAME_CACHE = 64;

/** Streaming XML events from UTF-8 bytes: feed chunks with {@link write}, then call {@link end}. */
export class ByteEvents {
  readonly #handler: XmlEventHandler;
  readonly #stack: string[] = [];
  /** Recently seen element names, so a repeated name is one string, not one per tag. */
  readonly #names: string[] = new Array<string>(NAME_CACHE).fill("");
  #pending: Buffer | undefined;
  #highSurrogate = "";
  #started = false;
  #rootSeen = false;
  #capture = false;
  #text = "";
  readonly #failure = new StickyFailure();

  /** @param handler - Receives the element events. */
  constructor(handler: XmlEventHandler) {
    this.#handler = handler;
  }

  /**
   * Parses a chunk (Buffers are UTF-8; a multi-byte character, reference or tag may be split
   * across chunks, and a string chunk may end inside a surrogate pair).
   * @throws InvalidResponseError if the document is malformed (and on every later call);
   * whatever the handler throws.
   */
  write(chunk: Buffer | string): void {
    this.#failure.run(() => this.#feed(typeof chunk === "string" ? this.#stringBytes(chunk) : chunk, false));
  }

  /**
   * Ends the document.
   * @throws InvalidResponseError if it is incomplete or malformed.
   */
  end(): void {
    this.#failure.run(() => {
      const tail = this.#highSurrogate;
      this.#highSurrogate = "";
      this.#feed(Buffer.from(tail, "utf8"), true);
      if (!this.#rootSeen) throw malformed("malformed XML: no root element");
      if (this.#stack.length !== 0) throw malformed("malformed XML: unexpected end of document");
    });
  }

  /** The UTF-8 bytes of a string chunk, holding back a trailing high surrogate for the next one. */
  #stringBytes(s: string): Buffer {
    s = this.#highSurrogate + s;
    this.#highSurrogate = "";
    const last = s.charCodeAt(s.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.#highSurrogate = s.slice(-1);
      s = s.slice(0, -1);
    }
    return Buffer.from(s, "utf8");
  }

  #feed(chunk: Buffer, final: boolean): void {
    let buf = chunk;
    let pos = 0;
    const pending = this.#pending;
    if (pending !== undefined) {
      this.#pending = undefined;
      // The cut construct usually ends at the chunk's first '>': finish it in a small joined
      // buffer and go on in `chunk` itself, rather than copying the whole chunk behind it.
      const gt = final || !this.#started ? -1 : chunk.indexOf(GT);
      if (gt < 0) {
        buf = Buffer.concat([pending, chunk]);
      } else {
        const head = Buffer.concat([pending, chunk.subarray(0, gt + 1)]);
        const used = this.#scan(head, 0, false);
        if (used === head.length) pos = gt + 1;
        else buf = Buffer.concat([head.subarray(used), chunk.subarray(gt + 1)]);
      }
    }
    if (!this.#started) {
      if (buf.length < 3 && !final && isBomPrefix(buf)) {
        this.#pending = Buffer.from(buf);
        return;
      }
      this.#started = true;
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
    }
    const used = this.#scan(buf, pos, final);
    if (used < buf.length) {
      if (final) throw malformed("malformed XML: unexpected end of document");
      if (buf.length - used > MAX_TOKEN) throw malformed(`malformed XML: a token longer than ${MAX_TOKEN} bytes`);
      this.#pending = Buffer.from(buf.subarray(used)); // a copy: the caller owns `chunk`
    }
  }

  /** Scans complete constructs from `pos`; returns where the unfinished tail starts. */
  #scan(buf: Buffer, pos: number, final: boolean): number {
    const len = buf.length;
    while (pos < len) {
      if (buf[pos] !== LT) {
        // A text run up to the next '<' (or the end of the buffer).
        let i = pos;
        let plain = true; // only whitespace so far
        let amp = false;
        let high = 0; // OR of the bytes: below 0x80 for ASCII text
        for (; i < len; i++) {
          const b = buf[i]!;
          if (b === LT) break;
          high |= b;
          if (b === AMP) amp = true;
          else if (plain && !isSpace(b)) plain = false;
        }
        if (i === len && !final) return pos; // the run may go on in the next chunk
        this.#onText(buf, pos, i, plain, amp, high < 0x80);
        pos = i;
        continue;
      }
      const next = this.#tag(buf, pos);
      if (next === INCOMPLETE) return pos;
      pos = next;
    }
    return pos;
  }

  #onText(buf: Buffer, start: number, end: number, plain: boolean, amp: boolean, ascii: boolean): void {
    if (this.#stack.length === 0) {
      if (!plain || amp) throw malformed("malformed XML: text outside the root element");
      return;
    }
    if (this.#capture) {
      const raw = ascii ? asciiSlice(buf, start, end) : utf8Slice(buf, start, end);
      this.#text += amp ? decodeEntities(raw) : raw;
      if (this.#text.length > MAX_TOKEN) throw malformed(`malformed XML: a text longer than ${MAX_TOKEN} characters`);
    } else if (amp) {
      decodeEntities(utf8Slice(buf, start, end)); // validated, as sax does
    }
  }

  /** Scans the markup at `lt` (which is '<'); returns the position after it, or INCOMPLETE. */
  #tag(buf: Buffer, lt: number): number {
    const len = buf.length;
    if (lt + 1 >= len) return INCOMPLETE;
    const b = buf[lt + 1]!;
    if (b === SLASH) return this.#closeTag(buf, lt);
    if (b === QUESTION) {
      const end = buf.indexOf("?>", lt + 2, "latin1");
      return end < 0 ? INCOMPLETE : end + 2;
    }
    if (b === BANG) return this.#bang(buf, lt);
    return this.#openTag(buf, lt);
  }

  /** `<!--…-->`, `<![CDATA[…]]>`; refuses `<!DOCTYPE` and any other declaration. */
  #bang(buf: Buffer, lt: number): number {
    const len = buf.length;
    if (lt + 4 > len) return INCOMPLETE;
    if (buf[lt + 2] === DASH && buf[lt + 3] === DASH) {
      const dd = buf.indexOf("--", lt + 4, "latin1");
      if (dd < 0 || dd + 2 >= len) return INCOMPLETE;
      if (buf[dd + 2] !== GT) throw malformed("malformed XML: '--' inside a comment");
      return dd + 3;
    }
    if (lt + 9 > len) return INCOMPLETE;
    if (buf[lt + 2] === LBRACKET && buf.toString("latin1", lt + 3, lt + 9) === "CDATA[") {
      const end = buf.indexOf("]]>", lt + 9, "latin1");
      if (end < 0) return INCOMPLETE;
      if (this.#stack.length === 0) throw malformed("malformed XML: CDATA outside the root element");
      if (this.#capture) {
        this.#text += utf8Slice(buf, lt + 9, end);
        if (this.#text.length > MAX_TOKEN) throw malformed(`malformed XML: a text longer than ${MAX_TOKEN} characters`);
      }
      return end + 3;
    }
    if (buf.toString("latin1", lt + 2, lt + 9).toUpperCase() === "DOCTYPE") throw malformed("malformed XML: DOCTYPE is not allowed");
    throw malformed("malformed XML: unexpected declaration");
  }

  /** The end of the name starting at `at` (a name character is required there). */
  #nameEnd(buf: Buffer, at: number): number {
    const len = buf.length;
    if (at >= len) return INCOMPLETE;
    if (!isNameStart(buf[at]!)) throw malformed("malformed XML: invalid character at the start of a name");
    let i = at + 1;
    while (i < len && isNameChar(buf[i]!)) i++;
    if (i - at > MAX_NAME) throw malformed(`malformed XML: a name longer than ${MAX_NAME} bytes`);
    return i === len ? INCOMPLETE : i;
  }

  #openTag(buf: Buffer, lt: number): number {
    const nameEnd = this.#nameEnd(buf, lt + 1);
    if (nameEnd === INCOMPLETE) return INCOMPLETE;
    const end = this.#attributes(buf, nameEnd);
    if (end === INCOMPLETE) return INCOMPLETE;
    const selfClosing = buf[end - 2] === SLASH;
    const name = this.#name(buf, lt + 1, nameEnd);
    const stack = this.#stack;
    if (stack.length === 0) {
      if (this.#rootSeen) throw malformed(`malformed XML: a second root element <${name}>`);
      this.#rootSeen = true;
    } else if (stack.length >= MAX_DEPTH) {
      throw malformed("malformed XML: elements nested too deep");
    }
    stack.push(name);
    this.#text = "";
    this.#capture = this.#handler.open(name);
    if (selfClosing) this.#close();
    return end;
  }

  /** Checks the attributes from `at` to the tag's `>` or `/>`; returns the position after it. */
  #attributes(buf: Buffer, at: number): number {
    const len = buf.length;
    let i = at;
    for (;;) {
      const start = i;
      while (i < len && isSpace(buf[i]!)) i++;
      if (i >= len) return INCOMPLETE;
      const b = buf[i]!;
      if (b === GT) return i + 1;
      if (b === SLASH) {
        if (i + 1 >= len) return INCOMPLETE;
        if (buf[i + 1] !== GT) throw malformed("malformed XML: '/' not followed by '>' in a tag");
        return i + 2;
      }
      if (i === start) throw malformed("malformed XML: invalid character in a tag");
      const nameEnd = this.#nameEnd(buf, i);
      if (nameEnd === INCOMPLETE) return INCOMPLETE;
      i = nameEnd;
      while (i < len && isSpace(buf[i]!)) i++;
      if (i >= len) return INCOMPLETE;
      if (buf[i] !== EQ) throw malformed("malformed XML: attribute without a value");
      i++;
      while (i < len && isSpace(buf[i]!)) i++;
      if (i >= len) return INCOMPLETE;
      const quote = buf[i]!;
      if (quote !== DQUOTE && quote !== SQUOTE) throw malformed("malformed XML: unquoted attribute value");
      const close = buf.indexOf(quote, i + 1);
      if (close < 0) return INCOMPLETE;
      const value = utf8Slice(buf, i + 1, close);
      if (value.includes("<")) throw malformed("malformed XML: '<' in an attribute value");
      if (value.includes("&")) decodeEntities(value);
      i = close + 1;
    }
  }

  #closeTag(buf: Buffer, lt: number): number {
    const nameEnd = this.#nameEnd(buf, lt + 2);
    if (nameEnd === INCOMPLETE) return INCOMPLETE;
    const len = buf.length;
    let i = nameEnd;
    while (i < len && isSpace(buf[i]!)) i++;
    if (i >= len) return INCOMPLETE;
    if (buf[i] !== GT) throw malformed("malformed XML: invalid character in a closing tag");
    const stack = this.#stack;
    const open = stack[stack.length - 1];
    if (open === undefined) throw malformed("malformed XML: a closing tag without an open element");
    if (!sameName(buf, lt + 2, nameEnd, open)) {
      throw malformed(`malformed XML: unexpected close tag </${nameString(buf, lt + 2, nameEnd)}>, expected </${open}>`);
    }
    this.#close();
    return i + 1;
  }

  /** The element name in `buf[start, end)`, from the cache when it was seen recently. */
  #name(buf: Buffer, start: number, end: number): string {
    const slot = ((end - start) * 31 + buf[start]! * 7 + buf[end - 1]!) & (NAME_CACHE - 1);
    const cached = this.#names[slot]!;
    if (cached.length === end - start && sameName(buf, start, end, cached)) return cached;
    return (this.#names[slot] = nameString(buf, start, end));
  }

  #close(): void {
    const text = this.#capture ? this.#text : "";
    this.#capture = false;
    this.#text = "";
    this.#stack.pop();
    this.#handler.close(text);
  }
}

function isBomPrefix(buf: Buffer): boolean {
  return (buf.length < 1 || buf[0] === 0xef) && (buf.length < 2 || buf[1] === 0xbb);
}

/** The name in `buf[start, end)` as a string (ASCII names, the usual case, without UTF-8 decoding). */
function nameString(buf: Buffer, start: number, end: number): string {
  for (let i = start; i < end; i++) if (buf[i]! >= 0x80) return utf8Slice(buf, start, end);
  return asciiSlice(buf, start, end);
}

/** Whether `buf[start, end)` spells `name`, without building a string for ASCII names. */
function sameName(buf: Buffer, start: number, end: number, name: string): boolean {
  if (end - start === name.length) {
    let i = 0;
    for (; i < name.length; i++) {
      const b = buf[start + i]!;
      if (b >= 0x80) break;
      if (b !== name.charCodeAt(i)) return false;
    }
    if (i === name.length) return true;
  }
  return utf8Slice(buf, start, end) === name;
}
