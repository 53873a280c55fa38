import type { ListObjectsNode } from "../plan/nodes.js";
import type { ListPageMeta } from "../xml/list-objects.js";

/** Where the next page starts. */
export interface Cursor {
  readonly token?: string;
  readonly marker?: string;
  readonly keyMarker?: string;
  readonly versionIdMarker?: string;
}

/** The query of one listing page. */
export function pageQuery(node: ListObjectsNode, cursor: Cursor | undefined): Array<[string, string]> {
  const q: Array<[string, string]> = [];
  if (node.api === "v2") q.push(["list-type", "2"]);
  if (node.api === "versions") q.push(["versions", ""]);
  q.push(["prefix", node.prefix], ["max-keys", String(node.pageSize)]);
  if (node.delimiter !== undefined) q.push(["delimiter", node.delimiter]);
  if (node.urlEncoding) q.push(["encoding-type", "url"]);
  if (node.api === "v2") {
    if (node.includeUserMeta) q.push(["metadata", "true"]);
    if (cursor?.token !== undefined) q.push(["continuation-token", cursor.token]);
    else if (node.startAfter !== undefined) q.push(["start-after", node.startAfter]);
  } else if (node.api === "v1") {
    const marker = cursor?.marker ?? node.startAfter;
    if (marker !== undefined) q.push(["marker", marker]);
  } else {
    const keyMarker = cursor?.keyMarker ?? node.startAfter;
    if (keyMarker !== undefined) q.push(["key-marker", keyMarker]);
    if (cursor?.versionIdMarker !== undefined) q.push(["version-id-marker", cursor.versionIdMarker]);
  }
  return q;
}

/** The cursor of the page after one whose metadata is `meta`, or undefined when it was the last. */
export function nextCursor(api: ListObjectsNode["api"], meta: ListPageMeta): Cursor | undefined {
  if (!meta.isTruncated) return undefined;
  if (api === "v2") return meta.nextContinuationToken ? { token: meta.nextContinuationToken } : undefined;
  if (api === "v1") {
    const marker = meta.nextMarker ?? meta.lastKey;
    return marker ? { marker } : undefined;
  }
  return meta.nextKeyMarker ? { keyMarker: meta.nextKeyMarker, versionIdMarker: meta.nextVersionIdMarker } : undefined;
}

