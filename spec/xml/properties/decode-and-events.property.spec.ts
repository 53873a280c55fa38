/**
 * Property tests of the shared decoders (form-encoded values, used with encoding-type=url) and
 * of the streaming event layer (SaxEvents) under any chunking: what parses whole parses the
 * same in chunks, and hostile input ends in InvalidResponseError, also fed byte by byte.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "../../../lib/index.js";
import { formDecode, parseFormPairs } from "../../../lib/xml/decode.js";
import { SaxEvents } from "../../../lib/xml/sax-events.js";
import { isTyped, RUNS, xmlText } from "./harness.js";

/** Form encoding as S3 writes it: percent-escaped UTF-8 with spaces as `+`. */
const formEncode = (s: string) => encodeURIComponent(s).replaceAll("%20", "+");
const anyText = fc.string({ unit: "binary", maxLength: 40 });

describe("formDecode / parseFormPairs", () => {
  it(`decodes what S3 encodes, for any text (${RUNS.roundTrip} runs)`, () => {
    fc.assert(fc.property(anyText, (s) => {
      expect(formDecode(formEncode(s))).toBe(s);
    }), { numRuns: RUNS.roundTrip });
  });

  it(`parses k=v pairs back, __proto__ included, later duplicates winning (${RUNS.roundTrip} runs)`, () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.oneof(anyText, fc.constant("__proto__")), anyText), { maxLength: 8 }), (pairs) => {
      const parsed = parseFormPairs(pairs.map(([k, v]) => `${formEncode(k)}=${formEncode(v)}`).join("&"));
      const expected = new Map<string, string>();
      for (const [k, v] of pairs) expected.set(k, v);
      expect(new Map(Object.entries(parsed))).toStrictEqual(expected);
      expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    }), { numRuns: RUNS.roundTrip });
  });

  it(`any string decodes or fails with InvalidResponseError (${RUNS.roundTrip} runs)`, () => {
    fc.assert(fc.property(fc.oneof(anyText, fc.stringMatching(/^[%0-9A-Fa-fzZ+&=]{0,20}$/)), (s) => {
      try {
        formDecode(s);
        parseFormPairs(s);
      } catch (err) {
        expect(err).toBeInstanceOf(InvalidResponseError);
      }
    }), { numRuns: RUNS.roundTrip });
  });
});

/** Records SaxEvents' open/close events (capturing every element's text). */
function events(chunks: ReadonlyArray<string | Buffer>): string[] {
  const out: string[] = [];
  const e = new SaxEvents({
    open: (name) => {
      out.push(`<${name}`);
      return true;
    },
    close: (text) => void out.push(`>${text}`),
  });
  for (const c of chunks) e.write(c);
  e.end();
  return out;
}

/** Cuts the UTF-8 bytes of `doc` at the given (sorted, deduplicated) positions. */
function cutBytes(doc: string, cuts: number[]): Buffer[] {
  const buf = Buffer.from(doc, "utf8");
  const at = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const c of at) {
    out.push(buf.subarray(from, c));
    from = c;
  }
  out.push(buf.subarray(from));
  return out;
}

/** A random small document: nested elements with text (escaped as a server would). */
const element: fc.Memo<string> = fc.memo((depth) => fc.tuple(
  fc.constantFrom("A", "Key", "x:Y", "Size"),
  depth <= 1 ? xmlText({ max: 12 }).map((t) => t.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")) : fc.array(element(depth - 1), { maxLength: 3 }).map((c) => c.join("")),
).map(([name, inner]) => `<${name}>${inner}</${name}>`));
const documentArb = fc.array(element(3), { maxLength: 4 }).map((c) => `<?xml version="1.0" encoding="UTF-8"?>\n<Root>${c.join("")}</Root>`);

describe("SaxEvents (streaming)", () => {
  it(`gives the same events whole and cut into any byte chunks, multi-byte characters split too (${RUNS.roundTrip} runs)`, () => {
    fc.assert(fc.property(documentArb, fc.array(fc.nat(), { maxLength: 12 }), (doc, cuts) => {
      expect(events(cutBytes(doc, cuts))).toStrictEqual(events([doc]));
    }), { numRuns: RUNS.roundTrip });
  });

  it(`truncation, a DOCTYPE, a second root or an undeclared entity fail with InvalidResponseError in any chunking (${RUNS.mutation} runs)`, () => {
    const hostile = fc.tuple(documentArb, fc.nat(), fc.constantFrom("truncate", "doctype", "second-root", "entity")).map(([doc, at, how]) => {
      const root = doc.indexOf("<Root>");
      switch (how) {
        case "truncate": return doc.slice(0, root + 1 + (at % (doc.length - root - 1)));
        case "doctype": return `${doc.slice(0, root)}<!DOCTYPE Root [<!ENTITY e "e">]>${doc.slice(root)}`;
        case "second-root": return `${doc}<Root/>`;
        default: return doc.replace("<Root>", "<Root><K>&e;</K>");
      }
    });
    fc.assert(fc.property(hostile, fc.array(fc.nat(), { maxLength: 12 }), (doc, cuts) => {
      expect(() => events(cutBytes(doc, cuts))).toThrow(InvalidResponseError);
    }), { numRuns: RUNS.mutation });
  });

  it(`byte flips in any chunking end cleanly or typed, and a failed parser keeps failing (${RUNS.mutation} runs)`, () => {
    fc.assert(fc.property(documentArb, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), (doc, flips, cuts) => {
      const buf = Buffer.from(doc, "utf8");
      for (const [pos, byte] of flips) buf[pos % buf.length] = byte;
      const e = new SaxEvents({ open: () => true, close: () => undefined });
      let failure: unknown;
      try {
        for (const c of cutBytes(buf.toString("latin1"), cuts)) e.write(Buffer.from(c.toString("utf8"), "latin1"));
        e.end();
      } catch (err) {
        failure = err;
      }
      if (failure !== undefined) {
        expect(isTyped(failure)).toBe(true);
        expect(() => e.end()).toThrow(InvalidResponseError);
      }
    }), { numRuns: RUNS.mutation });
  });
});
