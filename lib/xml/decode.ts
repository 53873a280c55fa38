/**
 * Decoders shared by the XML parsers: `application/x-www-form-urlencoded` values
 * (S3's `encoding-type=url`) and the layer's malformed-body error.
 */
import { InvalidResponseError } from "../errors.js";

/** The error every parser of this layer throws for a body that is not what S3 sends. */
export function malformed(reason: string): InvalidResponseError {
  return new InvalidResponseError(200, "application/xml", reason);
}

/**
 * Decodes an `application/x-www-form-urlencoded` value: `+` is a space, then
 * percent-escapes are decoded as UTF-8 (a literal `+` arrives as `%2B`).
 * Values with neither `%` nor `+` are returned as is.
 * @throws InvalidResponseError on a malformed percent-escape.
 */
export function formDecode(s: string): string {
  if (s.indexOf("%") < 0) return s.indexOf("+") < 0 ? s : s.replaceAll("+", " ");
  try {
    return decodeURIComponent(s.indexOf("+") < 0 ? s : s.replaceAll("+", " "));
  } catch {
    throw malformed(`malformed URL-encoded value ${JSON.stringify(s.slice(0, 256))}`);
  }
}

/** Parses `k=v&k2=v2` (form-encoded) into a record; later duplicates win. */
export function parseFormPairs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of s.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    setOwn(out, formDecode(eq < 0 ? pair : pair.slice(0, eq)), eq < 0 ? "" : formDecode(pair.slice(eq + 1)));
  }
  return out;
}

/** `rec[key] = value`, also for `__proto__` (an own property, never the prototype). */
export function setOwn(rec: Record<string, string>, key: string, value: string): void {
  if (key === "__proto__") Object.defineProperty(rec, key, { value, enumerable: true, writable: true, configurable: true });
  else rec[key] = value;
}
