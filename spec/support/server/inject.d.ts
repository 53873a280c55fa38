import type { ServerPair } from "./server-info.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The servers the global setup provides: `inject("s3").plain`, `inject("s3").tls`. */
    s3: ServerPair;
  }
}
