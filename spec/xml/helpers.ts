/**
 * Helpers for the listing-parser specs.
 */
import type { ObjectInfo } from "../../lib/model/object-info.js";
import { ListObjectsParser, type ListingKind, type ListPageMeta } from "../../lib/xml/list-objects.js";

/** The result of parsing one listing page. */
export interface Parsed {
  items: ObjectInfo[];
  meta: ListPageMeta;
}

/** Parses `input` (a whole document or its chunks) with a fresh parser using `tokenizer`. */
export function parseListing(
  kind: ListingKind, input: string | ReadonlyArray<Buffer | string>, urlDecode = false, bucket = "b", tokenizer: "bytes" | "sax" = "bytes",
): Parsed {
  const items: ObjectInfo[] = [];
  const p = new ListObjectsParser(kind, bucket, { urlDecode, onItem: (o) => items.push(o), tokenizer });
  for (const chunk of typeof input === "string" ? [input] : input) p.write(chunk);
  return { items, meta: p.end() };
}

/** The UTF-8 bytes of `xml` cut every `n` bytes (splitting multi-byte characters too). */
export function byteChunks(xml: string, n: number, offset = 0): Buffer[] {
  const buf = Buffer.from(xml, "utf8");
  const out: Buffer[] = [];
  let i = 0;
  if (offset > 0) {
    out.push(buf.subarray(0, offset));
    i = offset;
  }
  for (; i < buf.length; i += n) out.push(buf.subarray(i, i + n));
  return out;
}

/** An ObjectInfo with the parser's fixed shape: every absent field present as `undefined`. */
export function entry(fields: Partial<ObjectInfo> & { objectName: string }): ObjectInfo {
  return {
    bucketName: "b",
    lastModified: undefined,
    etag: undefined,
    size: undefined,
    storageClass: undefined,
    ownerId: undefined,
    ownerName: undefined,
    versionId: undefined,
    isLatest: undefined,
    isDeleteMarker: false,
    isDir: false,
    contentType: undefined,
    metadata: undefined,
    userTags: undefined,
    ...fields,
  };
}

/** A common prefix as the parser reports it. */
export function prefix(name: string, bucketName = "b"): ObjectInfo {
  return entry({ bucketName, objectName: name, isDir: true });
}

/** Page metadata with every absent field present as `undefined`. */
export function meta(fields: Partial<ListPageMeta>): ListPageMeta {
  return {
    isTruncated: false,
    nextContinuationToken: undefined,
    nextMarker: undefined,
    nextKeyMarker: undefined,
    nextVersionIdMarker: undefined,
    lastKey: undefined,
    keyCount: undefined,
    encodingType: undefined,
    ...fields,
  };
}
