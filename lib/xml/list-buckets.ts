/**
 * ListBuckets responses: `ListAllMyBucketsResult` → {@link BucketInfo}[].
 */
import type { BucketInfo } from "../model/object-info.js";
import { malformed } from "./decode.js";
import { child, childText, children, parseXmlTree } from "./tree.js";

/**
 * Parses a ListBuckets body, in document order.
 * @throws InvalidResponseError if the body is malformed, its root is not
 * `ListAllMyBucketsResult`, or a bucket lacks a name or a valid creation date.
 */
export function parseListBuckets(xml: string): BucketInfo[] {
  const root = parseXmlTree(xml);
  if (root.name !== "ListAllMyBucketsResult") throw malformed(`unexpected root element <${root.name}> in a bucket list`);
  const buckets = child(root, "Buckets");
  if (buckets === undefined) return [];
  return children(buckets, "Bucket").map((b) => {
    const name = childText(b, "Name");
    const created = childText(b, "CreationDate");
    const creationDate = created === undefined ? undefined : new Date(created.trim());
    if (!name || creationDate === undefined || Number.isNaN(creationDate.getTime())) {
      throw malformed(`bucket entry without a name or a valid creation date: ${JSON.stringify({ name, created })}`);
    }
    return { name, creationDate };
  });
}
