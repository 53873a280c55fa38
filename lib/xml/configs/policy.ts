import type { ConfigCodec } from "./codec.js";
import { notImplemented } from "./not-implemented.js";

/** Placeholder until the policy codec lands. */
export const policyCodec: ConfigCodec<unknown> = notImplemented("policy");
