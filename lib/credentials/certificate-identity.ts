import { InvalidArgumentError } from "../errors.js";
import type { CredentialsValue } from "./credentials-value.js";
import { readConfigFile } from "./read-config-file.js";
import { RefreshingProvider } from "./refreshing-provider.js";
import { DEFAULT_DURATION_SECONDS, callSts, checkDuration, parseStsEndpoint, type StsOptions } from "./sts.js";

/** Options of {@link CertificateIdentityProvider}. */
export interface CertificateIdentityOptions extends StsOptions {
  /** PEM file of the client certificate. */
  readonly certFile: string;
  /** PEM file of its private key. */
  readonly keyFile: string;
  /** Passphrase of an encrypted key. */
  readonly keyPassword?: string;
  /** Lifetime of the temporary credentials, 900 s to 7 days (default 3600). */
  readonly durationSeconds?: number;
}

/**
 * Temporary credentials from MinIO's STS `AssumeRoleWithCertificate`: the TLS client
 * certificate authenticates — the seed's `CertificateIdentityProvider`. The endpoint must be
 * HTTPS (server certificate verified). The files are read at each refresh, so a renewed
 * certificate is picked up. Cached and refreshed ahead of expiry.
 */
export class CertificateIdentityProvider extends RefreshingProvider {
  readonly #endpoint: URL;
  readonly #options: CertificateIdentityOptions;
  readonly #duration: number;

  /**
   * @param stsEndpoint the HTTPS STS endpoint URL (the MinIO server)
   * @param options client certificate and key files, key passphrase, duration, CA, timeout
   */
  constructor(stsEndpoint: string, options: CertificateIdentityOptions) {
    super("CertificateIdentityProvider");
    this.#endpoint = parseStsEndpoint("CertificateIdentityProvider", stsEndpoint, true);
    if (!options || typeof options.certFile !== "string" || !options.certFile || typeof options.keyFile !== "string" || !options.keyFile) {
      throw new InvalidArgumentError("CertificateIdentityProvider: certFile and keyFile are required");
    }
    this.#duration = checkDuration("CertificateIdentityProvider", options.durationSeconds) ?? DEFAULT_DURATION_SECONDS;
    this.#options = { ...options };
  }

  protected async fetchCredentials(): Promise<CredentialsValue> {
    const o = this.#options;
    const [cert, key] = await Promise.all([
      readConfigFile("CertificateIdentityProvider", o.certFile),
      readConfigFile("CertificateIdentityProvider", o.keyFile),
    ]);
    return callSts({
      provider: "CertificateIdentityProvider",
      endpoint: this.#endpoint,
      action: "AssumeRoleWithCertificate",
      params: { DurationSeconds: String(this.#duration) },
      secrets: o.keyPassword ? [o.keyPassword] : [],
      tls: { cert, key, ...(o.keyPassword !== undefined ? { passphrase: o.keyPassword } : {}), ...(o.ca !== undefined ? { ca: o.ca } : {}) },
      ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    });
  }
}
