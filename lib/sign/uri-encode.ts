/**
 * RFC 3986 percent-encoding as SigV4 defines it, and the canonical query string built
 * from it. Both are on the hot path of every request, so the common case — nothing to
 * encode — returns the input string without allocating.
 */

/** 1 for the RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~`, 0 for other ASCII. */
const UNRESERVED = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const isAlnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (isAlnum || c === 0x2d || c === 0x2e || c === 0x5f || c === 0x7e) UNRESERVED[c] = 1;
}

/** `%XX` (upper-case hex) for every byte value. */
const PCT: readonly string[] = Array.from({ length: 256 }, (_, b) => `%${b < 16 ? "0" : ""}${b.toString(16).toUpperCase()}`);

const SLASH = 0x2f;

/**
 * Percent-encodes `s` the SigV4 way: every UTF-8 byte outside the RFC 3986 unreserved set
 * (`A-Z a-z 0-9 - . _ ~`) becomes `%XX` with upper-case hex. `/` is encoded too when
 * `encodeSlash` is true (query names and values), and kept when false (object-key paths).
 *
 * Unlike `encodeURIComponent`, it also encodes `! ' ( ) *`. Returns `s` itself when nothing
 * needs encoding.
 *
 * @param s - The text to encode (not already encoded: `%` is encoded as `%25`).
 * @param encodeSlash - Whether `/` is encoded as `%2F`.
 * @returns The encoded text.
 * @throws URIError if `s` contains a lone UTF-16 surrogate (it has no UTF-8 encoding).
 */
export function uriEncode(s: string, encodeSlash: boolean): string {
  const n = s.length;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 || (UNRESERVED[c] === 0 && (encodeSlash || c !== SLASH))) break;
  }
  if (i === n) return s;

  let out = s.slice(0, i);
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      out += UNRESERVED[c] === 1 || (c === SLASH && !encodeSlash) ? s[i] : PCT[c];
    } else if (c < 0x800) {
      out += PCT[0xc0 | (c >> 6)] + PCT[0x80 | (c & 0x3f)];
    } else if (c < 0xd800 || c >= 0xe000) {
      out += PCT[0xe0 | (c >> 12)] + PCT[0x80 | ((c >> 6) & 0x3f)] + PCT[0x80 | (c & 0x3f)];
    } else {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c >= 0xdc00 || d < 0xdc00 || d >= 0xe000) throw new URIError(`uriEncode: lone surrogate at index ${i}`);
      const cp = 0x10000 + ((c & 0x3ff) << 10) + (d & 0x3ff);
      out += PCT[0xf0 | (cp >> 18)] + PCT[0x80 | ((cp >> 12) & 0x3f)] + PCT[0x80 | ((cp >> 6) & 0x3f)] + PCT[0x80 | (cp & 0x3f)];
      i++;
    }
  }
  return out;
}

/**
 * Builds the SigV4 canonical query string: each name and value encoded with
 * `uriEncode(…, true)`, pairs sorted by encoded name and then encoded value (byte order),
 * joined as `name=value` with `&`. An empty value gives `name=`. Duplicate names are kept.
 *
 * The same string is valid as the wire query, so the executor sends exactly what it signed.
 *
 * @param query - Query parameters, not encoded, in any order.
 * @returns The canonical query string, without a leading `?` (empty for no parameters).
 */
export function canonicalQueryString(query: ReadonlyArray<readonly [string, string]>): string {
  const n = query.length;
  if (n === 0) return "";
  if (n === 1) return `${uriEncode(query[0][0], true)}=${uriEncode(query[0][1], true)}`;
  const pairs = new Array<[string, string]>(n);
  for (let i = 0; i < n; i++) pairs[i] = [uriEncode(query[i][0], true), uriEncode(query[i][1], true)];
  // Encoded strings are ASCII, so UTF-16 comparison is byte order. Compare names first:
  // sorting the joined "name=value" strings would put "a-b=…" before "a=…".
  pairs.sort(comparePairs);
  let out = `${pairs[0][0]}=${pairs[0][1]}`;
  for (let i = 1; i < n; i++) out += `&${pairs[i][0]}=${pairs[i][1]}`;
  return out;
}

function comparePairs(a: readonly [string, string], b: readonly [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}
