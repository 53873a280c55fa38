import { InvalidArgumentError } from "../errors.js";

/** Checks an object key: a non-empty string of at most 1024 bytes of UTF-8. */
export function checkObjectName(name: unknown): asserts name is string {
  if (typeof name !== "string") throw new InvalidArgumentError(`object name must be a string, got ${typeof name}`);
  if (name.length === 0) throw new InvalidArgumentError("object name must not be empty");
  // A UTF-16 unit is at most 3 UTF-8 bytes: skip the byte count for short names.
  if (name.length > 341 && Buffer.byteLength(name, "utf8") > 1024) {
    throw new InvalidArgumentError(`object name is ${Buffer.byteLength(name, "utf8")} bytes of UTF-8; at most 1024 are allowed`);
  }
}
