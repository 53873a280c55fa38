import { InvalidArgumentError } from "../errors.js";

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
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(key)) throw new InvalidArgumentError(`invalid metadata key ${JSON.stringify(rawKey)}`);
    const value = String(rawValue);
    if (/[\r\n]/.test(value)) throw new InvalidArgumentError(`metadata value of ${JSON.stringify(rawKey)} must not contain line breaks`);
    const name = STANDARD.has(key) || key.startsWith("x-amz-") ? key : `x-amz-meta-${key}`;
    out[name] = value;
  }
  return out;
}

/** Lower-cases header names and refuses values with line breaks. */
export function requestHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (/[\r\n]/.test(v)) throw new InvalidArgumentError(`header ${k} must not contain line breaks`);
    out[k.toLowerCase()] = v;
  }
  return out;
}
