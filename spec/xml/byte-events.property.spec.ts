/**
 * Differential property spec (issue 12): the hand-written byte tokenizer and sax, its oracle,
 * read the same generated listing bodies through the same listing parser and must agree on
 * every entry and the page metadata — whatever the escapes, references, CDATA, whitespace
 * and comments, and wherever the bytes are cut into chunks (inside UTF-8 sequences and
 * references too). Broken bodies (cut short, one byte changed, a DOCTYPE) must fail the same
 * way in both, after the same entries.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ObjectInfo } from "../../lib/model/object-info.js";
import { ListObjectsParser, type ListingKind, type ListPageMeta } from "../../lib/xml/list-objects.js";
import { parseUploadsListing } from "../../lib/xml/list-uploads.js";
import { listingArb, uploadsArb, type GeneratedListing } from "./listing-arbitraries.js";

type Tokenizer = "bytes" | "sax";

/** What a parse gave: the entries reported, then the page metadata or the error's class. */
interface Outcome {
  items: ObjectInfo[];
  meta?: ListPageMeta;
  error?: string;
}

function outcome(tokenizer: Tokenizer, kind: ListingKind, urlDecode: boolean, chunks: ReadonlyArray<Buffer | string>): Outcome {
  const items: ObjectInfo[] = [];
  const p = new ListObjectsParser(kind, "b", { urlDecode, tokenizer, onItem: (o) => items.push(o) });
  try {
    for (const c of chunks) p.write(c);
    return { items, meta: p.end() };
  } catch (err) {
    return { items, error: (err as Error).name };
  }
}

/** `bytes` cut at the given positions (taken modulo its length). */
function cut(bytes: Buffer, at: readonly number[]): Buffer[] {
  const cuts = [...new Set(at.map((n) => n % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const c of cuts) {
    out.push(bytes.subarray(from, c));
    from = c;
  }
  out.push(bytes.subarray(from));
  return out;
}

const RUNS = { numRuns: 300 };

/**
 * Where sax (strict mode) and XML 1.0 part ways — the only places the two tokenizers may
 * differ, the byte tokenizer following XML. Returns the construct found, or undefined.
 */
function saxQuirk(xml: string): string | undefined {
  const quirks: RegExp[] = [
    /<!(?!--|\[CDATA\[)/, // any `<!…>` but a comment or CDATA: sax ignores it as an "SGML declaration"
    /="[^"]*<|='[^']*</, // '<' in an attribute value: sax accepts it
    /\?\?>/, // a processing instruction ending in `??>`: sax misses the end and reads on
  ];
  for (const re of quirks) {
    const m = re.exec(xml);
    if (m) return m[0];
  }
  return undefined;
}

describe("byte tokenizer vs sax (differential, generated listings)", () => {
  it("agrees with sax and with the generator on every entry, cut into random chunks", () => {
    fc.assert(fc.property(listingArb(), fc.array(fc.nat(), { maxLength: 12 }), (doc: GeneratedListing, at) => {
      const bytes = Buffer.from(doc.xml, "utf8");
      const oracle = outcome("sax", doc.kind, doc.urlDecode, [doc.xml]);
      expect(oracle.error).toBeUndefined();
      expect(oracle.items.map((o) => o.objectName)).toEqual(doc.keys);
      expect(outcome("bytes", doc.kind, doc.urlDecode, cut(bytes, at))).toStrictEqual(oracle);
      // No reference survives decoding (s3mini leaves `&#34;` in every ETag).
      for (const o of oracle.items) if (o.etag !== undefined) expect(o.etag).toMatch(/^[0-9a-f]{32}$/);
    }), RUNS);
  });

  it("agrees for every two-piece cut of the bytes (UTF-8 sequences and references split everywhere)", () => {
    fc.assert(fc.property(listingArb(2), (doc) => {
      const bytes = Buffer.from(doc.xml, "utf8");
      const oracle = outcome("sax", doc.kind, doc.urlDecode, [doc.xml]);
      for (let c = 1; c < bytes.length; c++) {
        const got = outcome("bytes", doc.kind, doc.urlDecode, [bytes.subarray(0, c), bytes.subarray(c)]);
        if (got.error !== undefined || got.items.length !== oracle.items.length) expect({ cut: c, got }).toStrictEqual({ cut: c, got: oracle });
        expect(got).toStrictEqual(oracle);
      }
    }), { numRuns: 25 });
  });

  it("agrees on string chunks cut anywhere, also inside surrogate pairs", () => {
    fc.assert(fc.property(listingArb(), fc.array(fc.nat(), { maxLength: 12 }), (doc, at) => {
      const cuts = [...new Set(at.map((n) => n % (doc.xml.length + 1)))].sort((a, b) => a - b);
      const parts = [0, ...cuts].map((c, i, all) => doc.xml.slice(c, all[i + 1]));
      expect(outcome("bytes", doc.kind, doc.urlDecode, parts)).toStrictEqual(outcome("sax", doc.kind, doc.urlDecode, [doc.xml]));
    }), RUNS);
  });

  it("fails like sax, after the same entries, on a body cut short", () => {
    fc.assert(fc.property(listingArb(), fc.nat(), fc.array(fc.nat(), { maxLength: 6 }), (doc, n, at) => {
      const bytes = Buffer.from(doc.xml, "utf8");
      const short = bytes.subarray(0, n % bytes.length);
      const oracle = outcome("sax", doc.kind, doc.urlDecode, [short]);
      expect(outcome("bytes", doc.kind, doc.urlDecode, cut(short, at))).toStrictEqual(oracle);
    }), RUNS);
  });

  it("fails like sax on a body with one markup character changed", () => {
    const marks = ["<", ">", "&", ";", "/", "\"", "=", "!", "?", "]", "-", " ", "x", "#"];
    fc.assert(fc.property(listingArb(3), fc.nat(), fc.constantFrom(...marks), (doc, n, mark) => {
      const at = n % doc.xml.length;
      if (doc.xml.charCodeAt(at) >= 0xd800 && doc.xml.charCodeAt(at) <= 0xdfff) return; // keep the string well-formed UTF-16
      const xml = doc.xml.slice(0, at) + mark + doc.xml.slice(at + 1);
      const oracle = outcome("sax", doc.kind, doc.urlDecode, [xml]);
      const got = outcome("bytes", doc.kind, doc.urlDecode, [Buffer.from(xml, "utf8")]);
      if (saxQuirk(xml) !== undefined && !isDeepStrictEqual(got, oracle)) return;
      expect({ around: xml.slice(at - 20, at + 20), ...got }).toStrictEqual({ around: xml.slice(at - 20, at + 20), ...oracle });
    }), { numRuns: Number(process.env.MUTATION_RUNS ?? 2000) });
  });

  it("reads ListMultipartUploadsResult like sax and the generator", () => {
    fc.assert(fc.property(uploadsArb(), (doc) => {
      const oracle = parseUploadsListing(doc.xml, "sax");
      expect(oracle.uploads.map((u) => ({ key: u.key, uploadId: u.uploadId }))).toEqual(doc.uploads);
      expect(parseUploadsListing(Buffer.from(doc.xml, "utf8"))).toStrictEqual(oracle);
    }), RUNS);
  });

  it("refuses a DOCTYPE, like sax, wherever it stands before the root", () => {
    const doctypes = ['<!DOCTYPE x [<!ENTITY e "boom">]>', "<!DOCTYPE ListBucketResult>", '<!DOCTYPE x SYSTEM "file:///etc/passwd">'];
    fc.assert(fc.property(listingArb(2), fc.constantFrom(...doctypes), (doc, doctype) => {
      const root = doc.xml.indexOf(doc.kind === "versions" ? "<ListVersionsResult" : "<ListBucketResult");
      const xml = doc.xml.slice(0, root) + doctype + doc.xml.slice(root);
      for (const t of ["bytes", "sax"] as const) expect(outcome(t, doc.kind, doc.urlDecode, [xml])).toStrictEqual({ items: [], error: "InvalidResponseError" });
    }), { numRuns: 50 });
  });
});
