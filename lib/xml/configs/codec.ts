import type { ConfigName } from "../../plan/nodes.js";

/**
 * How one configuration travels: its body encoding, its decoding, and what "absent"
 * means for it. One codec per configuration; the generic ConfigRef and the executor do
 * the rest.
 */
export interface ConfigCodec<T, In = T, G = T | null> {
  /** Phantom: what `get()` resolves to — `T | null`, or `T` when `absent()` is given. */
  readonly __get?: G;
  readonly name: ConfigName;
  /** Content type of the PUT body. */
  readonly contentType: string;
  /** Model → request body (xmlbuilder2 for XML). Validates and throws InvalidArgumentError. */
  encode(value: In): string;
  /** Response body → model (sax). */
  decode(body: string): T;
  /** S3 error codes meaning "no such configuration": `get()` then resolves to `absent()`, or null. */
  readonly absentCodes: readonly string[];
  /** The value `get()` resolves to when absent (e.g. versioning "Off"); null when not given. */
  absent?(): T;
  /** How delete works: a DELETE request, a PUT of another body, or not at all (versioning). */
  readonly deleteBy: "DELETE" | { readonly put: () => string } | "none";
}

/** The query subresource of each configuration. */
export const SUBRESOURCE: Readonly<Record<ConfigName, string>> = {
  versioning: "versioning",
  policy: "policy",
  notification: "notification",
  encryption: "encryption",
  replication: "replication",
  lifecycle: "lifecycle",
  bucketTags: "tagging",
  objectLock: "object-lock",
  objectTags: "tagging",
  retention: "retention",
  legalHold: "legal-hold",
};
