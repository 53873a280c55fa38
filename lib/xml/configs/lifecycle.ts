import type { ConfigCodec } from "./codec.js";
import { notImplemented } from "./not-implemented.js";

/** Placeholder until the lifecycle codec lands. */
export const lifecycleCodec: ConfigCodec<unknown> = notImplemented("lifecycle");
