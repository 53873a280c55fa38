/**
 * The byte tokenizer's own limits and failure modes: bounded names, texts and nesting, a
 * DOCTYPE refused before any event, arbitrary bytes ending in InvalidResponseError (never
 * another error, never a hang), and the element events it gives its handler.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "../../lib/errors.js";
import { ByteEvents, MAX_NAME, MAX_TOKEN } from "../../lib/xml/byte-events.js";
import type { XmlEventHandler } from "../../lib/xml/sax-events.js";

/** Records the events, capturing the text of every element. */
function recorder(): { handler: XmlEventHandler; events: string[] } {
  const events: string[] = [];
  return { events, handler: { open: (n) => (events.push(`<${n}>`), true), close: (t) => void events.push(`/${JSON.stringify(t)}`) } };
}

function run(chunks: ReadonlyArray<Buffer | string>): string[] {
  const { handler, events } = recorder();
  const e = new ByteEvents(handler);
  for (const c of chunks) e.write(c);
  e.end();
  return events;
}

function failure(chunks: ReadonlyArray<Buffer | string>): unknown {
  try {
    run(chunks);
  } catch (err) {
    return err;
  }
  return undefined;
}

describe("ByteEvents", () => {
  it("reports open and close with the decoded text of leaf elements only", () => {
    expect(run(["<a x='1'><b>1 &lt; 2</b><c/><d>x<e>y</e>z</d></a>"])).toEqual([
      "<a>", "<b>", '/"1 < 2"', "<c>", '/""', "<d>", "<e>", '/"y"', '/""', '/""',
    ]);
  });

  it("joins text around comments, processing instructions and CDATA", () => {
    expect(run(["<a>x<!-- c -->y<?p q?>z<![CDATA[<&>]]>w</a>"])).toEqual(["<a>", '/"xyz<&>w"']);
  });

  it("decodes entities and references cut anywhere across chunks", () => {
    const xml = "<a>&#x1F600;&#8364;&amp;é</a>";
    const bytes = Buffer.from(xml, "utf8");
    for (let c = 1; c < bytes.length; c++) {
      expect(run([bytes.subarray(0, c), bytes.subarray(c)])).toEqual(["<a>", '/"😀€&é"']);
    }
  });

  it("refuses a DOCTYPE before reporting any element", () => {
    const { handler, events } = recorder();
    const e = new ByteEvents(handler);
    expect(() => e.write('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')).toThrow(/DOCTYPE is not allowed/);
    expect(events).toEqual([]);
  });

  it("bounds a name, a text and the nesting depth", () => {
    const long = "n".repeat(MAX_NAME + 1);
    expect(failure([`<${long}></${long}>`])).toMatchObject({ message: expect.stringMatching(/a name longer than/) });
    expect(run([`<${long.slice(1)}/>`])).toHaveLength(2);
    expect(failure(["<a>", "x".repeat(MAX_TOKEN), "x".repeat(64), "</a>"])).toMatchObject({ message: expect.stringMatching(/a token longer than/) });
    // Runs each under the bound, split by comments, still add up to one bounded text.
    const run8 = "x".repeat(MAX_TOKEN / 8);
    expect(failure(["<a>", `${run8}<!---->`.repeat(9), "</a>"])).toMatchObject({ message: expect.stringMatching(/a text longer than/) });
    expect(failure(["<a>" + "<b>".repeat(300)])).toMatchObject({ message: expect.stringMatching(/nested too deep/) });
  });

  it("ends every arbitrary input in success or InvalidResponseError", () => {
    const markup = fc.constantFrom("<", ">", "/", "&", ";", "!", "?", "-", "[", "]", "=", "\"", "'", " ", "a", "#", "x", "CDATA", "<a>", "</a>");
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)), fc.array(markup, { maxLength: 40 }).map((a) => Buffer.from(a.join("")))), (buf) => {
      const err = failure([buf]);
      if (err !== undefined) expect(err).toBeInstanceOf(InvalidResponseError);
    }), { numRuns: 3000 });
  });

  it("keeps failing after a failure", () => {
    const e = new ByteEvents(recorder().handler);
    expect(() => e.write("<a></b>")).toThrow(InvalidResponseError);
    expect(() => e.write("</a>")).toThrow(InvalidResponseError);
    expect(() => e.end()).toThrow(InvalidResponseError);
  });
});
