import { InvalidArgumentError } from "../errors.js";
import type { CredentialsValue } from "./credentials-value.js";
import { RefreshingProvider } from "./refreshing-provider.js";
import { DEFAULT_DURATION_SECONDS, callSts, checkDuration, parseStsEndpoint, stsTransport, type StsOptions } from "./sts.js";

/** Options of {@link AssumeRoleProvider}. */
export interface AssumeRoleOptions extends StsOptions {
  /** Lifetime of the temporary credentials, 900 s to 7 days (default 3600). */
  readonly durationSeconds?: number;
  /** An inline session policy (JSON) further restricting the temporary credentials. */
  readonly policy?: string;
  /** Region the request is signed for (default `us-east-1`). */
  readonly region?: string;
  /** ARN of the role to assume (AWS; MinIO ignores it). */
  readonly roleArn?: string;
  /** Name of the role session (AWS). */
  readonly roleSessionName?: string;
  /** External id the role's trust policy asks for (AWS). */
  readonly externalId?: string;
}

/**
 * Temporary credentials from STS `AssumeRole`, signed (SigV4, service `sts`) with a
 * long-lived key pair — the seed's `AssumeRoleProvider`. MinIO implements it for its users:
 * the STS endpoint is the server's own endpoint. Cached and refreshed ahead of expiry.
 */
export class AssumeRoleProvider extends RefreshingProvider {
  readonly #endpoint: URL;
  readonly #accessKey: string;
  readonly #secretKey: string;
  readonly #options: AssumeRoleOptions;
  readonly #duration: number;

  /**
   * @param stsEndpoint the STS endpoint URL, e.g. `http://127.0.0.1:9000` for MinIO
   * @param accessKey access key of the user assuming the role
   * @param secretKey its secret key
   * @param options duration, policy, region, role and session names, external id, CA, timeout
   */
  constructor(stsEndpoint: string, accessKey: string, secretKey: string, options: AssumeRoleOptions = {}) {
    super("AssumeRoleProvider");
    if (typeof accessKey !== "string" || !accessKey || typeof secretKey !== "string" || !secretKey) {
      throw new InvalidArgumentError("AssumeRoleProvider: accessKey and secretKey must be non-empty strings");
    }
    this.#endpoint = parseStsEndpoint("AssumeRoleProvider", stsEndpoint);
    this.#accessKey = accessKey;
    this.#secretKey = secretKey;
    this.#duration = checkDuration("AssumeRoleProvider", options.durationSeconds) ?? DEFAULT_DURATION_SECONDS;
    this.#options = { ...options };
  }

  protected fetchCredentials(): Promise<CredentialsValue> {
    const o = this.#options;
    return callSts({
      provider: "AssumeRoleProvider",
      endpoint: this.#endpoint,
      action: "AssumeRole",
      params: {
        DurationSeconds: String(this.#duration),
        RoleArn: o.roleArn || undefined,
        RoleSessionName: o.roleSessionName || undefined,
        Policy: o.policy || undefined,
        ExternalId: o.externalId || undefined,
      },
      secrets: [this.#secretKey],
      sign: { accessKey: this.#accessKey, secretKey: this.#secretKey, region: o.region || "us-east-1" },
      ...stsTransport(o),
    });
  }
}
