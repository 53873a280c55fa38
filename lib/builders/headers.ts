import { InvalidArgumentError } from "../errors.js";

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Headers that pass through as they are instead of becoming x-amz-meta-*. */
const STANDARD = new Set([
  "cache-control", "content-disposition", "content-encoding", "content-language", "content-type", "expires",
]);

/**
 * Turns user metadata into request headers the way the seed does: standard headers and
 * x-amz-* headers pass through, every other key becomes `x-amz-meta-<key>`.
 */
export function metadataHeaders(metadata: Readonly<Record<string, string | number | boolean>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!metadata) return out;
  for (const [rawKey, rawValue] of Object.entries(metadata)) {
    const key = rawKey.toLowerCase();
    if (!HEADER_NAME.test(key)) throw new InvalidArgumentError(`invalid metadata key ${JSON.stringify(rawKey)}`);
    const value = String(rawValue);
    if (/[\r\n]/.test(value)) throw new InvalidArgumentError(`metadata value of ${JSON.stringify(rawKey)} must not contain line breaks`);
    const name = STANDARD.has(key) || key.startsWith("x-amz-") ? key : `x-amz-meta-${key}`;
    out[name] = value;
  }
  return out;
}

/** Lower-cases header names, refuses names that are not HTTP tokens and values with line breaks. */
export function requestHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (!HEADER_NAME.test(k)) throw new InvalidArgumentError(`invalid header name ${JSON.stringify(k)}: use letters, digits and !#$%&'*+.^_\`|~-`);
    if (/[\r\n\0]/.test(String(v))) throw new InvalidArgumentError(`header ${k} must not contain line breaks`);
    out[k.toLowerCase()] = String(v);
  }
  return out;
}
