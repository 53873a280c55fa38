import { deriveSigningKey } from "./sigv4.js";

const inspectCustom = Symbol.for("nodejs.util.inspect.custom");

/** What `JSON.stringify` shows of a {@link SigningKeyCache}. */
export interface SigningKeyCacheJson {
  /** Number of cached keys. */
  readonly size: number;
}

/**
 * Caches derived SigV4 signing keys per (secret, day, region, service), so a request costs
 * two HMACs instead of six. Bounded: keeps the `capacity` most recently used keys (a client
 * typically needs one or two: the current day, and the previous day around midnight UTC,
 * times the regions it talks to).
 *
 * Neither the secrets nor the derived keys are reachable from outside: they live in private
 * fields, and `util.inspect`, `JSON.stringify` and `String()` show only the entry count.
 */
export class SigningKeyCache {
  readonly #capacity: number;
  /** Composite id → key, oldest first (re-inserted on use). */
  readonly #keys = new Map<string, Buffer>();
  // The last hit, checked before building a composite id: the overwhelmingly common case.
  #lastSecret = "";
  #lastDate = "";
  #lastRegion = "";
  #lastService = "";
  #lastKey: Buffer | undefined;

  /**
   * @param capacity - How many keys to keep (at least 1). Default 8.
   */
  constructor(capacity = 8) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`SigningKeyCache: capacity must be a positive integer, got ${capacity}`);
    this.#capacity = capacity;
  }

  /**
   * The signing key for a secret, day, region and service, derived on first use. The
   * same `Buffer` instance is returned while the entry is cached; do not modify it.
   *
   * @param secretKey - Secret access key.
   * @param date8 - Scope date, `YYYYMMDD`.
   * @param region - Signing region.
   * @param service - Service name, e.g. `s3`.
   * @returns The 32-byte signing key.
   */
  key(secretKey: string, date8: string, region: string, service: string): Buffer {
    if (
      this.#lastKey !== undefined &&
      date8 === this.#lastDate &&
      region === this.#lastRegion &&
      service === this.#lastService &&
      secretKey === this.#lastSecret
    ) {
      return this.#lastKey;
    }
    // The secret goes last: date, region and service contain no NUL, so ids are unambiguous.
    const id = `${date8}\0${region}\0${service}\0${secretKey}`;
    let key = this.#keys.get(id);
    if (key === undefined) {
      key = deriveSigningKey(secretKey, date8, region, service);
      if (this.#keys.size >= this.#capacity) this.#keys.delete(this.#keys.keys().next().value as string);
    } else {
      this.#keys.delete(id); // re-inserted below as most recently used
    }
    this.#keys.set(id, key);
    this.#lastSecret = secretKey;
    this.#lastDate = date8;
    this.#lastRegion = region;
    this.#lastService = service;
    this.#lastKey = key;
    return key;
  }

  /** Number of cached keys. */
  get size(): number {
    return this.#keys.size;
  }

  /** Drops every cached key (e.g. after rotating credentials). */
  clear(): void {
    this.#keys.clear();
    this.#lastKey = undefined;
    this.#lastSecret = "";
  }

  /** `[SigningKeyCache size=n]` — never the secrets or keys. */
  toString(): string {
    return `[SigningKeyCache size=${this.#keys.size}]`;
  }

  /** JSON form: `{ size }` only. */
  toJSON(): SigningKeyCacheJson {
    return { size: this.#keys.size };
  }

  /** `util.inspect` form: same as {@link SigningKeyCache.toString}. */
  [inspectCustom](): string {
    return this.toString();
  }
}
