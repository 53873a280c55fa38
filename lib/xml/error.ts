/**
 * S3 error bodies: `<Error><Code>…</Code><Message>…</Message>…</Error>`.
 */
import { S3Error, type S3ErrorFields } from "../errors.js";
import { malformed } from "./decode.js";
import { parseXmlTree } from "./tree.js";

/** The fields of an S3 `<Error>` body (the HTTP status comes from the response). */
export type S3ErrorBodyFields = Omit<S3ErrorFields, "status">;

/**
 * Maps the children of an `<Error>` element (element name → text) to error fields;
 * empty optional fields become `undefined`.
 * @throws InvalidResponseError if there is no `Code`.
 */
export function errorFieldsFrom(get: (name: string) => string | undefined): S3ErrorBodyFields {
  const code = get("Code");
  if (code === undefined || code === "") throw malformed("malformed S3 error: no Code");
  const opt = (name: string): string | undefined => {
    const v = get(name);
    return v === "" ? undefined : v;
  };
  return {
    code,
    message: get("Message") ?? "",
    resource: opt("Resource"),
    requestId: opt("RequestId"),
    hostId: opt("HostId"),
    bucketName: opt("BucketName"),
    objectName: opt("Key"),
  };
}

/**
 * Parses an S3 error body. Absent or empty optional elements are `undefined`
 * (`message` defaults to `""`).
 * @throws InvalidResponseError if the body is not XML, its root is not `<Error>`, or it has no `Code`.
 */
export function parseErrorXml(xml: string): S3ErrorBodyFields {
  const root = parseXmlTree(xml);
  if (root.name !== "Error") throw malformed(`unexpected root element <${root.name}> in an error body`);
  const texts = new Map<string, string>();
  for (const c of root.children) if (!texts.has(c.name)) texts.set(c.name, c.text);
  return errorFieldsFrom((name) => texts.get(name));
}

/** An {@link S3Error} from error-body fields and the response's HTTP status. */
export function s3ErrorFrom(fields: S3ErrorBodyFields, status: number): S3Error {
  return new S3Error({ ...fields, status });
}
