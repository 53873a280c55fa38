import type { Credentials } from "../sign/types.js";

/** Supplies credentials; implementations cache and refresh them before they expire. */
export interface CredentialsProvider {
  /** Returns current credentials. */
  retrieve(): Promise<Credentials>;
}
