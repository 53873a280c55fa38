import { InvalidArgumentError } from "../errors.js";
import type { CredentialsValue } from "./credentials-value.js";
import { DEFAULT_CREDENTIALS_TIMEOUT_MS } from "./http-call.js";
import { RefreshingProvider } from "./refreshing-provider.js";
import { MAX_DURATION_SECONDS, MIN_DURATION_SECONDS, callSts, checkDuration, parseStsEndpoint, stsTransport, type StsOptions } from "./sts.js";

/** A JWT from an identity provider, as the seed's `jwt_provider_func` returns it (camelCase). */
export interface Jwt {
  /** The token (an OAuth2 access token or an OpenID id token). Never logged. */
  readonly accessToken: string;
  /** Its lifetime in seconds, if the identity provider said; becomes `DurationSeconds`. */
  readonly expiresIn?: number;
}

/** Supplies a fresh JWT for each STS exchange. */
export type JwtProvider = () => Jwt | Promise<Jwt>;

/** Options of {@link WebIdentityProvider} and {@link ClientGrantsProvider}. */
export interface JwtStsOptions extends StsOptions {
  /** Lifetime of the temporary credentials (900 s to 7 days); default: the JWT's `expiresIn`. */
  readonly durationSeconds?: number;
  /** An inline session policy (JSON). */
  readonly policy?: string;
}

/**
 * `DurationSeconds` to ask for: the configured one, else the JWT's lifetime clamped to
 * what STS accepts; none when neither is known.
 */
export function jwtDuration(configured: number | undefined, expiresIn: number | undefined): number | undefined {
  const d = configured ?? expiresIn;
  if (d === undefined || !Number.isFinite(d) || d <= 0) return undefined;
  return Math.min(MAX_DURATION_SECONDS, Math.max(MIN_DURATION_SECONDS, Math.floor(d)));
}

/** The shared engine of the JWT-based STS providers: get a JWT, exchange it, unsigned. */
export abstract class JwtStsProvider extends RefreshingProvider {
  readonly #name: string;
  readonly #jwt: JwtProvider;
  readonly #endpoint: URL;
  readonly #duration: number | undefined;
  readonly #options: JwtStsOptions;

  protected constructor(name: string, jwtProvider: JwtProvider, stsEndpoint: string, options: JwtStsOptions) {
    super(name);
    if (typeof jwtProvider !== "function") throw new InvalidArgumentError(`${name}: jwtProvider must be a function returning { accessToken, expiresIn? }`);
    this.#name = name;
    this.#jwt = jwtProvider;
    this.#endpoint = parseStsEndpoint(name, stsEndpoint);
    this.#duration = checkDuration(name, options.durationSeconds);
    this.#options = { ...options };
  }

  /** The STS action, and its token parameter with any extra ones. */
  protected abstract request(token: string): { action: string; params: Record<string, string | undefined> };

  protected async fetchCredentials(): Promise<CredentialsValue> {
    // The JWT provider is the caller's code: bound it by the same deadline as the STS exchange.
    const ms = this.#options.timeoutMs ?? DEFAULT_CREDENTIALS_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const jwt = await Promise.race([
      Promise.resolve().then(this.#jwt),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(this.fail(`the JWT provider gave no token within ${ms} ms`, { code: "Timeout" })), ms);
      }),
    ]).finally(() => clearTimeout(timer));
    if (!jwt || typeof jwt.accessToken !== "string" || !jwt.accessToken) throw this.fail("the JWT provider returned no accessToken", { code: "NoToken" });
    const duration = jwtDuration(this.#duration, jwt.expiresIn);
    const { action, params } = this.request(jwt.accessToken);
    return callSts({
      provider: this.#name,
      endpoint: this.#endpoint,
      action,
      params: { ...params, DurationSeconds: duration === undefined ? undefined : String(duration), Policy: this.#options.policy || undefined },
      secrets: [jwt.accessToken],
      ...stsTransport(this.#options),
    });
  }
}
