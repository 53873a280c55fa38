import type { ConfigCodec } from "./codec.js";
import { notImplemented } from "./not-implemented.js";

/** Placeholder until the tags codecs land. */
export const bucketTagsCodec: ConfigCodec<unknown> = notImplemented("bucketTags");
/** Placeholder until the tags codecs land. */
export const objectTagsCodec: ConfigCodec<unknown> = notImplemented("objectTags");
