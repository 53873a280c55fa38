import { CredentialsError, QuarryError } from "../errors.js";
import { isExpired, type CredentialsValue } from "./credentials-value.js";
import type { CredentialsProvider } from "./provider.js";

/** At most this long before expiry, cached credentials are refreshed. */
export const MAX_REFRESH_AHEAD_MS = 5 * 60_000;

/**
 * How long before `expiration` credentials obtained at `obtainedAt` are refreshed: a tenth
 * of their lifetime, at most {@link MAX_REFRESH_AHEAD_MS}.
 */
export function refreshAheadMs(obtainedAt: number, expiration: number): number {
  return Math.min(MAX_REFRESH_AHEAD_MS, Math.max(0, expiration - obtainedAt) / 10);
}

/**
 * Base of the providers that fetch credentials: caches them, refreshes them ahead of expiry
 * (a tenth of their lifetime before, at most 5 minutes), lets concurrent callers share one
 * refresh, and tries again on the next call after a failed one. A refresh that fails while
 * the cached credentials are still valid keeps serving them; otherwise the failure is a
 * {@link CredentialsError} naming the provider. Printing a provider shows its name only.
 */
export abstract class RefreshingProvider implements CredentialsProvider {
  /** The provider's name, used in errors and in printed forms. */
  readonly #name: string;
  #current: CredentialsValue | undefined;
  #refreshAt = 0;
  #inflight: Promise<CredentialsValue> | undefined;

  /** @param name the provider's name in errors, e.g. `AssumeRoleProvider` */
  protected constructor(name: string) {
    this.#name = name;
  }

  /** Fetches fresh credentials (one attempt); the base class caches and shares the result. */
  protected abstract fetchCredentials(): Promise<CredentialsValue>;

  /** A {@link CredentialsError} naming this provider. */
  protected fail(message: string, options: { code?: string; cause?: unknown } = {}): CredentialsError {
    return new CredentialsError(this.#name, message, options);
  }

  /**
   * Returns cached credentials. Near expiry (inside the refresh window) the still-valid cached
   * ones are returned at once while a refresh runs in the background, so no request waits on
   * STS; only a first call, or one whose cached credentials have expired, waits for the refresh.
   */
  async retrieve(): Promise<CredentialsValue> {
    const cached = this.#current;
    if (cached && Date.now() < this.#refreshAt) return cached;
    if (cached && !isExpired(cached)) {
      // A failed background refresh is tried again by the next call; the cached value still serves.
      this.#refresh().catch(() => undefined);
      return cached;
    }
    return this.#refresh();
  }

  #refresh(): Promise<CredentialsValue> {
    if (!this.#inflight) {
      const run = this.#fetchTyped().then((creds) => {
        const now = Date.now();
        this.#current = creds;
        const exp = creds.expiration?.getTime();
        this.#refreshAt = exp === undefined ? Infinity : exp - refreshAheadMs(now, exp);
        return creds;
      });
      this.#inflight = run;
      const clear = () => {
        if (this.#inflight === run) this.#inflight = undefined;
      };
      run.then(clear, clear);
    }
    return this.#inflight;
  }

  async #fetchTyped(): Promise<CredentialsValue> {
    try {
      return await this.fetchCredentials();
    } catch (err) {
      throw this.#typed(err);
    }
  }

  /**
   * Any failure as a CredentialsError. Foreign messages are not copied and foreign errors are
   * kept as `cause` only when they are system errors (with a `code`): a parser's message can
   * quote the secret it choked on.
   */
  #typed(err: unknown): CredentialsError {
    if (err instanceof CredentialsError) return err;
    if (err instanceof QuarryError) return this.fail(err.message, { cause: err });
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === "string") return this.fail(`could not obtain credentials (${code})`, { code, cause: err });
    return this.fail(`could not obtain credentials (${err instanceof Error ? err.name : "unknown error"})`);
  }

  /** A description without secrets. */
  toString(): string {
    return `${this.#name} {}`;
  }

  /** The provider's type only. */
  toJSON(): { type: string } {
    return { type: this.#name };
  }

  /** What `util.inspect` / `console.log` show: the provider's name only. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
