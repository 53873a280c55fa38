import { InvalidArgumentError } from "../errors.js";

/**
 * Checks that a retain-until date being SET lies in the future: S3 refuses a past one, and
 * no clock skew between client and server can make it valid, so it is refused before any
 * request. (Dates READ from a server may be past: retention that has run out.)
 */
export function checkRetainUntilAhead(retainUntilDate: Date, now: number = Date.now()): void {
  if (retainUntilDate.getTime() <= now) {
    throw new InvalidArgumentError(`retainUntilDate ${retainUntilDate.toISOString()} is not in the future: retention can only be set until a later date`);
  }
}
