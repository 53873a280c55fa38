import type { ConfigCodec } from "./codec.js";
import { notImplemented } from "./not-implemented.js";

/** Placeholder until the notification codec lands. */
export const notificationCodec: ConfigCodec<unknown> = notImplemented("notification");
