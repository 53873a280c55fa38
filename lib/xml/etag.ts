/**
 * ETags arrive quoted (`"abc"`), in headers and in XML text alike (sax has already decoded
 * `&quot;`). One place strips the quotes for every response parser.
 */

/** An ETag without its surrounding double quotes. */
export function unquoteETag(s: string): string {
  const n = s.length;
  return n >= 2 && s.charCodeAt(0) === 34 && s.charCodeAt(n - 1) === 34 ? s.slice(1, n - 1) : s;
}
