/**
 * Verification of downloaded bytes against the checksum the server returned (GET/HEAD with
 * `x-amz-checksum-mode: ENABLED`). Only full-object checksums can be checked against a stream
 * of bytes: a composite one (`…-N`, multipart uploads) is the checksum of the part checksums,
 * and checking it needs every part's boundaries — a GET stream skips it (the server checked each
 * part's checksum on upload); a file download checks it (composite-parts.ts). CRC32 (zlib), SHA-1 and SHA-256 (node:crypto) are verified; CRC32C and
 * CRC64NVME have no native implementation in Node and are skipped too.
 */
import { createHash, type Hash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { ChecksumMismatchError } from "../../errors.js";
import type { ObjectChecksums } from "../../model/checksums.js";
import { crc32Base64, crc32Of, isComposite } from "./crc32.js";
import { checksumsFromHeaders } from "./headers.js";

/** A full-object checksum to check bytes against. */
export interface ExpectedChecksum {
  readonly algorithm: "CRC32" | "SHA256" | "SHA1";
  /** Base64, as the server sent it. */
  readonly value: string;
}

/** The checksum of `c` that bytes can be verified against, or undefined (none, or composite only). */
export function verifiableChecksum(c: ObjectChecksums): ExpectedChecksum | undefined {
  if (c.checksumType?.toUpperCase() === "COMPOSITE") return undefined;
  const candidates: Array<[ExpectedChecksum["algorithm"], string | undefined]> = [
    ["CRC32", c.checksumCRC32], ["SHA256", c.checksumSHA256], ["SHA1", c.checksumSHA1],
  ];
  for (const [algorithm, value] of candidates) if (value !== undefined && !isComposite(value)) return { algorithm, value };
  return undefined;
}

/** The verifiable checksum a response's headers carry. */
export function expectedFromHeaders(h: IncomingHttpHeaders): ExpectedChecksum | undefined {
  return verifiableChecksum(checksumsFromHeaders(h));
}

/** Computes one checksum over chunks fed in order. */
export class ChecksumAccumulator {
  readonly expected: ExpectedChecksum;
  #crc = 0;
  readonly #hash: Hash | undefined;

  constructor(expected: ExpectedChecksum) {
    this.expected = expected;
    this.#hash = expected.algorithm === "CRC32" ? undefined : createHash(expected.algorithm === "SHA256" ? "sha256" : "sha1");
  }

  /** Adds the next bytes. */
  update(chunk: Uint8Array): void {
    if (this.#hash) this.#hash.update(chunk);
    else this.#crc = crc32Of(chunk, this.#crc);
  }

  /** The base64 checksum of the bytes fed. */
  digest(): string {
    return this.#hash ? this.#hash.digest("base64") : crc32Base64(this.#crc);
  }

  /** Throws {@link ChecksumMismatchError} unless the bytes fed have the expected checksum. */
  check(what: string): void {
    const actual = this.digest();
    if (actual !== this.expected.value) throw new ChecksumMismatchError(this.expected.algorithm, this.expected.value, actual, what);
  }
}
