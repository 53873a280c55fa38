import type { ConfigCodec } from "./codec.js";
import { notImplemented } from "./not-implemented.js";

/** Placeholder until the encryption codec lands. */
export const encryptionCodec: ConfigCodec<unknown> = notImplemented("encryption");
