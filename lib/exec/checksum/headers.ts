/**
 * The `x-amz-checksum-*` response headers as {@link ObjectChecksums} fields. Pure.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { ObjectChecksums } from "../../model/checksums.js";

/** Header name → field name, for every checksum S3 defines. */
export const CHECKSUM_HEADERS = {
  "x-amz-checksum-crc32": "checksumCRC32",
  "x-amz-checksum-crc32c": "checksumCRC32C",
  "x-amz-checksum-crc64nvme": "checksumCRC64NVME",
  "x-amz-checksum-sha1": "checksumSHA1",
  "x-amz-checksum-sha256": "checksumSHA256",
  "x-amz-checksum-type": "checksumType",
} as const satisfies Record<string, keyof ObjectChecksums>;

/** The request header that asks GET/HEAD to return the object's checksums. */
export const CHECKSUM_MODE = "x-amz-checksum-mode";

/** The checksums a response carries (no fields when it carries none). */
export function checksumsFromHeaders(h: IncomingHttpHeaders): ObjectChecksums {
  const out: Record<string, string> = {};
  for (const [header, field] of Object.entries(CHECKSUM_HEADERS)) {
    const v = h[header];
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined && value !== "") out[field] = value;
  }
  return out as ObjectChecksums;
}

/** Whether request headers ask for checksums (`x-amz-checksum-mode: ENABLED`, any case). */
export function asksChecksums(headers: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === CHECKSUM_MODE && v.toUpperCase() === "ENABLED") return true;
  return false;
}
