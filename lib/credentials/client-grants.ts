import { JwtStsProvider, type JwtProvider, type JwtStsOptions } from "./web-identity-base.js";

/**
 * Temporary credentials from MinIO's STS `AssumeRoleWithClientGrants`, exchanging an OAuth2
 * client-credentials token — the seed's `ClientGrantsProvider`. Unsigned: the token
 * authenticates. Cached and refreshed ahead of expiry.
 */
export class ClientGrantsProvider extends JwtStsProvider {
  /**
   * @param jwtProvider returns `{ accessToken, expiresIn? }` from the identity provider
   * @param stsEndpoint the STS endpoint URL
   * @param options duration, policy, CA, timeout
   */
  constructor(jwtProvider: JwtProvider, stsEndpoint: string, options: JwtStsOptions = {}) {
    super("ClientGrantsProvider", jwtProvider, stsEndpoint, options);
  }

  protected request(token: string) {
    return { action: "AssumeRoleWithClientGrants", params: { Token: token } };
  }
}
