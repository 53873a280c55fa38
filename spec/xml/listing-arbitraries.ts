/**
 * fast-check generators of listing bodies (ListBucketResult V1/V2, ListVersionsResult) for the
 * differential spec of the byte tokenizer against sax: every text is written with a random mix
 * of raw characters, the five XML entities, decimal and hex character references (any case,
 * leading zeros) and CDATA sections, and the document with random whitespace, comments and
 * processing instructions between elements. Each body comes with the keys it encodes.
 */
import fc from "fast-check";
import type { ListingKind } from "../../lib/xml/list-objects.js";

/** A generated listing body and what it should decode to. */
export interface GeneratedListing {
  readonly kind: ListingKind;
  readonly urlDecode: boolean;
  readonly xml: string;
  /** The object names of the entries, in document order, as a correct parser reports them. */
  readonly keys: readonly string[];
}

/** An encoded text: its XML form and the string it stands for. */
interface Text {
  readonly xml: string;
  readonly raw: string;
}

const NAMED: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;" };
const SPECIAL = ["&", "<", ">", "\"", "'", " ", "\t", "\n", "\r", "/", "+", "%", "=", "]", "é", "€", "😀", "中", "\u00a0", "\u2028", "\uFFFD"];

/** One character of XML text (every code point XML allows, special ones often). */
const charArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 4, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xa0, max: 0xd7ff }).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xe000, max: 0xfffd }).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
);

/** How one character is written: raw, named entity, decimal or hex reference, inside CDATA. */
const MODES = 5;
const CDATA = 4;

function reference(cp: number, mode: number, zeros: number, upper: boolean): string {
  const pad = "0".repeat(zeros);
  if (mode === 2) return `&#${pad}${cp};`;
  const hex = cp.toString(16);
  return `&#x${pad}${upper ? hex.toUpperCase() : hex};`;
}

/** Writes `raw` as XML text, each character in its drawn mode (CDATA runs are merged). */
function encode(raw: string, modes: readonly number[]): string {
  let out = "";
  let cdata = "";
  let i = 0;
  for (const ch of raw) {
    const m = modes[i % modes.length]! % (MODES + 2); // a few extra draws leave more characters raw
    const mode = m >= MODES ? 0 : m;
    i++;
    if (mode === CDATA && ch !== "]") {
      cdata += ch;
      continue;
    }
    if (cdata !== "") {
      out += `<![CDATA[${cdata}]]>`;
      cdata = "";
    }
    const cp = ch.codePointAt(0)!;
    if (mode === 2 || mode === 3) out += reference(cp, mode, modes[i % modes.length]! % 3, (modes[(i + 1) % modes.length]! & 1) === 1);
    else if (mode === 1 && NAMED[ch] !== undefined) out += NAMED[ch];
    else out += ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch;
  }
  if (cdata !== "") out += `<![CDATA[${cdata}]]>`;
  return out;
}

/** A text of up to `max` characters, encoded with random modes. */
function textArb(max: number, min = 0): fc.Arbitrary<Text> {
  return fc.tuple(fc.array(charArb, { minLength: min, maxLength: max }), fc.array(fc.nat(50), { minLength: 1, maxLength: 8 }))
    .map(([chars, modes]) => {
      const raw = chars.join("");
      return { raw, xml: encode(raw, modes) };
    });
}

/** An `application/x-www-form-urlencoded` form of `s` (spaces as `+`), as S3 sends with encoding-type=url. */
function formEncode(s: string): string {
  return encodeURIComponent(s).replaceAll("%20", "+");
}

/** A key: URL-encoded first when the listing asks for it, then XML-encoded. */
function keyArb(urlDecode: boolean): fc.Arbitrary<Text> {
  if (!urlDecode) return textArb(24, 1);
  return fc.tuple(textArb(24, 1), fc.array(fc.nat(50), { minLength: 1, maxLength: 8 }))
    .map(([t, modes]) => ({ raw: t.raw, xml: encode(formEncode(t.raw), modes) }));
}

const hexArb = fc.array(fc.constantFrom(..."0123456789abcdef"), { minLength: 32, maxLength: 32 }).map((a) => a.join(""));
const etagArb = fc.tuple(hexArb, fc.constantFrom("&#34;", "&quot;", "\"", "&#x22;", "&#034;")).map(([h, q]) => `${q}${h}${q}`);
const dateArb = fc.date({ min: new Date("1970-01-01T00:00:00.000Z"), max: new Date("2100-01-01T00:00:00.000Z"), noInvalidDate: true }).map((d) => d.toISOString());
const metaNameArb = fc.oneof(fc.stringMatching(/^X-Amz-Meta-[A-Za-z0-9-]{1,10}$/), fc.constantFrom("content-type", "expires", "Cache-Control"));
const tagsArb = fc.array(fc.tuple(textArb(6, 1), textArb(6)), { maxLength: 3 }).chain((pairs) =>
  fc.array(fc.nat(50), { minLength: 1, maxLength: 8 }).map((modes) => encode(pairs.map(([k, v]) => `${formEncode(k.raw)}=${formEncode(v.raw)}`).join("&"), modes)));

/** Whitespace, comments and processing instructions that may sit between elements. */
const junkArb = fc.constantFrom("", "", "", "\n", "\n  ", " \t\r\n", "<!-- c -->", "<!---->", "<?pi x?>", "<!-- a > b -->");

interface Entry {
  readonly xml: (sep: () => string) => string;
  readonly key: string;
}

function el(name: string, body: string): string {
  return `<${name}>${body}</${name}>`;
}

function objectEntryArb(kind: ListingKind, urlDecode: boolean): fc.Arbitrary<Entry> {
  const tag = kind === "versions" ? fc.constantFrom("Version", "DeleteMarker") : fc.constant("Contents");
  return fc.record({
    tag, key: keyArb(urlDecode), date: dateArb, etag: etagArb, size: fc.nat(), ownerId: textArb(8), ownerName: textArb(8),
    storage: fc.constantFrom("STANDARD", "REDUCED_REDUNDANCY"), versionId: textArb(10, 1), isLatest: fc.boolean(),
    meta: fc.option(fc.array(fc.tuple(metaNameArb, textArb(12)), { maxLength: 3 })), tags: fc.option(tagsArb),
  }).map((e) => ({
    key: e.key.raw,
    xml: (sep) => {
      const parts = [el("Key", e.key.xml), el("LastModified", e.date)];
      if (e.tag !== "DeleteMarker") parts.push(el("ETag", e.etag), el("Size", String(e.size)));
      if (kind === "versions") parts.push(el("VersionId", e.versionId.xml), el("IsLatest", String(e.isLatest)));
      parts.push(el("Owner", el("ID", e.ownerId.xml) + sep() + el("DisplayName", e.ownerName.xml)));
      if (e.tag !== "DeleteMarker") parts.push(el("StorageClass", e.storage));
      if (e.meta !== null) parts.push(el("UserMetadata", e.meta.map(([n, v]) => el(n, v.xml)).join(sep())));
      if (e.tags !== null) parts.push(el("UserTags", e.tags));
      return el(e.tag, parts.map((p) => sep() + p).join("") + sep());
    },
  }));
}

function prefixEntryArb(urlDecode: boolean): fc.Arbitrary<Entry> {
  return keyArb(urlDecode).map((k) => ({ key: k.raw, xml: (sep) => el("CommonPrefixes", sep() + el("Prefix", k.xml) + sep()) }));
}

/** A whole listing body of up to `maxEntries` entries. */
export function listingArb(maxEntries = 6): fc.Arbitrary<GeneratedListing> {
  return fc.record({ kind: fc.constantFrom<ListingKind>("v2", "v1", "versions"), urlDecode: fc.boolean() }).chain(({ kind, urlDecode }) =>
    fc.record({
      entries: fc.array(fc.oneof({ weight: 4, arbitrary: objectEntryArb(kind, urlDecode) }, { weight: 1, arbitrary: prefixEntryArb(urlDecode) }), { maxLength: maxEntries }),
      junk: fc.array(junkArb, { minLength: 1, maxLength: 16 }),
      truncated: fc.boolean(), token: textArb(16), marker: keyArb(urlDecode), prefix: textArb(8),
      decl: fc.boolean(), bom: fc.boolean(),
    }).map((d) => {
      let n = 0;
      const sep = () => d.junk[n++ % d.junk.length]!;
      const root = kind === "versions" ? "ListVersionsResult" : "ListBucketResult";
      const header = [el("Name", "bucket"), el("Prefix", d.prefix.xml), el("MaxKeys", "1000"), el("IsTruncated", String(d.truncated))];
      if (kind === "v2") header.push(el("KeyCount", String(d.entries.length)), el("NextContinuationToken", d.token.xml));
      if (kind === "v1") header.push(el("Marker", ""), el("NextMarker", d.marker.xml));
      if (kind === "versions") header.push(el("NextKeyMarker", d.marker.xml), el("NextVersionIdMarker", d.token.xml));
      if (urlDecode) header.push(el("EncodingType", "url"));
      const body = [...header, ...d.entries.map((e) => e.xml(sep))].map((p) => sep() + p).join("") + sep();
      const xml = (d.bom ? "\uFEFF" : "") + (d.decl ? '<?xml version="1.0" encoding="UTF-8"?>\n' : "") +
        `<${root} xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${body}</${root}>` + sep();
      return { kind, urlDecode, xml, keys: d.entries.map((e) => e.key) };
    }));
}

/** A generated ListMultipartUploadsResult and the keys and upload ids it encodes. */
export interface GeneratedUploads {
  readonly xml: string;
  readonly uploads: ReadonlyArray<{ readonly key: string; readonly uploadId: string }>;
}

/** A ListMultipartUploadsResult body of up to `max` uploads. */
export function uploadsArb(max = 5): fc.Arbitrary<GeneratedUploads> {
  const upload = fc.record({ key: textArb(24, 1), uploadId: textArb(12, 1), date: dateArb, storage: fc.constantFrom("STANDARD", "") });
  return fc.record({ uploads: fc.array(upload, { maxLength: max }), junk: fc.array(junkArb, { minLength: 1, maxLength: 8 }), truncated: fc.boolean(), marker: textArb(12) })
    .map((d) => {
      let n = 0;
      const sep = () => d.junk[n++ % d.junk.length]!;
      const ups = d.uploads.map((u) => el("Upload", [el("Key", u.key.xml), el("UploadId", u.uploadId.xml), el("Initiator", el("ID", "x")),
        el("Initiated", u.date), el("StorageClass", u.storage)].map((p) => sep() + p).join("")));
      const header = [el("Bucket", "b"), el("KeyMarker", ""), el("NextKeyMarker", d.marker.xml), el("IsTruncated", String(d.truncated))];
      return {
        xml: `<?xml version="1.0" encoding="UTF-8"?>\n<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${[...header, ...ups].map((p) => sep() + p).join("")}</ListMultipartUploadsResult>`,
        uploads: d.uploads.map((u) => ({ key: u.key.raw, uploadId: u.uploadId.raw })),
      };
    });
}
