import type { Credentials } from "../sign/types.js";

/** Supplies credentials; implementations cache and refresh them before they expire. */
export interface CredentialsProvider {
  /** Returns current credentials. */
  retrieve(): Promise<Credentials>;
}

/** A provider's class name, for errors and printed forms. */
export function providerName(p: CredentialsProvider): string {
  return (p as { constructor?: { name?: string } }).constructor?.name || "CredentialsProvider";
}
