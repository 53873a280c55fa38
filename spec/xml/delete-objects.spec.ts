import { createHash } from "node:crypto";
import { create } from "xmlbuilder2";
import { describe, expect, it } from "vitest";
import { InvalidResponseError, S3Error } from "../../lib/errors.js";
import { deleteObjectsBody, DeleteResultParser, parseDeleteResult } from "../../lib/xml/delete-objects.js";
import { S3_XMLNS } from "../../lib/xml/create-bucket.js";
import { parseXmlTree } from "../../lib/xml/tree.js";
import { testRequest } from "../support/test-request.js";

/** The same body built with xmlbuilder2 (the oracle the direct writer is checked against). */
function oracle(objects: Array<{ key: string; versionId?: string }>, quiet: boolean): string {
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(S3_XMLNS, "Delete");
  root.ele("Quiet").txt(String(quiet));
  for (const o of objects) {
    const el = root.ele("Object");
    el.ele("Key").txt(o.key);
    if (o.versionId !== undefined) el.ele("VersionId").txt(o.versionId);
  }
  return root.end();
}

describe("the Delete request body", () => {
  it("is what xmlbuilder2 writes, for plain keys, versions and markup characters", () => {
    const objects = [{ key: "a.txt" }, { key: "dir/b c", versionId: "v-1" }, { key: "x&y<z>'\"é😀" }, { key: "]]>" }];
    expect(deleteObjectsBody(objects, true)).toBe(oracle(objects, true));
    expect(deleteObjectsBody([], false)).toBe(oracle([], false));
  });

  it("keeps control characters (CR, TAB, LF) of keys through XML parsing as character references", () => {
    const body = deleteObjectsBody([{ key: "a\r\nb\tc" }], true);
    expect(body).toContain("<Key>a&#xD;&#xA;b&#x9;c</Key>");
    const obj = parseXmlTree(body).children[1]!;
    expect(obj.children[0]!.text).toBe("a\r\nb\tc");
  });

  it("compiles to POST ?delete with Content-MD5 of the body, XML content type, and the bypass header when asked", () => {
    const objects = [{ key: "k1" }, { key: "k2", versionId: "v2" }];
    const req = testRequest({ kind: "DeleteObjects", bucket: "photos", objects, quiet: true, bypassGovernance: true }, { pathStyle: true });
    expect(req).toMatchObject({ method: "POST", path: "/photos", query: "delete=" });
    expect(req.body).toBe(deleteObjectsBody(objects, true));
    expect(req.headers).toEqual({
      "content-type": "application/xml",
      "content-md5": createHash("md5").update(req.body!).digest("base64"),
      "x-amz-bypass-governance-retention": "true",
    });
    const plain = testRequest({ kind: "DeleteObjects", bucket: "photos", objects, quiet: true, bypassGovernance: false });
    expect(plain.headers).not.toHaveProperty("x-amz-bypass-governance-retention");
  });
});

const RESULT = `<?xml version="1.0" encoding="UTF-8"?>
<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Deleted><Key>a.txt</Key></Deleted>
  <Deleted><Key>b</Key><VersionId>v1</VersionId><DeleteMarker>true</DeleteMarker><DeleteMarkerVersionId>dm1</DeleteMarkerVersionId></Deleted>
  <Error><Key>locked &amp; loaded</Key><VersionId>v9</VersionId><Code>AccessDenied</Code><Message>Access Denied because object protected by object lock.</Message></Error>
  <Error><Key>c</Key><Code>InternalError</Code><Message></Message></Error>
</DeleteResult>`;

describe("the DeleteResult parser", () => {
  it("reads Deleted and Error entries", () => {
    expect(parseDeleteResult(RESULT)).toEqual({
      deleted: [
        { key: "a.txt", deleteMarker: false },
        { key: "b", versionId: "v1", deleteMarker: true, deleteMarkerVersionId: "dm1" },
      ],
      errors: [
        { key: "locked & loaded", versionId: "v9", code: "AccessDenied", message: "Access Denied because object protected by object lock." },
        { key: "c", code: "InternalError", message: "" },
      ],
    });
  });

  it("reports entries while the body streams in, whatever the chunking", () => {
    const bytes = Buffer.from(RESULT);
    for (const size of [1, 7, 64]) {
      const errors: string[] = [];
      const p = new DeleteResultParser({ onError: (e) => errors.push(e.key) });
      for (let i = 0; i < bytes.length; i += size) p.write(bytes.subarray(i, i + size));
      p.end();
      expect(errors).toEqual(["locked & loaded", "c"]);
    }
  });

  it("an empty quiet answer has no entries", () => {
    expect(parseDeleteResult('<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>')).toEqual({ deleted: [], errors: [] });
  });

  it("a root <Error> (the whole request failed inside a 200) is an S3Error", () => {
    const err = (() => {
      try {
        parseDeleteResult("<Error><Code>SlowDown</Code><Message>Reduce your rate</Message><Resource>/b</Resource></Error>");
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(S3Error);
    expect(err).toMatchObject({ code: "SlowDown", message: "SlowDown: Reduce your rate", status: 200, resource: "/b" });
  });

  it("refuses other documents, entries without a Key, and truncated bodies", () => {
    expect(() => parseDeleteResult("<ListBucketResult/>")).toThrow(InvalidResponseError);
    expect(() => parseDeleteResult("<DeleteResult><Error><Code>X</Code></Error></DeleteResult>")).toThrow(InvalidResponseError);
    expect(() => parseDeleteResult("<DeleteResult><Deleted><Key>a</Key>")).toThrow(InvalidResponseError);
  });
});
