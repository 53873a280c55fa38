import { describe, expect, it } from "vitest";
import { InvalidResponseError, S3Error } from "../../lib/errors.js";
import { createBucketConfiguration } from "../../lib/xml/create-bucket.js";
import { parseErrorXml, s3ErrorFrom } from "../../lib/xml/error.js";
import { parseListBuckets } from "../../lib/xml/list-buckets.js";
import { parseLocation } from "../../lib/xml/location.js";
import { parseXmlTree } from "../../lib/xml/tree.js";
import { ERROR_NO_SUCH_BUCKET, LIST_BUCKETS } from "./fixtures.js";

describe("parseListBuckets", () => {
  it("parses MinIO's bucket list", () => {
    expect(parseListBuckets(LIST_BUCKETS)).toStrictEqual([
      { name: "alpha", creationDate: new Date("2024-05-01T12:00:00.123Z") },
      { name: "beta", creationDate: new Date("2019-10-12T17:50:30.000Z") },
    ]);
  });

  it("returns [] for an account without buckets", () => {
    expect(parseListBuckets("<ListAllMyBucketsResult><Owner><ID>x</ID></Owner><Buckets></Buckets></ListAllMyBucketsResult>")).toEqual([]);
    expect(parseListBuckets("<ListAllMyBucketsResult/>")).toEqual([]);
  });

  it("refuses other roots, bad dates and malformed XML", () => {
    expect(() => parseListBuckets(ERROR_NO_SUCH_BUCKET)).toThrow(InvalidResponseError);
    expect(() => parseListBuckets("<ListAllMyBucketsResult><Buckets><Bucket><Name>a</Name><CreationDate>nope</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>"))
      .toThrow(InvalidResponseError);
    expect(() => parseListBuckets("<ListAllMyBucketsResult><Buckets>")).toThrow(InvalidResponseError);
  });
});

describe("parseErrorXml", () => {
  it("reads every field; empty ones are undefined", () => {
    expect(parseErrorXml(ERROR_NO_SUCH_BUCKET)).toStrictEqual({
      code: "NoSuchBucket",
      message: "The specified bucket does not exist",
      resource: "/nope",
      requestId: "17A1B2C3D4E5F607",
      hostId: "dd9025bab4ad464b049177c95eb6ebf374d3b3fd1af9251148b658df7ac2e3e8",
      bucketName: "nope",
      objectName: undefined,
    });
  });

  it("reads the object key and decodes entities", () => {
    const f = parseErrorXml("<Error><Code>NoSuchKey</Code><Message>Key &quot;a&amp;b&quot; not found</Message><Key>a&amp;b</Key></Error>");
    expect(f).toMatchObject({ code: "NoSuchKey", message: 'Key "a&b" not found', objectName: "a&b", bucketName: undefined });
  });

  it("builds an S3Error with the response status", () => {
    const err = s3ErrorFrom(parseErrorXml(ERROR_NO_SUCH_BUCKET), 404);
    expect(err).toBeInstanceOf(S3Error);
    expect(err).toMatchObject({ code: "NoSuchBucket", status: 404, bucketName: "nope", message: "NoSuchBucket: The specified bucket does not exist" });
  });

  it("refuses non-error documents, a missing Code and malformed XML", () => {
    expect(() => parseErrorXml(LIST_BUCKETS)).toThrow(InvalidResponseError);
    expect(() => parseErrorXml("<Error><Message>no code</Message></Error>")).toThrow(/no Code/);
    expect(() => parseErrorXml("<html><body>502 Bad Gateway</body>")).toThrow(InvalidResponseError);
    expect(() => parseErrorXml("Bad Gateway")).toThrow(InvalidResponseError);
  });
});

describe("parseLocation", () => {
  it("maps an empty constraint to us-east-1", () => {
    expect(parseLocation('<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></LocationConstraint>')).toBe("us-east-1");
    expect(parseLocation('<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>')).toBe("us-east-1");
  });

  it("maps EU to eu-west-1 and passes other regions through", () => {
    expect(parseLocation("<LocationConstraint>EU</LocationConstraint>")).toBe("eu-west-1");
    expect(parseLocation("<LocationConstraint>eu-central-1</LocationConstraint>")).toBe("eu-central-1");
    expect(parseLocation("<LocationConstraint>\n  ap-south-1\n</LocationConstraint>")).toBe("ap-south-1");
  });

  it("refuses other documents", () => {
    expect(() => parseLocation(ERROR_NO_SUCH_BUCKET)).toThrow(InvalidResponseError);
    expect(() => parseLocation("")).toThrow(InvalidResponseError);
  });
});

describe("createBucketConfiguration", () => {
  it("omits the body for us-east-1 and an empty region", () => {
    expect(createBucketConfiguration("us-east-1")).toBeUndefined();
    expect(createBucketConfiguration("")).toBeUndefined();
    expect(createBucketConfiguration(undefined)).toBeUndefined();
  });

  it("builds a CreateBucketConfiguration with the region", () => {
    const xml = createBucketConfiguration("eu-west-1");
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?><CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      "<LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>");
    const root = parseXmlTree(xml ?? "");
    expect(root.children.map((c) => [c.name, c.text])).toEqual([["LocationConstraint", "eu-west-1"]]);
  });

  it("escapes the region text", () => {
    expect(createBucketConfiguration("a<&>b")).toContain("<LocationConstraint>a&lt;&amp;&gt;b</LocationConstraint>");
  });
});
