import { CredentialsError } from "../errors.js";
import { CredentialsValue } from "./credentials-value.js";

/**
 * Credentials from the environment: the first non-empty variable of each list. A missing
 * access or secret key is a CredentialsError (code `NotFound`) naming the variables — never
 * their values — so a chain moves on to its next provider.
 */
export function credentialsFromEnv(
  provider: string,
  accessVars: readonly string[],
  secretVars: readonly string[],
  tokenVar?: string,
): CredentialsValue {
  const pick = (names: readonly string[]) => names.map((n) => process.env[n]).find((v) => v !== undefined && v !== "");
  const accessKey = pick(accessVars);
  const secretKey = pick(secretVars);
  if (!accessKey || !secretKey) {
    throw new CredentialsError(provider, `${accessVars.join(" or ")} and ${secretVars.join(" or ")} must be set`, { code: "NotFound" });
  }
  return new CredentialsValue(accessKey, secretKey, tokenVar ? pick([tokenVar]) : undefined);
}
