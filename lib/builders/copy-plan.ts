import { InvalidArgumentError } from "../errors.js";
import { checkRetainUntilAhead } from "../validate/retention.js";
import { ComposeSource, CopySource, taggingHeaderValue } from "../model/copy-source.js";
import { Retention } from "../model/retention.js";
import { SseCustomerKey, SseKMS, SseS3, type Sse } from "../model/sse.js";
import { MAX_COPY_PART, MAX_COPY_PARTS, MIN_COPY_PART, type CopyDirective, type CopySourceSpec, type CopyStep } from "../plan/copy-nodes.js";
import { freezeNode, type ComposeObjectNode, type CopyObjectNode } from "../plan/nodes.js";
import type { TagsInput } from "../xml/configs/tags.js";
import { Tags } from "../model/tags.js";
import { metadataHeaders } from "./headers.js";
import type { SignalOption } from "./object-ref.js";
import type { ObjectTarget } from "./upload-plan.js";

export { ComposeSource, CopySource };

/** Options of `ObjectRef.compose` (and of the facade's `composeObject`). */
export interface ComposeOptions extends SignalOption {
  /** Encryption of the new object: SseCustomerKey (HTTPS only), SseKMS or SseS3. */
  readonly sse?: Sse;
  /** User metadata (x-amz-meta-*) and standard headers such as Content-Type of the new object. */
  readonly metadata?: Readonly<Record<string, string | number | boolean>>;
  /** Tags of the new object (at most 10). */
  readonly tags?: TagsInput;
  /** Object-lock retention of the new object (the bucket needs object lock). */
  readonly retention?: Retention;
  /** Legal hold of the new object (the bucket needs object lock). */
  readonly legalHold?: boolean;
}

/** Options of `ObjectRef.copyFrom` (and of the facade's `copyObject`). */
export interface CopyOptions extends ComposeOptions {
  /** COPY keeps the source's metadata, REPLACE uses `metadata` (default: REPLACE when `metadata` is given, else COPY). */
  readonly metadataDirective?: CopyDirective;
  /** COPY keeps the source's tags, REPLACE uses `tags` (default: REPLACE when `tags` is given, else COPY). */
  readonly taggingDirective?: CopyDirective;
}

const MULTIPART_STEP = (when: "always" | "otherwise"): CopyStep => Object.freeze({
  step: "MultipartCopy", when, maxPartSize: MAX_COPY_PART, pinSourceETag: true, onFailure: "AbortMultipartUpload",
});
const STAT_STEP: CopyStep = Object.freeze({ step: "StatSources" });
const COPY_STEP: CopyStep = Object.freeze({ step: "CopyObject", when: "single whole source of at most 5 GiB" });

/** Plans a server-side copy: a stat of the source, then one CopyObject or (ranged / over 5 GiB) a multipart copy. */
export function planCopy(target: ObjectTarget, source: CopySource, options: CopyOptions): CopyObjectNode {
  if (!(source instanceof CopySource)) throw new InvalidArgumentError("source must be a CopySource");
  const o = options ?? {};
  const metadataDirective = directive(o.metadataDirective, o.metadata !== undefined, "metadata");
  const taggingDirective = directive(o.taggingDirective, o.tags !== undefined, "tags");
  if (source.ranged && (o.metadataDirective === "COPY" || o.taggingDirective === "COPY")) {
    throw new InvalidArgumentError("a ranged copy is a multipart copy: the COPY directive does not apply (leave it out or use REPLACE)");
  }
  const headers = destinationHeaders(o);
  const spec = sourceSpec(source);
  const node: CopyObjectNode = {
    kind: "CopyObject",
    bucket: target.bucketName,
    key: target.objectName,
    source: spec,
    metadataDirective,
    taggingDirective,
    headers,
    ...(o.sse ? { sse: checkSse(o.sse) } : {}),
    steps: Object.freeze(source.ranged ? [STAT_STEP, MULTIPART_STEP("always")] : [STAT_STEP, COPY_STEP, MULTIPART_STEP("otherwise")]),
  };
  if (isSameObject(target, spec) && metadataDirective === "COPY" && taggingDirective === "COPY" && !o.sse && !spec.range) {
    throw new InvalidArgumentError("copying an object onto itself needs a change: REPLACE metadata or tags, or new encryption");
  }
  return freezeNode(node);
}

/** Plans a server-side compose: a stat of every source (validating sizes and ranges), then a multipart copy. */
export function planCompose(target: ObjectTarget, sources: readonly ComposeSource[], options: ComposeOptions): ComposeObjectNode {
  if (!Array.isArray(sources) || sources.length === 0) throw new InvalidArgumentError("compose needs at least one source");
  if (sources.length > MAX_COPY_PARTS) throw new InvalidArgumentError(`compose takes at most ${MAX_COPY_PARTS} sources, got ${sources.length}`);
  for (const [i, s] of sources.entries()) if (!(s instanceof CopySource)) throw new InvalidArgumentError(`sources[${i}] must be a ComposeSource`);
  checkComposeRanges(sources);
  const o = options ?? {};
  const specs = Object.freeze(sources.map(sourceSpec));
  const single = specs.length === 1 && specs[0]!.range === undefined;
  return freezeNode({
    kind: "ComposeObject",
    bucket: target.bucketName,
    key: target.objectName,
    sources: specs,
    headers: destinationHeaders(o),
    ...(o.sse ? { sse: checkSse(o.sse) } : {}),
    steps: Object.freeze(single ? [STAT_STEP, COPY_STEP, MULTIPART_STEP("otherwise")] : [STAT_STEP, MULTIPART_STEP("always")]),
  });
}

/**
 * Refuses, before any HEAD, a non-last source whose range already says it is under the 5 MiB
 * every part but the last must reach (sources without a length are checked after their stat).
 */
function checkComposeRanges(sources: readonly ComposeSource[]): void {
  for (let i = 0; i < sources.length - 1; i++) {
    const length = sources[i]!.length;
    if (length !== undefined && length < MIN_COPY_PART) {
      throw new InvalidArgumentError(`sources[${i}].length is ${length} bytes: every source but the last must be at least ${MIN_COPY_PART} bytes (5 MiB)`);
    }
  }
}

function directive(given: CopyDirective | undefined, valueGiven: boolean, what: "metadata" | "tags"): CopyDirective {
  if (given !== undefined && given !== "COPY" && given !== "REPLACE") throw new InvalidArgumentError(`${what === "tags" ? "taggingDirective" : "metadataDirective"} must be "COPY" or "REPLACE"`);
  if (given === "COPY" && valueGiven) throw new InvalidArgumentError(`${what} were given with the COPY directive: use REPLACE (or leave the directive out)`);
  return given ?? (valueGiven ? "REPLACE" : "COPY");
}

function isSameObject(target: ObjectTarget, s: CopySourceSpec): boolean {
  return target.bucketName === s.bucket && target.objectName === s.key && s.versionId === undefined;
}

/** Plain-data form of a source: conditions as the header values to send. */
function sourceSpec(s: CopySource): CopySourceSpec {
  const conditions = Object.freeze({
    ...(s.matchETag !== undefined ? { matchETag: s.matchETag } : {}),
    ...(s.notMatchETag !== undefined ? { notMatchETag: s.notMatchETag } : {}),
    ...(s.modifiedSince ? { modifiedSince: s.modifiedSince.toUTCString() } : {}),
    ...(s.unmodifiedSince ? { unmodifiedSince: s.unmodifiedSince.toUTCString() } : {}),
  });
  const range = s.ranged ? Object.freeze({ offset: s.offset ?? 0, ...(s.length !== undefined ? { length: s.length } : {}) }) : undefined;
  return Object.freeze({
    bucket: s.bucketName,
    key: s.objectName,
    ...(s.versionId !== undefined ? { versionId: s.versionId } : {}),
    ...(range ? { range } : {}),
    conditions,
    ...(s.ssec ? { ssec: s.ssec } : {}),
  });
}

/** Metadata, tagging and object-lock headers of the new object (encryption is added when sending). */
function destinationHeaders(o: ComposeOptions): Record<string, string> {
  const headers = metadataHeaders(o.metadata);
  for (const k of Object.keys(headers)) {
    if (k.startsWith("x-amz-") && !k.startsWith("x-amz-meta-")) throw new InvalidArgumentError(`metadata key ${k} is not allowed here: use the sse, tags, retention and legalHold options`);
  }
  if (o.tags !== undefined) {
    const tags = new Tags(true, o.tags);
    headers["x-amz-tagging"] = taggingHeaderValue(tags);
  }
  if (o.retention !== undefined) {
    if (!(o.retention instanceof Retention)) throw new InvalidArgumentError("retention must be a Retention");
    checkRetainUntilAhead(o.retention.retainUntilDate);
    headers["x-amz-object-lock-mode"] = o.retention.mode;
    headers["x-amz-object-lock-retain-until-date"] = o.retention.retainUntilDate.toISOString();
  }
  if (o.legalHold !== undefined) {
    if (typeof o.legalHold !== "boolean") throw new InvalidArgumentError("legalHold must be true or false");
    headers["x-amz-object-lock-legal-hold"] = o.legalHold ? "ON" : "OFF";
  }
  return headers;
}

function checkSse(sse: unknown): Sse {
  if (sse instanceof SseCustomerKey || sse instanceof SseKMS || sse instanceof SseS3) return sse;
  throw new InvalidArgumentError("sse must be an SseCustomerKey, SseKMS or SseS3");
}
