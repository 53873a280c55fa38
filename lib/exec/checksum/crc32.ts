/**
 * CRC32 (the IEEE polynomial S3 calls CRC32) in S3's encodings: the base64 of the 4-byte
 * big-endian value, and the composite checksum of a multipart upload — the CRC32 of the
 * concatenated raw part checksums, base64, then `-<part count>`. Uses Node's native
 * `zlib.crc32` (Node ≥ 20.15; the package needs ≥ 20.19). Pure.
 */
import { crc32 } from "node:zlib";

/** CRC32 of `data`, continuing from `previous` (0 for a fresh checksum). */
export function crc32Of(data: Uint8Array, previous = 0): number {
  return crc32(data, previous);
}

/** The base64 form S3 uses for a CRC32 value (4 bytes, big-endian). */
export function crc32Base64(value: number): string {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(value >>> 0, 0);
  return b.toString("base64");
}

/** Base64 CRC32 of `data`, as `x-amz-checksum-crc32` carries it. */
export function crc32Header(data: Uint8Array): string {
  return crc32Base64(crc32Of(data));
}

/**
 * The composite checksum S3 gives an object completed from parts with these base64 CRC32s
 * (in part order): `base64(crc32(raw1 ‖ raw2 ‖ …))-N`.
 */
export function compositeCrc32(partChecksums: readonly string[]): string {
  let crc = 0;
  for (const p of partChecksums) {
    const raw = Buffer.from(p, "base64");
    if (raw.length !== 4) throw new RangeError(`a CRC32 checksum is 4 bytes; ${JSON.stringify(p)} is ${raw.length}`);
    crc = crc32(raw, crc);
  }
  return `${crc32Base64(crc)}-${partChecksums.length}`;
}

/** Whether a checksum value is a composite one (`…-N`): it covers parts, not the object's bytes. */
export function isComposite(value: string): boolean {
  return /-\d+$/.test(value);
}
