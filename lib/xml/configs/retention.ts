import type { ConfigCodec } from "./codec.js";
import { notImplemented } from "./not-implemented.js";

/** Placeholder until the retention codec lands. */
export const retentionCodec: ConfigCodec<unknown> = notImplemented("retention");
