import { JwtStsProvider, type JwtProvider, type JwtStsOptions } from "./web-identity-base.js";

/** Options of {@link WebIdentityProvider}. */
export interface WebIdentityOptions extends JwtStsOptions {
  /** ARN of the role to assume (AWS; MinIO takes it for its OpenID role policies). */
  readonly roleArn?: string;
  /** Name of the role session; with a roleArn and none given, one is made from the time. */
  readonly roleSessionName?: string;
}

/**
 * Temporary credentials from STS `AssumeRoleWithWebIdentity`, exchanging an OpenID Connect
 * token — the seed's `WebIdentityProvider`. Unsigned: the token authenticates. Cached and
 * refreshed ahead of expiry (each refresh asks `jwtProvider` for a token).
 */
export class WebIdentityProvider extends JwtStsProvider {
  readonly #roleArn: string | undefined;
  readonly #roleSessionName: string | undefined;

  /**
   * @param jwtProvider returns `{ accessToken, expiresIn? }` from the identity provider
   * @param stsEndpoint the STS endpoint URL
   * @param options duration, policy, role ARN and session name, CA, timeout
   */
  constructor(jwtProvider: JwtProvider, stsEndpoint: string, options: WebIdentityOptions = {}) {
    super("WebIdentityProvider", jwtProvider, stsEndpoint, options);
    this.#roleArn = options.roleArn || undefined;
    this.#roleSessionName = options.roleSessionName || undefined;
  }

  protected request(token: string) {
    return {
      action: "AssumeRoleWithWebIdentity",
      params: {
        WebIdentityToken: token,
        RoleArn: this.#roleArn,
        RoleSessionName: this.#roleArn ? (this.#roleSessionName ?? `quarry-${Date.now()}`) : undefined,
      },
    };
  }
}
