import type { CredentialsValue } from "./credentials-value.js";
import { credentialsFromEnv } from "./env-vars.js";
import { RefreshingProvider } from "./refreshing-provider.js";

/**
 * Credentials from the MinIO environment variables — the seed's `EnvMinioProvider`:
 * `MINIO_ACCESS_KEY` and `MINIO_SECRET_KEY` (or the server's `MINIO_ROOT_USER` and
 * `MINIO_ROOT_PASSWORD`). Read on first use and cached.
 */
export class EnvMinioProvider extends RefreshingProvider {
  /** Reads nothing yet: the MinIO variables are read on the first `retrieve()`. */
  constructor() {
    super("EnvMinioProvider");
  }

  protected fetchCredentials(): Promise<CredentialsValue> {
    return Promise.resolve(credentialsFromEnv("EnvMinioProvider", ["MINIO_ACCESS_KEY", "MINIO_ROOT_USER"], ["MINIO_SECRET_KEY", "MINIO_ROOT_PASSWORD"]));
  }
}
