/**
 * XML text decoding for the byte tokenizer: the five predefined entities and decimal/hex
 * character references (`&#34;`, `&#x22;` — Go's encoder, hence MinIO, writes `"` as `&#34;`).
 * Anything else after `&` is refused: a body with a DOCTYPE never gets this far, so no other
 * entity can be defined.
 */
import { malformed } from "./decode.js";

/** Longest reference accepted between `&` and `;` (`#x10FFFF` with leading zeros to spare). */
const MAX_REF = 32;

/**
 * `text` with every entity and character reference replaced by its character.
 * @throws InvalidResponseError on a bare `&`, an unknown entity or a reference to a
 * character XML does not allow.
 */
export function decodeEntities(text: string): string {
  let amp = text.indexOf("&");
  if (amp < 0) return text;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    const semi = text.indexOf(";", amp + 1);
    if (semi < 0 || semi - amp - 1 > MAX_REF) throw malformed(`malformed XML: unterminated entity in ${JSON.stringify(text.slice(amp, amp + 16))}`);
    out += text.slice(from, amp) + entityValue(text.slice(amp + 1, semi));
    from = semi + 1;
    amp = text.indexOf("&", from);
  }
  return out + text.slice(from);
}

function entityValue(name: string): string {
  switch (name) {
    case "quot": return "\"";
    case "amp": return "&";
    case "lt": return "<";
    case "gt": return ">";
    case "apos": return "'";
  }
  if (name.charCodeAt(0) === 0x23 /* # */) {
    const hex = name.charCodeAt(1) === 0x78; /* x */
    const digits = name.slice(hex ? 2 : 1);
    if (digits.length > 0 && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) {
      const cp = parseInt(digits, hex ? 16 : 10);
      if (isXmlChar(cp)) return String.fromCodePoint(cp);
    }
    throw malformed(`malformed XML: invalid character reference &${name};`);
  }
  throw malformed(`malformed XML: unknown entity &${name.slice(0, MAX_REF)};`);
}

/** XML 1.0's `Char` production. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}
