import { homedir } from "node:os";
import { join } from "node:path";
import { CredentialsValue } from "./credentials-value.js";
import { readConfigFile } from "./read-config-file.js";
import { RefreshingProvider } from "./refreshing-provider.js";

/** Options of {@link MinioClientConfigProvider}. */
export interface MinioClientConfigProviderOptions {
  /** The mc configuration file (default `~/.mc/config.json`; `~/mc/config.json` on Windows). */
  readonly filename?: string;
  /** The alias (default `$MINIO_ALIAS`, else `s3`). */
  readonly alias?: string;
}

/**
 * Credentials of an alias in the MinIO Client (`mc`) configuration file — the seed's
 * `MinioClientConfigProvider`: `aliases.<alias>.accessKey` / `secretKey` (older files:
 * `hosts`). Read on first use and cached.
 */
export class MinioClientConfigProvider extends RefreshingProvider {
  /** The file read. */
  readonly filename: string;
  /** The alias read. */
  readonly alias: string;

  /** @param options file and alias; defaults follow mc */
  constructor(options: MinioClientConfigProviderOptions = {}) {
    super("MinioClientConfigProvider");
    this.filename = options.filename || join(homedir(), process.platform === "win32" ? "mc" : ".mc", "config.json");
    this.alias = options.alias || process.env["MINIO_ALIAS"] || "s3";
  }

  protected async fetchCredentials(): Promise<CredentialsValue> {
    const text = await readConfigFile("MinioClientConfigProvider", this.filename);
    let config: unknown;
    try {
      config = JSON.parse(text);
    } catch {
      // JSON.parse's message quotes the text around the error: it could be a secret.
      throw this.fail(`${this.filename} is not valid JSON`, { code: "InvalidConfig" });
    }
    const root = isRecord(config) ? config : {};
    const aliases = isRecord(root["aliases"]) ? root["aliases"] : isRecord(root["hosts"]) ? root["hosts"] : undefined;
    if (!aliases) throw this.fail(`${this.filename} has no aliases`, { code: "InvalidConfig" });
    const entry = aliases[this.alias];
    if (!isRecord(entry)) throw this.fail(`no alias "${this.alias}" in ${this.filename}`, { code: "NotFound" });
    const { accessKey, secretKey, sessionToken } = entry;
    if (typeof accessKey !== "string" || !accessKey || typeof secretKey !== "string" || !secretKey) {
      throw this.fail(`alias "${this.alias}" in ${this.filename} lacks accessKey or secretKey`, { code: "NotFound" });
    }
    return new CredentialsValue(accessKey, secretKey, typeof sessionToken === "string" ? sessionToken : undefined);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
