/**
 * Bucket and object tags: `Tagging/TagSet/Tag` ⇄ {@link Tags}.
 */
import { create } from "xmlbuilder2";
import { InvalidArgumentError } from "../../errors.js";
import { Tags } from "../../model/tags.js";
import { S3_XMLNS } from "../create-bucket.js";
import { malformed } from "../decode.js";
import { child, childText, children, parseXmlTree } from "../tree.js";
import type { ConfigCodec } from "./codec.js";
import { literal } from "../literal-text.js";

/** What tags `set()` accepts: a {@link Tags}, any Map of strings, or a plain record. */
export type TagsInput = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

function encodeTags(value: TagsInput, isObject: boolean): string {
  if (value === null || typeof value !== "object") throw new InvalidArgumentError("tags().set() needs a Tags, a Map or a record of strings");
  // Re-checks every key, value and the count against this kind's limit (10 object tags, 50 bucket tags).
  const tags = new Tags(isObject, value);
  const set = create({ version: "1.0", encoding: "UTF-8" }).ele(S3_XMLNS, "Tagging").ele("TagSet");
  for (const [key, val] of tags) set.ele("Tag").ele("Key").txt(literal(key)).up().ele("Value").txt(literal(val));
  return set.end();
}

function decodeTags(body: string, isObject: boolean): Tags {
  const root = parseXmlTree(body);
  if (root.name !== "Tagging") throw malformed(`unexpected root element <${root.name}> in a tagging response`);
  const tags = new Tags(isObject);
  const set = child(root, "TagSet");
  for (const tag of set ? children(set, "Tag") : []) {
    const key = childText(tag, "Key");
    if (key === undefined) throw malformed("a tag without a Key");
    // What the server holds is read as is, without the limits set() enforces.
    Map.prototype.set.call(tags, key, childText(tag, "Value") ?? "");
  }
  return tags;
}

/** Bucket tags (at most 50). `get()` resolves to null when the bucket has none (NoSuchTagSet), as in the seed. */
export const bucketTagsCodec: ConfigCodec<Tags, TagsInput, Tags | null> = {
  name: "bucketTags",
  contentType: "application/xml",
  encode: (value) => encodeTags(value, false),
  decode: (body) => decodeTags(body, false),
  absentCodes: ["NoSuchTagSet"],
  deleteBy: "DELETE",
};

/**
 * Object tags (at most 10). `get()` resolves to null on NoSuchTagSet, as in the seed; a
 * server that answers an empty tag set (MinIO does) yields an empty {@link Tags}.
 */
export const objectTagsCodec: ConfigCodec<Tags, TagsInput, Tags | null> = {
  name: "objectTags",
  contentType: "application/xml",
  encode: (value) => encodeTags(value, true),
  decode: (body) => decodeTags(body, true),
  absentCodes: ["NoSuchTagSet"],
  deleteBy: "DELETE",
};
