/**
 * The XML layer: parsers for S3 response bodies and builders for request bodies.
 */
export { createBucketConfiguration, S3_XMLNS } from "./create-bucket.js";
export { formDecode, parseFormPairs } from "./decode.js";
export { errorFieldsFrom, parseErrorXml, s3ErrorFrom, type S3ErrorBodyFields } from "./error.js";
export { parseListBuckets } from "./list-buckets.js";
export { ListObjectsParser, type ListingKind, type ListObjectsParserOptions, type ListPageMeta } from "./list-objects.js";
export { parseLocation } from "./location.js";
export { child, childText, children, parseXmlTree, type XmlElement } from "./tree.js";
export { SaxEvents, type XmlEventHandler } from "./sax-events.js";
export { deleteObjectsBody, DeleteResultParser, parseDeleteResult, type DeleteTarget, type DeletedEntry, type DeleteErrorEntry, type DeleteResultHandlers } from "./delete-objects.js";
