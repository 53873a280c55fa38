/**
 * Listings over the synthetic key space, written as S3 (MinIO) writes them: ListObjectsV2,
 * ListObjects (V1) and ListObjectVersions, with prefix, delimiter, start-after / marker /
 * key-marker, continuation-token, max-keys and encoding-type=url. Element order follows
 * MinIO's response structs (the page header, including the next token, comes before the
 * entries); ETags are quoted as `&quot;`. Every object has one version, "null".
 */
import type { KeySpace } from "./keyspace.js";

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
/** A fixed modification time for every generated object. */
export const LAST_MODIFIED = "2026-01-01T00:00:00.000Z";

/** XML-escapes text content. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&apos;"));
}

/** S3's encoding-type=url form of a name: percent-encoding with "/" kept. */
export function urlEncodeName(s: string): string {
  return encodeURIComponent(s).replace(/%2F/g, "/").replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** One page of a walk: entries (key positions) and common prefixes, in key order. */
export interface Walk {
  readonly keys: number[];
  readonly prefixes: string[];
  /** Entries in key order, for V1/V2 "last returned" bookkeeping. */
  readonly last?: string;
  readonly truncated: boolean;
}

/** The first string after every string that starts with `prefix` (ASCII names). */
function pastPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/**
 * Walks the key space from after `marker`: keys under `prefix`, with keys that hold
 * `delimiter` after the prefix rolled up into common prefixes (a common prefix at or before
 * the marker is skipped whole), at most `maxKeys` entries.
 */
export function walk(space: KeySpace, prefix: string, delimiter: string, marker: string, maxKeys: number): Walk {
  const all = space.keys;
  let i = marker > prefix ? space.lowerBound(marker) : space.lowerBound(prefix, true);
  const keys: number[] = [];
  const prefixes: string[] = [];
  let last: string | undefined;
  while (i < all.length) {
    const key = all[i]!;
    if (!key.startsWith(prefix)) break;
    let common: string | undefined;
    if (delimiter !== "") {
      const at = key.indexOf(delimiter, prefix.length);
      if (at >= 0) common = key.slice(0, at + delimiter.length);
    }
    if (common !== undefined && marker !== "" && common <= marker) {
      i = space.lowerBound(pastPrefix(common), true); // already returned (or before the start)
      continue;
    }
    if (keys.length + prefixes.length >= maxKeys) return { keys, prefixes, ...(last !== undefined ? { last } : {}), truncated: true };
    if (common !== undefined) {
      prefixes.push(common);
      last = common;
      i = space.lowerBound(pastPrefix(common), true);
    } else {
      keys.push(i);
      last = key;
      i++;
    }
  }
  return { keys, prefixes, ...(last !== undefined ? { last } : {}), truncated: false };
}

/** Request parameters every listing shares. */
export interface ListParams {
  readonly bucket: string;
  readonly prefix: string;
  readonly delimiter: string;
  readonly maxKeys: number;
  readonly urlEncoding: boolean;
}

/** Text of a name as the response carries it (URL-encoded when asked, XML-escaped always). */
function nameText(name: string, url: boolean): string {
  return xmlEscape(url ? urlEncodeName(name) : name);
}

/** The per-key part of a listing entry after `<Key>…</Key>`, cached per key. */
class EntryCache {
  readonly #tails: Array<string | undefined> = [];
  readonly #names: Array<Array<string | undefined>> = [[], []];
  constructor(private readonly space: KeySpace) {}
  name(i: number, url: boolean): string {
    const cache = this.#names[url ? 1 : 0]!;
    return (cache[i] ??= nameText(this.space.keys[i]!, url));
  }
  tail(i: number): string {
    return (this.#tails[i] ??=
      `<LastModified>${LAST_MODIFIED}</LastModified><ETag>&quot;${this.space.etag(i)}&quot;</ETag><Size>${this.space.spec.objectSize}</Size>`);
  }
}

const caches = new WeakMap<KeySpace, EntryCache>();
function cacheOf(space: KeySpace): EntryCache {
  let c = caches.get(space);
  if (c === undefined) caches.set(space, (c = new EntryCache(space)));
  return c;
}

function commonPrefixes(w: Walk, url: boolean): string {
  let s = "";
  for (const p of w.prefixes) s += `<CommonPrefixes><Prefix>${nameText(p, url)}</Prefix></CommonPrefixes>`;
  return s;
}

function contents(space: KeySpace, w: Walk, url: boolean): string {
  const c = cacheOf(space);
  let s = "";
  for (const i of w.keys) s += `<Contents><Key>${c.name(i, url)}</Key>${c.tail(i)}<StorageClass>STANDARD</StorageClass></Contents>`;
  return s;
}

const opt = (tag: string, value: string | undefined) => (value ? `<${tag}>${value}</${tag}>` : "");

/** The end of a ListBucketResult (V1 and V2 alike): MaxKeys onwards. */
function bucketResultTail(space: KeySpace, p: ListParams, w: Walk): string {
  const url = p.urlEncoding;
  return `<MaxKeys>${p.maxKeys}</MaxKeys>`
    + opt("Delimiter", p.delimiter ? nameText(p.delimiter, url) : undefined)
    + `<IsTruncated>${w.truncated}</IsTruncated>`
    + contents(space, w, url) + commonPrefixes(w, url)
    + opt("EncodingType", url ? "url" : undefined) + "</ListBucketResult>";
}

/** ListObjectsV2. The continuation token is the base64 of the last name returned. */
export function listV2(space: KeySpace, p: ListParams & { startAfter: string; token: string | undefined }): string {
  const marker = p.token !== undefined ? Buffer.from(p.token, "base64").toString("utf8") : p.startAfter;
  const w = walk(space, p.prefix, p.delimiter, marker, p.maxKeys);
  const next = w.truncated && w.last !== undefined ? Buffer.from(w.last, "utf8").toString("base64") : undefined;
  const url = p.urlEncoding;
  return XML_HEAD + `<ListBucketResult ${NS}><Name>${xmlEscape(p.bucket)}</Name><Prefix>${nameText(p.prefix, url)}</Prefix>`
    + opt("StartAfter", p.startAfter ? nameText(p.startAfter, url) : undefined)
    + opt("ContinuationToken", p.token !== undefined ? xmlEscape(p.token) : undefined)
    + opt("NextContinuationToken", next)
    + `<KeyCount>${w.keys.length + w.prefixes.length}</KeyCount>` + bucketResultTail(space, p, w);
}

/** ListObjects (V1): marker in, NextMarker out (the last name returned) when truncated. */
export function listV1(space: KeySpace, p: ListParams & { marker: string }): string {
  const w = walk(space, p.prefix, p.delimiter, p.marker, p.maxKeys);
  const url = p.urlEncoding;
  return XML_HEAD + `<ListBucketResult ${NS}><Name>${xmlEscape(p.bucket)}</Name><Prefix>${nameText(p.prefix, url)}</Prefix>`
    + `<Marker>${nameText(p.marker, url)}</Marker>`
    + opt("NextMarker", w.truncated && w.last !== undefined ? nameText(w.last, url) : undefined)
    + bucketResultTail(space, p, w);
}

/** ListObjectVersions: one version ("null", latest) per key; CommonPrefixes before Versions, as MinIO writes them. */
export function listVersions(space: KeySpace, p: ListParams & { keyMarker: string }): string {
  const w = walk(space, p.prefix, p.delimiter, p.keyMarker, p.maxKeys);
  const url = p.urlEncoding;
  const c = cacheOf(space);
  let versions = "";
  for (const i of w.keys) {
    versions += `<Version><Key>${c.name(i, url)}</Key>${c.tail(i)}<StorageClass>STANDARD</StorageClass><IsLatest>true</IsLatest><VersionId>null</VersionId></Version>`;
  }
  const next = w.truncated && w.last !== undefined ? w.last : undefined;
  return XML_HEAD + `<ListVersionsResult ${NS}><Name>${xmlEscape(p.bucket)}</Name><Prefix>${nameText(p.prefix, url)}</Prefix>`
    + `<KeyMarker>${nameText(p.keyMarker, url)}</KeyMarker>`
    + opt("NextKeyMarker", next !== undefined ? nameText(next, url) : undefined)
    + `<NextVersionIdMarker>${next !== undefined && w.keys.length > 0 && space.keys[w.keys[w.keys.length - 1]!] === next ? "null" : ""}</NextVersionIdMarker>`
    + `<VersionIdMarker></VersionIdMarker><MaxKeys>${p.maxKeys}</MaxKeys>`
    + opt("Delimiter", p.delimiter ? nameText(p.delimiter, url) : undefined)
    + `<IsTruncated>${w.truncated}</IsTruncated>`
    + commonPrefixes(w, url) + versions
    + opt("EncodingType", url ? "url" : undefined) + "</ListVersionsResult>";
}
