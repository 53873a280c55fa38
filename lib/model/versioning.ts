import { InvalidArgumentError } from "../errors.js";

/** A bucket's versioning state: `Off` means versioning was never enabled. */
export type VersioningStatus = "Enabled" | "Suspended" | "Off";

/** MFA-delete state of a versioning configuration (AWS only). */
export type MfaDeleteStatus = "Enabled" | "Disabled";

/** Optional parts of a {@link VersioningConfig}. */
export interface VersioningOptions {
  /** MinIO: prefixes whose objects are not versioned (only with `Enabled`; MinIO allows at most 10). */
  readonly excludedPrefixes?: readonly string[];
  /** MinIO: do not version folder objects (keys ending in `/`). */
  readonly excludeFolders?: boolean;
  /** AWS: MFA delete state (the seed's `mfa_delete`). */
  readonly mfaDelete?: MfaDeleteStatus | null;
}

const STATUSES: readonly string[] = ["Enabled", "Suspended", "Off"];

/**
 * A bucket's versioning configuration — the seed's `VersioningConfig`. Immutable.
 *
 * @example
 * ```ts
 * await bucket.versioning().set(new VersioningConfig(VersioningConfig.ENABLED, { excludedPrefixes: ["tmp/"] }));
 * (await bucket.versioning().get()).status; // "Enabled"
 * ```
 */
export class VersioningConfig {
  /** Versioning is on. */
  static readonly ENABLED = "Enabled" as const;
  /** Versioning was on and is now paused. */
  static readonly SUSPENDED = "Suspended" as const;
  /** Versioning was never enabled (what `get()` reports then; it cannot be `set()`). */
  static readonly OFF = "Off" as const;

  /** The versioning state. */
  readonly status: VersioningStatus;
  /** MinIO's excluded prefixes (empty when none). */
  readonly excludedPrefixes: readonly string[];
  /** MinIO's exclude-folders flag. */
  readonly excludeFolders: boolean;
  /** MFA delete state, or null when not given. */
  readonly mfaDelete: MfaDeleteStatus | null;

  /**
   * @param status `Enabled`, `Suspended`, or `Off` (default; only for describing a never-versioned bucket)
   * @throws InvalidArgumentError on an unknown status, a prefix that is not a non-empty string, or a bad flag
   */
  constructor(status: VersioningStatus = VersioningConfig.OFF, options: VersioningOptions = {}) {
    if (!STATUSES.includes(status)) {
      throw new InvalidArgumentError(`versioning status must be Enabled, Suspended or Off, got ${JSON.stringify(status)}`);
    }
    const prefixes = options.excludedPrefixes ?? [];
    if (!Array.isArray(prefixes) || prefixes.some((p) => typeof p !== "string" || p === "")) {
      throw new InvalidArgumentError("excludedPrefixes must be an array of non-empty strings");
    }
    if (options.excludeFolders !== undefined && typeof options.excludeFolders !== "boolean") {
      throw new InvalidArgumentError("excludeFolders must be a boolean");
    }
    const mfa = options.mfaDelete ?? null;
    if (mfa !== null && mfa !== "Enabled" && mfa !== "Disabled") {
      throw new InvalidArgumentError(`mfaDelete must be Enabled or Disabled, got ${JSON.stringify(mfa)}`);
    }
    this.status = status;
    this.excludedPrefixes = Object.freeze([...prefixes]);
    this.excludeFolders = options.excludeFolders === true;
    this.mfaDelete = mfa;
    Object.freeze(this);
  }
}
