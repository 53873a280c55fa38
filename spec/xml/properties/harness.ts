/**
 * Property-test harness for the XML parsers: a subject is a model arbitrary, a writer
 * (model → XML, via our builder or a spec-side one), a parser and an equality check. Every
 * subject gets the same properties: round trip, and hostile mutations that must end in a
 * typed Quarry error (or, for mutations that may leave the document valid, a clean parse).
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { InvalidArgumentError, InvalidResponseError } from "../../../lib/index.js";

/** One parser under test. */
export interface Subject<M> {
  readonly name: string;
  readonly model: fc.Arbitrary<M>;
  /** Model → XML document. */
  write(model: M): string;
  /** XML document → model (the parser under test). */
  parse(xml: string): unknown;
  /** Asserts the parsed value stands for `model`. */
  same(parsed: unknown, model: M): void;
}

/** Runs per property; mutation properties that build big inputs run fewer. */
export const RUNS = { roundTrip: 200, mutation: 100, big: 4 } as const;

/** Whether `err` is one of the typed errors a parser may throw. */
export function isTyped(err: unknown): boolean {
  return err instanceof InvalidResponseError || err instanceof InvalidArgumentError;
}

/** Parses and returns "ok", or the error if it is typed; any other error fails the property. */
function outcome(parse: () => unknown): "ok" | Error {
  try {
    parse();
    return "ok";
  } catch (err) {
    if (!isTyped(err)) throw new Error(`untyped failure: ${String(err)}`, { cause: err });
    return err as Error;
  }
}

const DOCTYPE = '<!DOCTYPE r [<!ENTITY x "xxxxxxxxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;&x;&x;&x;&x;">]>';

/** After the XML declaration (if any): where a DOCTYPE or prolog material goes. */
function afterDeclaration(xml: string): number {
  return xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
}

/** Right after the root element's start tag. */
function insideRoot(xml: string): number {
  const from = afterDeclaration(xml);
  return xml.indexOf(">", xml.indexOf("<", from)) + 1;
}

/** Declares the standard properties of a subject (call inside a describe). */
export function parserProperties<M>(s: Subject<M>): void {
  it(`${s.name}: a random valid document round-trips (${RUNS.roundTrip} runs)`, () => {
    fc.assert(fc.property(s.model, (m) => {
      s.same(s.parse(s.write(m)), m);
    }), { numRuns: RUNS.roundTrip });
  });

  it(`${s.name}: a truncated document is an InvalidResponseError (${RUNS.mutation} runs)`, () => {
    fc.assert(fc.property(s.model, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (m, at) => {
      const xml = s.write(m);
      const end = xml.lastIndexOf(">"); // cut strictly before the root's closing '>'
      const cut = xml.slice(0, 1 + Math.floor(at * end));
      expect(() => s.parse(cut)).toThrow(InvalidResponseError);
    }), { numRuns: RUNS.mutation });
  });

  it(`${s.name}: flipped bytes parse cleanly or fail typed (${RUNS.mutation} runs)`, () => {
    fc.assert(fc.property(s.model, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 0xffff })), { minLength: 1, maxLength: 8 }), (m, flips) => {
      const chars = [...s.write(m)];
      for (const [pos, code] of flips) chars[pos % chars.length] = String.fromCharCode(code);
      outcome(() => s.parse(chars.join("")));
    }), { numRuns: RUNS.mutation });
  });

  it(`${s.name}: a DOCTYPE (with entities) is refused (${RUNS.mutation} runs)`, () => {
    fc.assert(fc.property(s.model, fc.boolean(), (m, useEntity) => {
      const xml = s.write(m);
      const at = afterDeclaration(xml);
      let doc = xml.slice(0, at) + DOCTYPE + xml.slice(at);
      if (useEntity) {
        const inside = insideRoot(doc);
        doc = doc.slice(0, inside) + "<Boom>&y;</Boom>" + doc.slice(inside);
      }
      expect(() => s.parse(doc)).toThrow(InvalidResponseError);
    }), { numRuns: RUNS.mutation });
  });

  it(`${s.name}: an undeclared entity reference is refused (${RUNS.mutation} runs)`, () => {
    fc.assert(fc.property(s.model, fc.constantFrom("&lol;", "&nbsp;", "&#xFFFFFFFF;", "&#0;", "&"), (m, ref) => {
      const xml = s.write(m);
      const inside = insideRoot(xml);
      const doc = `${xml.slice(0, inside)}<Junk>${ref}</Junk>${xml.slice(inside)}`;
      expect(() => s.parse(doc)).toThrow(InvalidResponseError);
    }), { numRuns: RUNS.mutation });
  });

  it(`${s.name}: deep nesting ends cleanly or typed, without overflowing the stack (${RUNS.big} runs)`, () => {
    fc.assert(fc.property(s.model, fc.integer({ min: 1_000, max: 20_000 }), fc.boolean(), (m, depth, closed) => {
      const xml = s.write(m);
      const inside = insideRoot(xml);
      const nest = "<d>".repeat(depth) + (closed ? "</d>".repeat(depth) : "");
      const result = outcome(() => s.parse(xml.slice(0, inside) + nest + xml.slice(inside)));
      if (!closed) expect(result).toBeInstanceOf(InvalidResponseError);
    }), { numRuns: RUNS.big });
  });

  it(`${s.name}: huge text ends cleanly or typed, in bounded time (${RUNS.big} runs)`, () => {
    fc.assert(fc.property(s.model, fc.constant(1), fc.constantFrom("a", " ", "<![CDATA[c]]>", "&amp;"), (m, mib, unit) => {
      const xml = s.write(m);
      const inside = insideRoot(xml);
      const text = unit.repeat(Math.ceil((mib * 1024 * 1024) / unit.length));
      const started = Date.now();
      outcome(() => s.parse(`${xml.slice(0, inside)}<Huge>${text}</Huge>${xml.slice(inside)}`));
      expect(Date.now() - started).toBeLessThan(10_000);
    }), { numRuns: RUNS.big });
  });

  it(`${s.name}: arbitrary strings never fail untyped (${RUNS.mutation} runs)`, () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom("", " ", "<", "<a", "<a/>", "<?xml?>", "<a></b>", "<a/><b/>")), (text) => {
      outcome(() => s.parse(text));
    }), { numRuns: RUNS.mutation });
  });
}

/**
 * Spec-side escaping for xmlbuilder2's `.txt()` (which escapes `<` and `>` but leaves
 * entity-looking `&…;` alone): the written document then carries exactly `text`.
 */
export function esc(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("\r", "&#13;");
}

/** Text XML 1.0 can carry, any length up to `max`; optionally without surrounding spaces. */
export function xmlText(options: { min?: number; max?: number; trimmed?: boolean } = {}): fc.Arbitrary<string> {
  const unit = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(..."abcXYZ019-_./:*?&<>\"' ") },
    { weight: 2, arbitrary: fc.constantFrom("é", "ß", "日", "😀", "\t", "\n", "]]>", "&amp;") },
    { weight: 1, arbitrary: fc.integer({ min: 0x20, max: 0xd7ff }).map((c) => String.fromCharCode(c)) },
  );
  const s = fc.array(unit, { minLength: options.min ?? 0, maxLength: options.max ?? 24 }).map((u) => u.join(""));
  return options.trimmed ? s.map((t) => t.trim()).filter((t) => t.length >= (options.min ?? 0)) : s;
}
