import type { ConfigCodec } from "./codec.js";
import { notImplemented } from "./not-implemented.js";

/** Placeholder until the object-lock codec lands. */
export const objectLockCodec: ConfigCodec<unknown> = notImplemented("object-lock");
