import type { ConfigCodec } from "./codec.js";
import { notImplemented } from "./not-implemented.js";

/** Placeholder until the versioning codec lands. */
export const versioningCodec: ConfigCodec<unknown> = notImplemented("versioning");
