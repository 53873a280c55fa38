import { InvalidArgumentError } from "../errors.js";
import type { ChecksumSetting } from "../model/checksums.js";

/** Checks an optional upload checksum setting (`"auto"`, `"crc32"` or `"off"`). */
export function checkChecksumSetting(value: unknown, name = "checksum"): ChecksumSetting | undefined {
  if (value === undefined) return undefined;
  if (value === "auto" || value === "crc32" || value === "off") return value;
  throw new InvalidArgumentError(`${name} must be "auto", "crc32" or "off", got ${JSON.stringify(value)}`);
}

/** Checks an optional boolean `checksum` option of a read (verify the returned checksum). */
export function checkChecksumFlag(value: unknown, name = "checksum"): boolean {
  if (value === undefined) return false;
  if (typeof value !== "boolean") throw new InvalidArgumentError(`${name} must be a boolean`);
  return value;
}
