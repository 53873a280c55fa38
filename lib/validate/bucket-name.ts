import { InvalidArgumentError } from "../errors.js";

const STRICT = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const LENIENT = /^[A-Za-z0-9][A-Za-z0-9._:-]{1,61}[A-Za-z0-9]$/;
const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * Checks a bucket name against the S3 naming rules and throws InvalidArgumentError
 * saying which rule it breaks. `strict` (used when creating a bucket) applies the
 * current rules; otherwise legacy names (upper case, `_`, `:`) that old buckets may
 * still carry are accepted, as the seed SDK does.
 */
export function checkBucketName(name: unknown, strict = false): asserts name is string {
  if (typeof name !== "string") throw new InvalidArgumentError(`bucket name must be a string, got ${typeof name}`);
  const bad = (why: string): never => {
    throw new InvalidArgumentError(`invalid bucket name ${JSON.stringify(name)}: ${why}`);
  };
  if (name.length < 3 || name.length > 63) bad("must be 3 to 63 characters long");
  if (IPV4.test(name)) bad("must not be formatted as an IP address");
  if (name.includes("..") || name.includes(".-") || name.includes("-.")) bad('must not contain "..", ".-" or "-."');
  if (strict) {
    if (!STRICT.test(name)) {
      bad("may contain only lower-case letters, digits, dots and hyphens, and must begin and end with a letter or digit");
    }
    if (name.startsWith("xn--")) bad('must not start with "xn--"');
    if (name.endsWith("-s3alias") || name.endsWith("--ol-s3")) bad('must not end with "-s3alias" or "--ol-s3"');
  } else if (!LENIENT.test(name)) {
    bad("may contain only letters, digits, dots, hyphens, underscores and colons, and must begin and end with a letter or digit");
  }
}
