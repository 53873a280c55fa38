import { InvalidArgumentError } from "../errors.js";
import type { Credentials } from "../sign/types.js";
import { CredentialsValue } from "./credentials-value.js";
import type { CredentialsProvider } from "./provider.js";

/** Fixed credentials — the seed's `StaticProvider`. */
export class StaticProvider implements CredentialsProvider {
  readonly #credentials: CredentialsValue;

  /**
   * @param accessKey access key id
   * @param secretKey secret access key
   * @param sessionToken session token of temporary credentials
   */
  constructor(accessKey: string, secretKey: string, sessionToken?: string) {
    if (typeof accessKey !== "string" || typeof secretKey !== "string") {
      throw new InvalidArgumentError("accessKey and secretKey must be strings");
    }
    this.#credentials = new CredentialsValue(accessKey, secretKey, sessionToken);
  }

  /** Returns the fixed credentials. */
  retrieve(): Promise<Credentials> {
    return Promise.resolve(this.#credentials);
  }

  /** Hides the secret from console.log/util.inspect. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "StaticProvider { accessKey: [hidden], secretKey: [hidden] }";
  }

  /** A description without secrets. */
  toString(): string {
    return "StaticProvider {}";
  }

  /** The provider's type only, no keys. */
  toJSON(): Record<string, string> {
    return { type: "StaticProvider" };
  }
}
