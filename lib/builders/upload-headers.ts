/**
 * The headers an object write carries: content type, metadata, tags (x-amz-tagging,
 * form-encoded), object-lock retention and legal hold. Pure.
 */
import { InvalidArgumentError } from "../errors.js";
import { checkRetainUntilAhead } from "../validate/retention.js";
import { Retention } from "../model/retention.js";
import { Tags } from "../model/tags.js";
import { metadataHeaders } from "./headers.js";

/** The header-producing options of a write. */
export interface WriteHeaderOptions {
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string | number | boolean>>;
  readonly tags?: Tags | Readonly<Record<string, string>>;
  readonly retention?: Retention;
  readonly legalHold?: boolean;
}

/** Headers of an object write; `defaultType` applies when neither contentType nor metadata gives one. */
export function writeHeaders(options: WriteHeaderOptions, defaultType = "application/octet-stream"): Record<string, string> {
  const headers: Record<string, string> = metadataHeaders(options.metadata);
  if (options.contentType !== undefined) {
    if (typeof options.contentType !== "string" || /[\r\n]/.test(options.contentType)) throw new InvalidArgumentError("contentType must be a string without line breaks");
    headers["content-type"] = options.contentType;
  } else {
    headers["content-type"] ??= defaultType;
  }
  if (options.tags !== undefined) {
    const tags = options.tags instanceof Tags ? options.tags : new Tags(true, options.tags);
    if (tags.size > 0) headers["x-amz-tagging"] = new URLSearchParams([...tags]).toString();
  }
  if (options.retention !== undefined) {
    if (!(options.retention instanceof Retention)) throw new InvalidArgumentError("retention must be a Retention");
    checkRetainUntilAhead(options.retention.retainUntilDate);
    headers["x-amz-object-lock-mode"] = options.retention.mode;
    headers["x-amz-object-lock-retain-until-date"] = options.retention.retainUntilDate.toISOString();
  }
  if (options.legalHold !== undefined && typeof options.legalHold !== "boolean") throw new InvalidArgumentError("legalHold must be a boolean");
  if (options.legalHold === true) headers["x-amz-object-lock-legal-hold"] = "ON";
  return headers;
}
