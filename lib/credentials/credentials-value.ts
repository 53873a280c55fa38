import type { Credentials } from "../sign/types.js";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * A credentials value that keeps its secrets to itself: `secretKey` and `sessionToken` are
 * readable (the signer reads them) but are not own enumerable properties, so
 * `JSON.stringify`, `util.inspect`, `console.log`, `String()` and object spread never show
 * or copy them. Immutable.
 */
export class CredentialsValue implements Credentials {
  /** Access key id (not a secret; shown in logs to tell credentials apart). */
  readonly accessKey: string;
  /** When these (temporary) credentials expire; absent for long-lived keys. */
  readonly expiration?: Date;
  readonly #secretKey: string;
  readonly #sessionToken: string | undefined;

  /**
   * @param accessKey access key id
   * @param secretKey secret access key
   * @param sessionToken session token of temporary credentials
   * @param expiration when temporary credentials expire
   */
  constructor(accessKey: string, secretKey: string, sessionToken?: string, expiration?: Date) {
    this.accessKey = accessKey;
    this.#secretKey = secretKey;
    this.#sessionToken = sessionToken || undefined;
    if (expiration !== undefined) this.expiration = new Date(expiration.getTime());
    Object.freeze(this);
  }

  /** Secret access key. Never logged or printed. */
  get secretKey(): string {
    return this.#secretKey;
  }

  /** Session token of temporary credentials. Never logged or printed. */
  get sessionToken(): string | undefined {
    return this.#sessionToken;
  }

  /** Whether these credentials have expired at `now` (ms since the epoch; default the current time). */
  isExpired(now: number = Date.now()): boolean {
    return isExpired(this, now);
  }

  /** The non-secret fields only. */
  toJSON(): { accessKey: string; expiration?: string } {
    return { accessKey: this.accessKey, ...(this.expiration ? { expiration: this.expiration.toISOString() } : {}) };
  }

  /** A description without secrets. */
  toString(): string {
    const exp = this.expiration ? `, expiration: ${this.expiration.toISOString()}` : "";
    return `Credentials { accessKey: ${this.accessKey}, secretKey: [hidden]${this.#sessionToken ? ", sessionToken: [hidden]" : ""}${exp} }`;
  }

  /** What `util.inspect` / `console.log` show: no secrets. */
  [INSPECT](): string {
    return this.toString();
  }
}

/** Whether credentials carrying an `expiration` have expired at `now` (ms since the epoch). */
export function isExpired(creds: Credentials, now: number = Date.now()): boolean {
  return creds.expiration !== undefined && creds.expiration.getTime() <= now;
}
