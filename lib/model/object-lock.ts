import { InvalidArgumentError } from "../errors.js";
import { checkInteger } from "../validate/numbers.js";

/** An object-lock retention mode. */
export type RetentionMode = "GOVERNANCE" | "COMPLIANCE";

/** The unit of a default-retention duration (the XML element names). */
export type RetentionUnit = "Days" | "Years";

const MODES: readonly string[] = ["GOVERNANCE", "COMPLIANCE"];
const UNITS: readonly string[] = ["Days", "Years"];

/**
 * @internal Checks a retention mode.
 * @throws InvalidArgumentError unless `mode` is GOVERNANCE or COMPLIANCE
 */
export function checkRetentionMode(mode: unknown): asserts mode is RetentionMode {
  if (typeof mode !== "string" || !MODES.includes(mode)) {
    throw new InvalidArgumentError(`retention mode must be GOVERNANCE or COMPLIANCE, got ${JSON.stringify(mode)}`);
  }
}

/**
 * The object-lock configuration of a bucket created with object lock — the seed's
 * `ObjectLockConfig`: a default retention rule (mode, duration, unit), or none when all
 * three are null. Immutable.
 *
 * @example
 * ```ts
 * await bucket.objectLock().set(new ObjectLockConfig(ObjectLockConfig.GOVERNANCE, 30, ObjectLockConfig.DAYS));
 * await bucket.objectLock().delete(); // no default rule
 * ```
 */
export class ObjectLockConfig {
  /** Governance mode: users with the permission may bypass it. */
  static readonly GOVERNANCE = "GOVERNANCE" as const;
  /** Compliance mode: nobody can shorten or remove it. */
  static readonly COMPLIANCE = "COMPLIANCE" as const;
  /** Duration in days. */
  static readonly DAYS = "Days" as const;
  /** Duration in years. */
  static readonly YEARS = "Years" as const;

  /** Default retention mode, or null (no default rule). */
  readonly mode: RetentionMode | null;
  /** Default retention duration (a positive integer), or null. */
  readonly duration: number | null;
  /** Unit of {@link duration}, or null. */
  readonly unit: RetentionUnit | null;

  /**
   * @throws InvalidArgumentError unless all three are null or all are valid: a known mode,
   * a positive integer duration and `Days` or `Years`
   */
  constructor(mode: RetentionMode | null = null, duration: number | null = null, unit: RetentionUnit | null = null) {
    const given = [mode, duration, unit].filter((v) => v !== null && v !== undefined).length;
    if (given !== 0 && given !== 3) {
      throw new InvalidArgumentError("object lock mode, duration and unit must all be given, or all be null for no default rule");
    }
    if (given === 3) {
      checkRetentionMode(mode);
      checkInteger(duration, "object lock duration", 1);
      if (typeof unit !== "string" || !UNITS.includes(unit)) {
        throw new InvalidArgumentError(`object lock duration unit must be Days or Years, got ${JSON.stringify(unit)}`);
      }
    }
    this.mode = mode ?? null;
    this.duration = duration ?? null;
    this.unit = unit ?? null;
    Object.freeze(this);
  }
}
