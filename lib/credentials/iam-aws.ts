import { InvalidArgumentError } from "../errors.js";
import { CredentialsValue } from "./credentials-value.js";
import { httpCall, type HttpReply } from "./http-call.js";
import { readConfigFile } from "./read-config-file.js";
import { RefreshingProvider } from "./refreshing-provider.js";
import { WebIdentityProvider } from "./web-identity.js";

/** Options of {@link IamAwsProvider}; each falls back to its AWS environment variable. */
export interface IamAwsProviderOptions {
  /** Replaces the endpoint asked: the STS URL (web identity), the ECS credentials URL, or the IMDS base URL. */
  readonly customEndpoint?: string;
  /** `AWS_WEB_IDENTITY_TOKEN_FILE`: a file holding an OpenID token exchanged at STS. */
  readonly tokenFile?: string;
  /** `AWS_ROLE_ARN`: the role to assume with the web-identity token. */
  readonly roleArn?: string;
  /** `AWS_ROLE_SESSION_NAME`. */
  readonly roleSessionName?: string;
  /** `AWS_REGION`: picks the regional STS endpoint. */
  readonly region?: string;
  /** `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`: ECS task credentials path on 169.254.170.2. */
  readonly relativeUri?: string;
  /** `AWS_CONTAINER_CREDENTIALS_FULL_URI`: a full container credentials URL (http only to loopback or ECS/EKS addresses). */
  readonly fullUri?: string;
  /** `AWS_CONTAINER_AUTHORIZATION_TOKEN`: sent as the `Authorization` header to the container endpoint. */
  readonly authToken?: string;
  /** `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`: a file holding that token (read at each refresh). */
  readonly authTokenFile?: string;
  /** Deadline of each metadata exchange in ms (default 5 000). */
  readonly timeoutMs?: number;
}

const IMDS_BASE = "http://169.254.169.254";
const ECS_BASE = "http://169.254.170.2";
const CONTAINER_HTTP_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "169.254.170.2", "169.254.170.23", "[fd00:ec2::23]"]);
const NAME = "IamAwsProvider";

/**
 * Credentials of the IAM role the code runs under on AWS — the seed's `IamAwsProvider`,
 * tried in this order: a web-identity token file (EKS/IRSA: exchanged at STS
 * `AssumeRoleWithWebIdentity`), ECS container credentials (relative or full URI, with the
 * authorization token), else EC2 instance metadata with the IMDSv2 token handshake
 * (`PUT /latest/api/token`, then the role name and its credentials). Cached and refreshed
 * ahead of expiry.
 */
export class IamAwsProvider extends RefreshingProvider {
  readonly #o: IamAwsProviderOptions;
  readonly #webIdentity: WebIdentityProvider | undefined;

  /** @param options endpoints and settings; unset ones come from the environment at construction */
  constructor(options: IamAwsProviderOptions = {}) {
    super(NAME);
    const env = process.env;
    const relative = options.relativeUri ?? env["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"];
    this.#o = {
      customEndpoint: options.customEndpoint,
      tokenFile: options.tokenFile ?? env["AWS_WEB_IDENTITY_TOKEN_FILE"],
      roleArn: options.roleArn ?? env["AWS_ROLE_ARN"],
      roleSessionName: options.roleSessionName ?? env["AWS_ROLE_SESSION_NAME"],
      region: options.region ?? env["AWS_REGION"],
      relativeUri: relative && !relative.startsWith("/") ? `/${relative}` : relative,
      fullUri: options.fullUri ?? env["AWS_CONTAINER_CREDENTIALS_FULL_URI"],
      authToken: options.authToken ?? env["AWS_CONTAINER_AUTHORIZATION_TOKEN"],
      authTokenFile: options.authTokenFile ?? env["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"],
      timeoutMs: options.timeoutMs ?? 5_000,
    };
    if (this.#o.customEndpoint !== undefined) checkUrl(this.#o.customEndpoint, "customEndpoint");
    const tokenFile = this.#o.tokenFile;
    this.#webIdentity = tokenFile
      ? new WebIdentityProvider(
        async () => ({ accessToken: (await readConfigFile(NAME, tokenFile)).trim() }),
        this.#o.customEndpoint ?? regionalSts(this.#o.region),
        { roleArn: this.#o.roleArn, roleSessionName: this.#o.roleSessionName, timeoutMs: this.#o.timeoutMs },
      )
      : undefined;
  }

  protected async fetchCredentials(): Promise<CredentialsValue> {
    if (this.#webIdentity) return this.#webIdentity.retrieve();
    const o = this.#o;
    if (o.relativeUri) return this.#fetchJson(new URL(o.customEndpoint ?? `${ECS_BASE}${o.relativeUri}`), await this.#containerAuth());
    if (o.fullUri) {
      const url = checkUrl(o.customEndpoint ?? o.fullUri, "AWS_CONTAINER_CREDENTIALS_FULL_URI");
      if (url.protocol === "http:" && !CONTAINER_HTTP_HOSTS.has(url.hostname)) {
        throw this.fail(`container credentials over http must come from a loopback or ECS/EKS address, not ${url.hostname}`, { code: "InvalidEndpoint" });
      }
      return this.#fetchJson(url, await this.#containerAuth());
    }
    if ((process.env["AWS_EC2_METADATA_DISABLED"] ?? "").toLowerCase() === "true") {
      throw this.fail("no web-identity token file or container credentials, and EC2 metadata is disabled", { code: "NotFound" });
    }
    return this.#fromImds(o.customEndpoint ?? IMDS_BASE);
  }

  /** The Authorization header for the container endpoint, from the token file or the token. */
  async #containerAuth(): Promise<Record<string, string>> {
    const token = this.#o.authTokenFile ? (await readConfigFile(NAME, this.#o.authTokenFile)).trim() : this.#o.authToken;
    return token ? { authorization: token } : {};
  }

  /** IMDSv2: a session token first, then the role name, then the role's credentials. */
  async #fromImds(base: string): Promise<CredentialsValue> {
    const root = base.replace(/\/+$/, "");
    const token = await this.#ok(await httpCall({
      provider: NAME, method: "PUT", url: new URL(`${root}/latest/api/token`),
      headers: { "x-aws-ec2-metadata-token-ttl-seconds": "21600" }, timeoutMs: this.#o.timeoutMs,
    }), "the IMDSv2 token");
    const headers = { "x-aws-ec2-metadata-token": token.body.trim() };
    const listUrl = `${root}/latest/meta-data/iam/security-credentials/`;
    const list = await this.#ok(await httpCall({ provider: NAME, method: "GET", url: new URL(listUrl), headers, timeoutMs: this.#o.timeoutMs }), "the role list");
    const role = list.body.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== "");
    if (!role) throw this.fail("no IAM role is attached to this instance", { code: "NotFound" });
    return this.#fetchJson(new URL(`${listUrl}${encodeURIComponent(role)}`), headers);
  }

  /** Fetches and parses a JSON credentials document (IMDS and container endpoints share it). */
  async #fetchJson(url: URL, headers: Record<string, string>): Promise<CredentialsValue> {
    const reply = await this.#ok(await httpCall({ provider: NAME, method: "GET", url, headers, timeoutMs: this.#o.timeoutMs }), "credentials");
    return parseCredentialsJson(reply.body, (message, code) => this.fail(message, { code }));
  }

  #ok(reply: HttpReply, what: string): HttpReply {
    if (reply.status >= 200 && reply.status < 300) return reply;
    throw this.fail(`fetching ${what} failed with HTTP ${reply.status}`, { code: `HTTP${reply.status}` });
  }
}

/** The credentials in an IMDS / container credentials JSON document. */
export function parseCredentialsJson(text: string, fail: (message: string, code: string) => Error): CredentialsValue {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw fail("the credentials document is not JSON", "InvalidResponse"); // the parser's message could quote a secret
  }
  const d = (typeof doc === "object" && doc !== null ? doc : {}) as Record<string, unknown>;
  const code = typeof d["Code"] === "string" ? d["Code"] : "Success";
  if (code !== "Success") throw fail(`the metadata service answered ${code}`, code);
  const { AccessKeyId, SecretAccessKey, Token, Expiration } = d;
  if (typeof AccessKeyId !== "string" || !AccessKeyId || typeof SecretAccessKey !== "string" || !SecretAccessKey) {
    throw fail("the credentials document lacks AccessKeyId or SecretAccessKey", "InvalidResponse");
  }
  const expiration = typeof Expiration === "string" ? new Date(Expiration) : undefined;
  if (expiration && Number.isNaN(expiration.getTime())) throw fail("the credentials document has an unreadable Expiration", "InvalidResponse");
  return new CredentialsValue(AccessKeyId, SecretAccessKey, typeof Token === "string" ? Token : undefined, expiration);
}

function regionalSts(region: string | undefined): string {
  if (!region) return "https://sts.amazonaws.com";
  return `https://sts.${region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}`;
}

function checkUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`${NAME}: ${what} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new InvalidArgumentError(`${NAME}: ${what} must be http or https`);
  return url;
}
