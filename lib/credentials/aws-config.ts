import { homedir } from "node:os";
import { join } from "node:path";
import { CredentialsValue } from "./credentials-value.js";
import { readConfigFile } from "./read-config-file.js";
import { parseIni } from "./ini.js";
import { RefreshingProvider } from "./refreshing-provider.js";

/** Options of {@link AWSConfigProvider}. */
export interface AWSConfigProviderOptions {
  /** The shared credentials file (default `$AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`). */
  readonly filename?: string;
  /** The profile (default `$AWS_PROFILE`, else `default`). */
  readonly profile?: string;
}

/**
 * Credentials from an AWS shared credentials file — the seed's `AWSConfigProvider`: the
 * profile's `aws_access_key_id`, `aws_secret_access_key` and `aws_session_token`. Both the
 * credentials-file form `[name]` and the config-file form `[profile name]` are read. Read on
 * first use and cached.
 */
export class AWSConfigProvider extends RefreshingProvider {
  /** The file read. */
  readonly filename: string;
  /** The profile read. */
  readonly profile: string;

  /** @param options file and profile; defaults follow the AWS CLI */
  constructor(options: AWSConfigProviderOptions = {}) {
    super("AWSConfigProvider");
    this.filename = options.filename || process.env["AWS_SHARED_CREDENTIALS_FILE"] || join(homedir(), ".aws", "credentials");
    this.profile = options.profile || process.env["AWS_PROFILE"] || "default";
  }

  protected async fetchCredentials(): Promise<CredentialsValue> {
    const text = await readConfigFile("AWSConfigProvider", this.filename);
    const section = parseIni(text).get(this.profile);
    if (!section) throw this.fail(`no profile "${this.profile}" in ${this.filename}`, { code: "NotFound" });
    const accessKey = section.get("aws_access_key_id");
    const secretKey = section.get("aws_secret_access_key");
    if (!accessKey || !secretKey) {
      throw this.fail(`profile "${this.profile}" in ${this.filename} lacks aws_access_key_id or aws_secret_access_key`, { code: "NotFound" });
    }
    return new CredentialsValue(accessKey, secretKey, section.get("aws_session_token") || undefined);
  }
}
