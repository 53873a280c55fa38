/**
 * CreateBucket request bodies.
 */
import { create } from "xmlbuilder2";

/** The S3 XML namespace. */
export const S3_XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";

/**
 * Builds the `CreateBucketConfiguration` body for `region`.
 * @returns The XML, or `undefined` for `us-east-1` or an empty region, where S3 wants no body.
 */
export function createBucketConfiguration(region: string | undefined): string | undefined {
  if (region === undefined || region === "" || region === "us-east-1") return undefined;
  return create({ version: "1.0", encoding: "UTF-8" })
    .ele(S3_XMLNS, "CreateBucketConfiguration")
    .ele("LocationConstraint").txt(region).up()
    .end();
}
