import { InvalidArgumentError } from "../errors.js";
import { checkRetentionMode, type RetentionMode } from "./object-lock.js";

/**
 * The object-lock retention of an object version — the seed's `Retention`. Frozen; it
 * keeps its own copy of the date.
 *
 * @example
 * ```ts
 * const until = new Date(Date.now() + 86_400_000);
 * await object.retention().set(new Retention(Retention.GOVERNANCE, until));
 * ```
 */
export class Retention {
  /** Governance mode: users with the permission may bypass it. */
  static readonly GOVERNANCE = "GOVERNANCE" as const;
  /** Compliance mode: nobody can shorten or remove it. */
  static readonly COMPLIANCE = "COMPLIANCE" as const;

  /** Retention mode. */
  readonly mode: RetentionMode;
  /** Until when the version is protected. */
  readonly retainUntilDate: Date;

  /**
   * @param mode GOVERNANCE or COMPLIANCE
   * @param retainUntilDate until when the version is protected (a past date is left for the server to refuse)
   * @throws InvalidArgumentError on an unknown mode, or a `retainUntilDate` that is not a valid Date
   */
  constructor(mode: RetentionMode, retainUntilDate: Date) {
    checkRetentionMode(mode);
    if (!(retainUntilDate instanceof Date) || Number.isNaN(retainUntilDate.getTime())) {
      throw new InvalidArgumentError("retainUntilDate must be a valid Date");
    }
    this.mode = mode;
    this.retainUntilDate = new Date(retainUntilDate.getTime());
    Object.freeze(this);
  }
}
