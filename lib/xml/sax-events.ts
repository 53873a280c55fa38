/**
 * Drives a small element-event handler from sax, for streamed responses (listings).
 * The handler says on `open` whether it wants an element's text, so text is accumulated
 * only for the few fields a parser keeps; sax runs in strict mode without position
 * tracking (measured: the cheapest sax configuration).
 */
import { StringDecoder } from "node:string_decoder";
import sax from "sax";
import { malformed } from "./decode.js";
import { StickyFailure } from "./sticky-failure.js";

/** Receives the events of a {@link SaxEvents}. */
export interface XmlEventHandler {
  /** An element opened (its name as written); return true to capture its text. */
  open(name: string): boolean;
  /**
   * The innermost open element closed. `text` is its entity-decoded text when `open`
   * asked for it and no child element intervened, else `""`.
   */
  close(text: string): void;
}

/** Streaming XML events: feed chunks with {@link write}, then call {@link end}. */
export class SaxEvents {
  readonly #parser: sax.SAXParser;
  readonly #decoder = new StringDecoder("utf8");
  #capture = false;
  #text = "";
  #depth = 0;
  #rootSeen = false;
  readonly #failure = new StickyFailure();

  constructor(handler: XmlEventHandler) {
    const p = sax.parser(true, { position: false, strictEntities: true } as sax.SAXOptions);
    p.onopentag = (tag) => {
      if (this.#depth === 0) {
        if (this.#rootSeen) throw malformed(`malformed XML: a second root element <${tag.name}>`);
        this.#rootSeen = true;
      }
      this.#depth++;
      this.#capture = handler.open(tag.name);
      this.#text = "";
    };
    p.ontext = (t) => {
      if (this.#capture) this.#text += t;
    };
    p.oncdata = p.ontext;
    p.onclosetag = () => {
      const text = this.#capture ? this.#text : "";
      this.#capture = false;
      this.#text = "";
      this.#depth--;
      handler.close(text);
    };
    p.ondoctype = () => {
      throw malformed("malformed XML: DOCTYPE is not allowed");
    };
    p.onerror = (err) => {
      throw malformed(`malformed XML: ${err.message.split("\n")[0]}`);
    };
    this.#parser = p;
  }

  /**
   * Parses a chunk (Buffers are decoded as UTF-8, also across chunk boundaries).
   * @throws InvalidResponseError if the document is malformed (and on every later call);
   * whatever the handler throws.
   */
  write(chunk: Buffer | string): void {
    this.#failure.run(() => this.#parser.write(typeof chunk === "string" ? chunk : this.#decoder.write(chunk)));
  }

  /**
   * Ends the document.
   * @throws InvalidResponseError if it is incomplete or malformed.
   */
  end(): void {
    this.#failure.run(() => {
      const tail = this.#decoder.end();
      if (tail !== "") this.#parser.write(tail);
      this.#parser.close();
      if (!this.#rootSeen) throw malformed("malformed XML: no root element");
      if (this.#depth !== 0) throw malformed("malformed XML: unexpected end of document");
    });
  }
}
