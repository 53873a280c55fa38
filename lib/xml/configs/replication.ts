import type { ConfigCodec } from "./codec.js";
import { notImplemented } from "./not-implemented.js";

/** Placeholder until the replication codec lands. */
export const replicationCodec: ConfigCodec<unknown> = notImplemented("replication");
