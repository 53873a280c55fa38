import { InvalidArgumentError } from "../errors.js";
import type { CredentialsValue } from "./credentials-value.js";
import { RefreshingProvider } from "./refreshing-provider.js";
import { callSts, checkDuration, parseStsEndpoint, stsTransport, type StsOptions } from "./sts.js";

/** Options of {@link LdapIdentityProvider}. */
export interface LdapIdentityOptions extends StsOptions {
  /** Lifetime of the temporary credentials (900 s to 7 days; default: the server's). */
  readonly durationSeconds?: number;
  /** An inline session policy (JSON). */
  readonly policy?: string;
}

/**
 * Temporary credentials from MinIO's STS `AssumeRoleWithLDAPIdentity`, for an LDAP user
 * name and password — the seed's `LdapIdentityProvider`. The password goes in the POST
 * body, never in the URL. Cached and refreshed ahead of expiry.
 */
export class LdapIdentityProvider extends RefreshingProvider {
  readonly #endpoint: URL;
  readonly #username: string;
  readonly #password: string;
  readonly #duration: number | undefined;
  readonly #options: LdapIdentityOptions;

  /**
   * @param stsEndpoint the STS endpoint URL (the MinIO server)
   * @param ldapUsername the LDAP user name
   * @param ldapPassword its password
   * @param options duration, policy, CA, timeout
   */
  constructor(stsEndpoint: string, ldapUsername: string, ldapPassword: string, options: LdapIdentityOptions = {}) {
    super("LdapIdentityProvider");
    if (typeof ldapUsername !== "string" || !ldapUsername || typeof ldapPassword !== "string" || !ldapPassword) {
      throw new InvalidArgumentError("LdapIdentityProvider: ldapUsername and ldapPassword must be non-empty strings");
    }
    this.#endpoint = parseStsEndpoint("LdapIdentityProvider", stsEndpoint);
    this.#username = ldapUsername;
    this.#password = ldapPassword;
    this.#duration = checkDuration("LdapIdentityProvider", options.durationSeconds);
    this.#options = { ...options };
  }

  protected fetchCredentials(): Promise<CredentialsValue> {
    return callSts({
      provider: "LdapIdentityProvider",
      endpoint: this.#endpoint,
      action: "AssumeRoleWithLDAPIdentity",
      params: {
        LDAPUsername: this.#username,
        LDAPPassword: this.#password,
        DurationSeconds: this.#duration === undefined ? undefined : String(this.#duration),
        Policy: this.#options.policy || undefined,
      },
      secrets: [this.#password],
      ...stsTransport(this.#options),
    });
  }
}
