/**
 * Flexible checksums (S3's `x-amz-checksum-*`): the values a server stores with an object and
 * returns on HEAD/GET when asked with `x-amz-checksum-mode: ENABLED`, and on writes.
 */

/**
 * The upload checksum setting. `"auto"` (the default) sends `x-amz-checksum-crc32` and, when a
 * server refuses the header (R2 and B2 did: 501 NotImplemented / 400 InvalidArgument naming it),
 * sends the request again without it and stops sending it to that client's endpoint.
 * `"crc32"` always sends it (a refusal is an error); `"off"` never does.
 */
export type ChecksumSetting = "auto" | "crc32" | "off";

/**
 * Checksums an object carries, base64 as S3 sends them. A value ending in `-N` is a composite
 * checksum of a multipart upload (the checksum of the N part checksums), not of the bytes.
 */
export interface ObjectChecksums {
  /** CRC32 (`x-amz-checksum-crc32`). */
  readonly checksumCRC32?: string;
  /** CRC32C (`x-amz-checksum-crc32c`). */
  readonly checksumCRC32C?: string;
  /** CRC64NVME (`x-amz-checksum-crc64nvme`). */
  readonly checksumCRC64NVME?: string;
  /** SHA-1 (`x-amz-checksum-sha1`). */
  readonly checksumSHA1?: string;
  /** SHA-256 (`x-amz-checksum-sha256`). */
  readonly checksumSHA256?: string;
  /** `COMPOSITE` or `FULL_OBJECT` (`x-amz-checksum-type`), when the server says. */
  readonly checksumType?: string;
}
