/** Bucket → region, learned from GetBucketLocation or a server redirect. */
export class RegionCache {
  readonly #regions = new Map<string, string>();
  readonly #pending = new Map<string, Promise<string>>();

  /** The cached region of a bucket, if known. */
  get(bucket: string): string | undefined {
    return this.#regions.get(bucket);
  }

  /** Records a bucket's region. */
  set(bucket: string, region: string): void {
    this.#regions.set(bucket, region);
  }

  /** Forgets a bucket (after it was removed). */
  delete(bucket: string): void {
    this.#regions.delete(bucket);
  }

  /** Looks a region up once, sharing the lookup among concurrent callers. */
  resolve(bucket: string, lookup: () => Promise<string>): Promise<string> {
    const known = this.#regions.get(bucket);
    if (known !== undefined) return Promise.resolve(known);
    let p = this.#pending.get(bucket);
    if (!p) {
      p = lookup().then(
        (region) => {
          this.#regions.set(bucket, region);
          this.#pending.delete(bucket);
          return region;
        },
        (err: unknown) => {
          this.#pending.delete(bucket);
          throw err;
        },
      );
      this.#pending.set(bucket, p);
    }
    return p;
  }
}
