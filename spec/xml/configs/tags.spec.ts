import { describe, expect, it } from "vitest";
import { InvalidArgumentError, InvalidResponseError, S3, Tags } from "../../../lib/index.js";
import { bucketTagsCodec, objectTagsCodec } from "../../../lib/xml/configs/tags.js";

const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

function many(n: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, `v${i}`]));
}

describe("bucketTagsCodec / objectTagsCodec", () => {
  it("encodes Tagging/TagSet/Tag with escaped keys and values", () => {
    const tags = Tags.newObjectTags().set("project", "quarry").set("a&b", "<x>").set("empty", "");
    expect(objectTagsCodec.encode(tags)).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><Tagging ${NS}><TagSet>` +
        "<Tag><Key>project</Key><Value>quarry</Value></Tag><Tag><Key>a&amp;b</Key><Value>&lt;x&gt;</Value></Tag>" +
        "<Tag><Key>empty</Key><Value></Value></Tag></TagSet></Tagging>",
    );
  });

  it("round trips model → XML → model, keeping the kind", () => {
    const b = new Tags(false, many(50));
    const back = bucketTagsCodec.decode(bucketTagsCodec.encode(b));
    expect(back).toBeInstanceOf(Tags);
    expect(back.isObject).toBe(false);
    expect(back.toJSON()).toStrictEqual(many(50));
    const o = objectTagsCodec.decode(objectTagsCodec.encode(new Tags(true, { "ü ñ": "é €", x: "" })));
    expect(o.isObject).toBe(true);
    expect([...o]).toStrictEqual([["ü ñ", "é €"], ["x", ""]]);
  });

  it("decodes MinIO's responses, including an empty tag set", () => {
    const t = bucketTagsCodec.decode(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Tagging ${NS}><TagSet><Tag><Key>env</Key><Value>prod</Value></Tag><Tag><Key>k</Key><Value></Value></Tag></TagSet></Tagging>`,
    );
    expect(t.toJSON()).toStrictEqual({ env: "prod", k: "" });
    expect(objectTagsCodec.decode(`<Tagging ${NS}><TagSet></TagSet></Tagging>`).size).toBe(0);
    expect(objectTagsCodec.decode(`<Tagging ${NS}/>`).size).toBe(0);
    expect(bucketTagsCodec.absentCodes).toStrictEqual(["NoSuchTagSet"]);
    expect(objectTagsCodec.absentCodes).toStrictEqual(["NoSuchTagSet"]);
  });

  it("accepts a Map or a record, and checks limits for the kind being set", () => {
    expect(objectTagsCodec.encode(new Map([["a", "1"]]))).toContain("<Key>a</Key><Value>1</Value>");
    expect(bucketTagsCodec.encode({ a: "1" })).toContain("<Key>a</Key><Value>1</Value>");
    expect(() => objectTagsCodec.encode(new Tags(false, many(11)))).toThrow(/at most 10 object tags/);
    expect(() => bucketTagsCodec.encode(many(51))).toThrow(/at most 50 bucket tags/);
    expect(() => objectTagsCodec.encode({ ["k".repeat(129)]: "v" })).toThrow(InvalidArgumentError);
    expect(() => objectTagsCodec.encode({ k: "v".repeat(257) })).toThrow(InvalidArgumentError);
    expect(() => objectTagsCodec.encode({ "": "v" })).toThrow(InvalidArgumentError);
    expect(() => objectTagsCodec.encode({ k: 1 } as unknown as Record<string, string>)).toThrow(InvalidArgumentError);
    expect(() => objectTagsCodec.encode(null as unknown as Tags)).toThrow(InvalidArgumentError);
    const o = new S3({ endpoint: "http://127.0.0.1:9" }).bucket("bkt").object("k").version("v1").tags();
    expect(o.explain("set", { a: "1" })).toMatchObject({ kind: "PutConfig", config: "objectTags", key: "k", versionId: "v1" });
    expect(o.explain("delete")).toStrictEqual({ kind: "DeleteConfig", bucket: "bkt", key: "k", versionId: "v1", config: "objectTags" });
  });

  it("refuses malformed responses", () => {
    expect(() => bucketTagsCodec.decode("<TagSet/>")).toThrow(InvalidResponseError);
    expect(() => bucketTagsCodec.decode("<Tagging><TagSet><Tag><Value>v</Value></Tag></TagSet></Tagging>")).toThrow(InvalidResponseError);
  });
});
