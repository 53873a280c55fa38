/**
 * Text for request bodies built with xmlbuilder2. Its serializer escapes a `&` only when it
 * does not start an entity reference, so a value such as `a&amp;b` or `&#65;` would reach the
 * server as `a&b` or `A`; and a raw CR is turned into LF by every XML parser. {@link literal}
 * makes the value arrive exactly as given.
 */
import { InvalidArgumentError } from "../errors.js";

/** Characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF). */
export const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * Prepares `value` for xmlbuilder2's `.txt()`: every `&` becomes `&amp;` (which the serializer
 * then leaves alone) and CR becomes `&#13;` (a decimal reference: the serializer escapes hex ones), so the parsed text equals `value`.
 * @throws InvalidArgumentError if `value` holds a character XML cannot carry.
 */
export function literal(value: string): string {
  if (NOT_XML.test(value)) throw new InvalidArgumentError(`${JSON.stringify(value.slice(0, 64))} has a character XML cannot carry`);
  return value.replaceAll("&", "&amp;").replaceAll("\r", "&#13;");
}
