/**
 * Multipart upload bodies: InitiateMultipartUploadResult, the CompleteMultipartUpload request
 * body, and CompleteMultipartUploadResult — which may be an `<Error>` inside a 200 response.
 */
import { unquoteETag } from "./etag.js";
import { create } from "xmlbuilder2";
import type { S3Error } from "../errors.js";
import { S3_XMLNS } from "./create-bucket.js";
import { malformed } from "./decode.js";
import { errorFieldsFrom, s3ErrorFrom } from "./error.js";
import { parseUploadsListing } from "./list-uploads.js";
import { childText, parseXmlTree } from "./tree.js";
import { literal } from "./literal-text.js";

/** The upload id of an InitiateMultipartUploadResult. */
export function parseInitiateMultipartUpload(xml: string): string {
  const root = parseXmlTree(xml);
  if (root.name !== "InitiateMultipartUploadResult") throw malformed(`unexpected root element <${root.name}> in InitiateMultipartUploadResult`);
  const id = childText(root, "UploadId");
  if (!id) throw malformed("InitiateMultipartUploadResult has no UploadId");
  return id;
}

/** One uploaded part, as CompleteMultipartUpload lists it. */
export interface CompletedPart {
  readonly partNumber: number;
  /** The part's ETag as the server returned it (quotes optional). */
  readonly etag: string;
  /** Base64 CRC32 the part was uploaded with, listed as `<ChecksumCRC32>` (flexible checksums). */
  readonly checksumCRC32?: string;
}

/** The CompleteMultipartUpload body for parts in ascending part-number order. */
export function completeMultipartUploadBody(parts: readonly CompletedPart[]): string {
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(S3_XMLNS, "CompleteMultipartUpload");
  for (const p of parts) {
    const part = root.ele("Part").ele("PartNumber").txt(String(p.partNumber)).up().ele("ETag").txt(literal(p.etag)).up();
    if (p.checksumCRC32 !== undefined) part.ele("ChecksumCRC32").txt(p.checksumCRC32);
  }
  return root.end();
}

/** What CompleteMultipartUpload returns: the object's ETag (multipart form, unquoted), or the error inside a 200. */
export type CompleteResult =
  | { readonly ok: true; readonly etag: string; readonly location?: string; readonly checksumCRC32?: string }
  | { readonly ok: false; readonly error: S3Error };

/** Parses a CompleteMultipartUpload response body (status 200). */
export function parseCompleteMultipartUpload(xml: string): CompleteResult {
  const root = parseXmlTree(xml);
  if (root.name === "Error") {
    const texts = new Map<string, string>();
    for (const c of root.children) if (!texts.has(c.name)) texts.set(c.name, c.text);
    return { ok: false, error: s3ErrorFrom(errorFieldsFrom((n) => texts.get(n)), 200) };
  }
  if (root.name !== "CompleteMultipartUploadResult") throw malformed(`unexpected root element <${root.name}> in CompleteMultipartUploadResult`);
  const etag = unquoteETag((childText(root, "ETag") ?? "").trim());
  const location = childText(root, "Location");
  const crc32 = childText(root, "ChecksumCRC32")?.trim();
  return { ok: true, etag, ...(location ? { location } : {}), ...(crc32 ? { checksumCRC32: crc32 } : {}) };
}

/** One page of ListMultipartUploads. */
export interface ListUploadsPage {
  readonly uploads: ReadonlyArray<{ readonly key: string; readonly uploadId: string; readonly initiated?: string; readonly storageClass?: string }>;
  readonly isTruncated: boolean;
  readonly nextKeyMarker?: string;
  readonly nextUploadIdMarker?: string;
}

/** Parses a ListMultipartUploadsResult page (with the listing tokenizer, see list-uploads.ts). */
export function parseListMultipartUploads(xml: string): ListUploadsPage {
  return parseUploadsListing(xml);
}
