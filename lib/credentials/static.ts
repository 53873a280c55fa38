import { InvalidArgumentError } from "../errors.js";
import type { Credentials } from "../sign/types.js";
import type { CredentialsProvider } from "./provider.js";

/** Fixed credentials — the seed's `StaticProvider`. */
export class StaticProvider implements CredentialsProvider {
  readonly #credentials: Credentials;

  /**
   * @param accessKey access key id
   * @param secretKey secret access key
   * @param sessionToken session token of temporary credentials
   */
  constructor(accessKey: string, secretKey: string, sessionToken?: string) {
    if (typeof accessKey !== "string" || typeof secretKey !== "string") {
      throw new InvalidArgumentError("accessKey and secretKey must be strings");
    }
    this.#credentials = Object.freeze({ accessKey, secretKey, ...(sessionToken ? { sessionToken } : {}) });
  }

  /** Returns the fixed credentials. */
  retrieve(): Promise<Credentials> {
    return Promise.resolve(this.#credentials);
  }

  /** Hides the secret from console.log/util.inspect. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "StaticProvider { accessKey: [hidden], secretKey: [hidden] }";
  }

  toJSON(): Record<string, string> {
    return { type: "StaticProvider" };
  }
}
