/**
 * Where a remote address's server and keys come from: `MC_HOST_<alias>` variables and mc's
 * config file (`$MC_CONFIG_DIR` or `--config-dir`, default `~/.mc/config.json`) for mc
 * aliases; the AWS environment (`AWS_ENDPOINT_URL`, keys, `AWS_PROFILE`) for `s3://`.
 * Secrets are handed to the client, never printed.
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { S3Options } from "../client.js";
import { AWSConfigProvider } from "../credentials/aws-config.js";
import { ChainedProvider } from "../credentials/chained.js";
import { EnvAWSProvider } from "../credentials/env-aws.js";
import { MinioClientConfigProvider } from "../credentials/minio-client-config.js";
import { AWS_ALIAS } from "./address.js";
import { CliError, ExitCode } from "./exit-codes.js";

/** What the resolver reads: the environment and, optionally, a config directory. */
export interface AliasSources {
  readonly env: NodeJS.ProcessEnv;
  /** mc's config directory (default `$MC_CONFIG_DIR`, else `~/.mc`). */
  readonly configDir?: string;
}

interface ConfigAlias {
  readonly url?: unknown;
  readonly path?: unknown;
}

/** Resolves aliases to client options. */
export class AliasResolver {
  readonly #env: NodeJS.ProcessEnv;
  readonly #configFile: string;
  #config: Record<string, ConfigAlias> | undefined;

  constructor(sources: AliasSources) {
    this.#env = sources.env;
    const dir = sources.configDir || sources.env["MC_CONFIG_DIR"] || join(homedir(), ".mc");
    this.#configFile = join(dir, "config.json");
  }

  /** Whether `name` is a known mc alias (from the environment or the config file). */
  has(name: string): boolean {
    return this.#env[`MC_HOST_${name}`] !== undefined || this.#aliases()[name] !== undefined;
  }

  /** Client options of an alias (or of {@link AWS_ALIAS}). */
  options(alias: string): S3Options {
    if (alias === AWS_ALIAS) return this.#aws();
    const host = this.#env[`MC_HOST_${alias}`];
    if (host !== undefined) return fromHostUrl(alias, host);
    const entry = this.#aliases()[alias];
    if (entry === undefined) throw new CliError(`unknown alias "${alias}"`, ExitCode.NOT_FOUND);
    if (typeof entry.url !== "string" || entry.url === "") throw new CliError(`alias "${alias}" in ${this.#configFile} has no url`);
    const pathStyle = entry.path === "on" ? true : entry.path === "off" ? false : undefined;
    return {
      endpoint: entry.url,
      credentials: new MinioClientConfigProvider({ filename: this.#configFile, alias }),
      ...(pathStyle !== undefined ? { pathStyle } : {}),
    };
  }

  #aliases(): Record<string, ConfigAlias> {
    if (this.#config !== undefined) return this.#config;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.#configFile, "utf8"));
    } catch {
      parsed = {};
    }
    const root = isRecord(parsed) ? parsed : {};
    const aliases = isRecord(root["aliases"]) ? root["aliases"] : isRecord(root["hosts"]) ? root["hosts"] : {};
    this.#config = aliases as Record<string, ConfigAlias>;
    return this.#config;
  }

  #aws(): S3Options {
    const env = this.#env;
    const endpoint = env["AWS_ENDPOINT_URL_S3"] || env["AWS_ENDPOINT_URL"] || "https://s3.amazonaws.com";
    const region = env["AWS_REGION"] || env["AWS_DEFAULT_REGION"];
    const credentials = env["AWS_ACCESS_KEY_ID"] || env["AWS_ACCESS_KEY"]
      ? new EnvAWSProvider()
      : new ChainedProvider([new EnvAWSProvider(), new AWSConfigProvider({ profile: env["AWS_PROFILE"] })]);
    return { endpoint, credentials, ...(region ? { region } : {}) };
  }
}

/** `http(s)://KEY:SECRET[:TOKEN]@host:port` → client options. */
function fromHostUrl(alias: string, value: string): S3Options {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The value holds secrets: name the variable, not its content.
    throw new CliError(`MC_HOST_${alias} is not a URL of the form http(s)://KEY:SECRET@host:port`);
  }
  const endpoint = `${url.protocol}//${url.host}`;
  if (url.username === "") return { endpoint };
  const password = decodeURIComponent(url.password);
  const colon = password.indexOf(":");
  const secretKey = colon < 0 ? password : password.slice(0, colon);
  const sessionToken = colon < 0 ? undefined : password.slice(colon + 1);
  return { endpoint, accessKey: decodeURIComponent(url.username), secretKey, ...(sessionToken ? { sessionToken } : {}) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
