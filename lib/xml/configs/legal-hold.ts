import type { ConfigCodec } from "./codec.js";
import { notImplemented } from "./not-implemented.js";

/** Placeholder until the legal-hold codec lands. */
export const legalHoldCodec: ConfigCodec<unknown> = notImplemented("legal-hold");
