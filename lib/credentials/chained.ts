import { CredentialsError, InvalidArgumentError } from "../errors.js";
import type { Credentials } from "../sign/types.js";
import { providerName, type CredentialsProvider } from "./provider.js";

/**
 * Tries providers in order and uses the first that gives credentials — the seed's
 * `ChainedProvider`. The provider that last succeeded is asked first next time; each
 * provider does its own caching. When all fail, a CredentialsError lists why each failed.
 */
export class ChainedProvider implements CredentialsProvider {
  readonly #providers: readonly CredentialsProvider[];
  #last: CredentialsProvider | undefined;

  /** @param providers the providers, in the order to try them */
  constructor(providers: readonly CredentialsProvider[]) {
    if (!Array.isArray(providers) || providers.length === 0 || providers.some((p) => typeof p?.retrieve !== "function")) {
      throw new InvalidArgumentError("ChainedProvider: providers must be a non-empty array of credentials providers");
    }
    this.#providers = [...providers];
  }

  /** Credentials from the first provider that gives them. */
  async retrieve(): Promise<Credentials> {
    const failures: string[] = [];
    const order = this.#last ? [this.#last, ...this.#providers.filter((p) => p !== this.#last)] : this.#providers;
    for (const p of order) {
      try {
        const creds = await p.retrieve();
        this.#last = p;
        return creds;
      } catch (err) {
        // Only Quarry's own messages are known to be free of secrets.
        failures.push(err instanceof CredentialsError ? err.message : `${providerName(p)}: ${err instanceof Error ? err.name : "failed"}`);
      }
    }
    throw new CredentialsError("ChainedProvider", `no provider gave credentials (${failures.join("; ")})`, { code: "NoCredentials" });
  }

  /** A description without secrets: the providers' class names. */
  toString(): string {
    return `ChainedProvider [${this.#providers.map(providerName).join(", ")}]`;
  }

  /** The providers' class names only. */
  toJSON(): { type: string; providers: string[] } {
    return { type: "ChainedProvider", providers: this.#providers.map(providerName) };
  }

  /** What `util.inspect` / `console.log` show: no secrets. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
