import { InvalidArgumentError } from "../errors.js";

/** Checks that `value` is a safe integer within [min, max]; `what` names it in the message. */
export function checkInteger(value: unknown, what: string, min: number, max = Number.MAX_SAFE_INTEGER): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw new InvalidArgumentError(`${what} must be an integer, got ${String(value)}`);
  }
  if (value < min || value > max) {
    throw new InvalidArgumentError(`${what} must be between ${min} and ${max}, got ${value}`);
  }
}
