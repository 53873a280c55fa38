import { CredentialsError } from "../errors.js";
import type { Credentials } from "../sign/types.js";
import { isExpired } from "./credentials-value.js";
import { providerName, type CredentialsProvider } from "./provider.js";

/**
 * Credentials fit to sign a request now: a provider's answer whose `expiration` has passed
 * is never used — the provider is asked once more, and if it still answers expired
 * credentials this fails with a CredentialsError (code `Expired`), so nothing is sent.
 */
export async function usableCredentials(provider: CredentialsProvider): Promise<Credentials> {
  const first = await provider.retrieve();
  if (!isExpired(first)) return first;
  const second = await provider.retrieve();
  if (!isExpired(second)) return second;
  throw new CredentialsError(
    providerName(provider),
    `the credentials expired at ${second.expiration!.toISOString()} and the provider gave no fresh ones; the request was not sent`,
    { code: "Expired" },
  );
}
