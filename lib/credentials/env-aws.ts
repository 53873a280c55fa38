import type { CredentialsValue } from "./credentials-value.js";
import { credentialsFromEnv } from "./env-vars.js";
import { RefreshingProvider } from "./refreshing-provider.js";

/**
 * Credentials from the AWS environment variables — the seed's `EnvAWSProvider`:
 * `AWS_ACCESS_KEY_ID` (or `AWS_ACCESS_KEY`), `AWS_SECRET_ACCESS_KEY` (or `AWS_SECRET_KEY`)
 * and, for temporary credentials, `AWS_SESSION_TOKEN`. Read on first use and cached.
 */
export class EnvAWSProvider extends RefreshingProvider {
  /** Reads nothing yet: the AWS variables are read on the first `retrieve()`. */
  constructor() {
    super("EnvAWSProvider");
  }

  protected fetchCredentials(): Promise<CredentialsValue> {
    return Promise.resolve(credentialsFromEnv("EnvAWSProvider", ["AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY"], ["AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY"], "AWS_SESSION_TOKEN"));
  }
}
