import { InvalidArgumentError } from "../errors.js";

/**
 * Tags of a bucket or an object — the seed's `Tags`, a Map of key → value that checks
 * S3's limits as it is filled: at most 50 bucket tags or 10 object tags, keys of 1..128
 * and values of 0..256 characters.
 *
 * @example
 * ```ts
 * const tags = Tags.newObjectTags();
 * tags.set("project", "quarry").set("tier", "hot");
 * ```
 */
export class Tags extends Map<string, string> {
  /** Whether these are object tags (limit 10) rather than bucket tags (limit 50). */
  readonly isObject: boolean;

  /** @param isObject object tags (limit 10) when true, bucket tags (limit 50) when false */
  constructor(isObject = false, entries?: Iterable<readonly [string, string]> | Readonly<Record<string, string>>) {
    super();
    this.isObject = isObject;
    if (entries) {
      const list = Symbol.iterator in Object(entries) ? (entries as Iterable<readonly [string, string]>) : Object.entries(entries);
      for (const [k, v] of list) this.set(k, v);
    }
  }

  /** Empty bucket tags (at most 50). */
  static newBucketTags(): Tags {
    return new Tags(false);
  }

  /** Empty object tags (at most 10). */
  static newObjectTags(): Tags {
    return new Tags(true);
  }

  /** The most tags this set may hold. */
  get limit(): number {
    return this.isObject ? 10 : 50;
  }

  /** Sets a tag, refusing keys, values and counts S3 would refuse. */
  override set(key: string, value: string): this {
    // Map's constructor calls set() before isObject exists; the constructor adds entries later.
    if (this.isObject === undefined) return super.set(key, value);
    if (typeof key !== "string" || key.length === 0 || key.length > 128) {
      throw new InvalidArgumentError(`tag key must be 1 to 128 characters, got ${JSON.stringify(key)}`);
    }
    if (typeof value !== "string" || value.length > 256) {
      throw new InvalidArgumentError(`tag value of ${JSON.stringify(key)} must be a string of at most 256 characters`);
    }
    if (!this.has(key) && this.size >= this.limit) {
      throw new InvalidArgumentError(`at most ${this.limit} ${this.isObject ? "object" : "bucket"} tags are allowed`);
    }
    return super.set(key, value);
  }

  /** The tags as a plain object. */
  toJSON(): Record<string, string> {
    return Object.fromEntries(this);
  }
}
