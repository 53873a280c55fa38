import { describe, expect, it } from "vitest";
import { InvalidResponseError, S3Error } from "../../lib/errors.js";
import type { ObjectInfo } from "../../lib/model/object-info.js";
import { ListObjectsParser, type ListingKind } from "../../lib/xml/list-objects.js";
import {
  ENCODED_KEYS, minioPage, V1_NEXT_MARKER, V1_NO_NEXT_MARKER, V2_AWS, V2_ENCODED, V2_MINIO, V2_USER_META, V2_XML_ESCAPED, VERSIONS,
} from "./fixtures.js";
import { byteChunks, entry, meta, parseListing as parseWith, prefix } from "./helpers.js";

// Every case runs through both tokenizers: the hand-written byte tokenizer and sax, its oracle.
for (const tokenizer of ["bytes", "sax"] as const) {
  const parseListing = (kind: ListingKind, input: string | ReadonlyArray<Buffer | string>, urlDecode = false, bucket = "b") =>
    parseWith(kind, input, urlDecode, bucket, tokenizer);

  const OWNER = "02d6176db174dc93cb1b899f7c6078f08654445fe8cf1b6ce98d8855f66bdbf4";

  describe(`ListObjectsParser (${tokenizer}) — ListObjectsV2`, () => {
    it("parses a MinIO page: entries, prefixes and page metadata", () => {
      const { items, meta: m } = parseListing("v2", V2_MINIO, false, "photos");
      expect(items).toStrictEqual([
        entry({
          bucketName: "photos", objectName: "2024/a.jpg", lastModified: new Date("2024-05-01T12:34:56.789Z"),
          etag: "9b2cf535f27731c974343645a3985328", size: 1048576, storageClass: "STANDARD", ownerId: OWNER, ownerName: "minio",
        }),
        entry({
          bucketName: "photos", objectName: "2024/b & c.jpg", lastModified: new Date("2024-05-02T00:00:00.000Z"),
          etag: "5d41402abc4b2a76b9719d911017c592-2", size: 0, storageClass: "REDUCED_REDUNDANCY", ownerId: "", ownerName: "",
        }),
        prefix("2024/01/", "photos"),
      ]);
      expect(m).toStrictEqual(meta({ isTruncated: true, nextContinuationToken: "MjAyNC8wMi8=", keyCount: 3, lastKey: "2024/b & c.jpg" }));
    });

    it("parses a pretty-printed AWS page, skipping unknown elements", () => {
      const { items, meta: m } = parseListing("v2", V2_AWS);
      expect(items).toStrictEqual([
        entry({ objectName: "ExampleObject.txt", lastModified: new Date("2013-09-17T18:07:53.000Z"), etag: "599bab3ed2c697f1d26842727561fd94", size: 857, storageClass: "REDUCED_REDUNDANCY" }),
        entry({ objectName: "my-image.jpg", lastModified: new Date("2009-10-12T17:50:30.000Z"), etag: "fba9dede5f27731c9771645a39863328", size: 434234, storageClass: "STANDARD" }),
      ]);
      expect(m).toStrictEqual(meta({ isTruncated: false, keyCount: 2, lastKey: "my-image.jpg" }));
    });

    it("reads MinIO user metadata, content type and user tags", () => {
      const { items } = parseListing("v2", V2_USER_META);
      expect(items[0]).toStrictEqual(entry({
        objectName: "report.pdf", lastModified: new Date("2024-01-31T23:59:59.999Z"), etag: "e4d909c290d0fb1ca068ffaddf22cbd0", size: 2048,
        storageClass: "STANDARD", ownerId: OWNER, ownerName: "minio", contentType: "application/pdf",
        metadata: {
          "X-Amz-Meta-Author": "Zoë <zoe@example.com>", "X-Amz-Meta-Project": "q1",
          "content-type": "application/pdf", expires: "Mon, 01 Jan 2024 00:00:00 GMT",
        },
        userTags: { team: "data", stage: "final draft", note: "a+b=c" },
      }));
      expect(items[1]).toStrictEqual(entry({
        objectName: "empty-meta", lastModified: new Date("2024-01-31T00:00:00.000Z"), etag: "d41d8cd98f00b204e9800998ecf8427e", size: 0,
        storageClass: "STANDARD", metadata: {},
      }));
    });

    it("keeps a __proto__ metadata name as an own property", () => {
      const xml = "<ListBucketResult><Contents><Key>k</Key><UserMetadata><__proto__>x</__proto__></UserMetadata><UserTags>__proto__=y</UserTags></Contents></ListBucketResult>";
      const [o] = parseListing("v2", xml).items;
      expect(Object.getPrototypeOf(o.metadata)).toBe(Object.prototype);
      expect(Object.entries(o.metadata ?? {})).toEqual([["__proto__", "x"]]);
      expect(Object.entries(o.userTags ?? {})).toEqual([["__proto__", "y"]]);
    });

    it("gives every entry the same fixed shape", () => {
      const shapes = new Set([V2_MINIO, V2_USER_META].flatMap((x) => parseListing("v2", x).items.map((o) => Object.keys(o).join())));
      expect(shapes.size).toBe(1);
    });

    it("reports entries while the body is still streaming", () => {
      const seen: ObjectInfo[] = [];
      const p = new ListObjectsParser("v2", "bench", { tokenizer, urlDecode: false, onItem: (o) => seen.push(o) });
      const xml = minioPage(100);
      p.write(xml.slice(0, xml.length >> 1));
      const early = seen.length;
      expect(early).toBeGreaterThan(40);
      expect(early).toBeLessThan(100);
      p.write(xml.slice(xml.length >> 1));
      p.end();
      expect(seen).toHaveLength(100);
      expect(seen[99].objectName).toBe("bench/dir-0009/object-000099.bin");
    });

    it("offers the page header before the entries arrive (headerMeta)", () => {
      const p = new ListObjectsParser("v2", "b", { tokenizer, urlDecode: false, onItem: () => undefined });
      const cut = V2_MINIO.indexOf("<Contents>");
      p.write(V2_MINIO.slice(0, cut));
      expect(p.headerMeta()).toBeUndefined();
      p.write(V2_MINIO.slice(cut, cut + 20));
      expect(p.headerMeta()).toMatchObject({ isTruncated: true, nextContinuationToken: "MjAyNC8wMi8=", keyCount: 3 });
      p.write(V2_MINIO.slice(cut + 20));
      expect(p.end()).toMatchObject({ isTruncated: true, nextContinuationToken: "MjAyNC8wMi8=" });
    });

    it("gives headerMeta for an empty page once the document ends", () => {
      const xml = "<ListBucketResult><Name>b</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>";
      const p = new ListObjectsParser("v2", "b", { tokenizer, urlDecode: false, onItem: () => undefined });
      p.write(xml.slice(0, -5));
      expect(p.headerMeta()).toBeUndefined();
      p.write(xml.slice(-5));
      expect(p.headerMeta()).toStrictEqual(meta({ keyCount: 0 }));
      expect(p.end()).toStrictEqual(meta({ keyCount: 0 }));
    });

    it("parses timestamps outside the fast YYYY-MM-DDTHH:MM:SS.mmmZ form", () => {
      const dates = ["2009-10-12T17:50:30Z", "Mon, 12 Oct 2009 17:50:30 GMT", "1969-12-31T23:59:59.999Z", "2024-02-29T00:00:00.000Z", "2024-05-01T12:34:56.789+02:00"];
      const xml = `<ListBucketResult>${dates.map((d, i) => `<Contents><Key>${i}</Key><LastModified>${d}</LastModified></Contents>`).join("")}</ListBucketResult>`;
      expect(parseListing("v2", xml).items.map((o) => o.lastModified)).toEqual(dates.map((d) => new Date(d)));
    });

    it("parses a generated 1000-key page", () => {
      const { items, meta: m } = parseListing("v2", minioPage(1000), false, "bench");
      expect(items).toHaveLength(1000);
      expect(items[123]).toStrictEqual(entry({
        bucketName: "bench", objectName: "bench/dir-0012/object-000123.bin", lastModified: new Date("2024-05-01T12:34:03.123Z"),
        etag: items[123].etag, size: 1024 + 123 * 37, storageClass: "STANDARD", ownerId: OWNER, ownerName: "minio",
      }));
      expect(items[123].etag).toMatch(/^[0-9a-f]{32}$/);
      expect(m.keyCount).toBe(1000);
    });
  });

  describe(`ListObjectsParser (${tokenizer}) — ListObjects V1`, () => {
    it("exposes the last key when truncated without NextMarker", () => {
      const { items, meta: m } = parseListing("v1", V1_NO_NEXT_MARKER);
      expect(items.map((o) => o.objectName)).toEqual(["2023/01.log", "2023/02.log"]);
      expect(m).toStrictEqual(meta({ isTruncated: true, lastKey: "2023/02.log" }));
    });

    it("reads NextMarker; lastKey is the greatest of keys and prefixes", () => {
      const { items, meta: m } = parseListing("v1", V1_NEXT_MARKER);
      expect(items).toStrictEqual([
        entry({ objectName: "a.txt", lastModified: new Date("2023-01-01T00:00:00.000Z"), etag: "aa", size: 1, storageClass: "STANDARD" }),
        entry({ objectName: "ab.txt", lastModified: new Date("2023-01-01T00:00:00.000Z"), etag: "ab", size: 2, storageClass: "STANDARD" }),
        prefix("b/"),
      ]);
      expect(m).toStrictEqual(meta({ isTruncated: true, nextMarker: "b/", lastKey: "b/" }));
    });

    it("orders lastKey candidates by UTF-8 bytes, not UTF-16 code units", () => {
      // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16.
      const xml = "<ListBucketResult><IsTruncated>true</IsTruncated><Contents><Key>x\u{1F600}</Key></Contents>" +
        "<CommonPrefixes><Prefix>x\uFF21/</Prefix></CommonPrefixes></ListBucketResult>";
      expect(parseListing("v1", xml).meta.lastKey).toBe("x\u{1F600}");
    });

    it("refuses a ListVersionsResult root", () => {
      expect(() => parseListing("v1", VERSIONS)).toThrow(InvalidResponseError);
    });
  });

  describe(`ListObjectsParser (${tokenizer}) — ListObjectVersions`, () => {
    it("parses versions, delete markers and prefixes", () => {
      const { items, meta: m } = parseListing("versions", VERSIONS, false, "vb");
      expect(items).toStrictEqual([
        entry({
          bucketName: "vb", objectName: "doc.txt", lastModified: new Date("2024-03-03T03:03:03.000Z"), ownerId: "owner-id", ownerName: "owner",
          isLatest: true, versionId: "0a1b2c3d-0000-4000-8000-000000000003", isDeleteMarker: true,
        }),
        entry({
          bucketName: "vb", objectName: "doc.txt", lastModified: new Date("2024-02-02T02:02:02.000Z"), etag: "cc", size: 7, ownerId: "owner-id",
          ownerName: "owner", storageClass: "STANDARD", isLatest: false, versionId: "0a1b2c3d-0000-4000-8000-000000000002",
        }),
        entry({
          bucketName: "vb", objectName: "doc.txt", lastModified: new Date("2024-01-01T01:01:01.000Z"), etag: "dd", size: 5,
          storageClass: "STANDARD", isLatest: false, versionId: "null",
        }),
        prefix("dir/", "vb"),
      ]);
      expect(m).toStrictEqual(meta({
        isTruncated: true, nextKeyMarker: "doc.txt", nextVersionIdMarker: "0a1b2c3d-0000-4000-8000-000000000001", lastKey: "doc.txt",
      }));
    });

    it("refuses a ListBucketResult root", () => {
      expect(() => parseListing("versions", V2_MINIO)).toThrow(/unexpected root element <ListBucketResult>/);
    });
  });

  describe(`ListObjectsParser (${tokenizer}) — key encoding`, () => {
    it("form-decodes keys, prefixes and markers when asked to", () => {
      const { items, meta: m } = parseListing("v2", V2_ENCODED, true);
      expect(items.map((o) => o.objectName)).toEqual([...ENCODED_KEYS.map((k) => k.raw), "dir with spaces+/"]);
      expect(items[items.length - 1].isDir).toBe(true);
      // The continuation token is opaque: never decoded.
      expect(m).toMatchObject({ isTruncated: true, nextContinuationToken: "a+b%2Fc=", encodingType: "url" });
    });

    it("decodes V1 NextMarker and versions NextKeyMarker", () => {
      const v1 = "<ListBucketResult><NextMarker>a+b%2Bc%25</NextMarker><IsTruncated>true</IsTruncated></ListBucketResult>";
      expect(parseListing("v1", v1, true).meta.nextMarker).toBe("a b+c%");
      const vs = "<ListVersionsResult><NextKeyMarker>%E2%82%AC+x</NextKeyMarker><NextVersionIdMarker>v+1</NextVersionIdMarker>" +
        "<IsTruncated>true</IsTruncated></ListVersionsResult>";
      expect(parseListing("versions", vs, true).meta).toMatchObject({ nextKeyMarker: "€ x", nextVersionIdMarker: "v+1" });
    });

    it("leaves keys alone when not asked to decode", () => {
      const { items } = parseListing("v2", V2_ENCODED, false);
      expect(items.map((o) => o.objectName)).toEqual([...ENCODED_KEYS.map((k) => k.sent), "dir+with+spaces%2B/"]);
    });

    it("decodes XML escapes, character references and CDATA", () => {
      const { items } = parseListing("v2", V2_XML_ESCAPED);
      expect(items.map((o) => o.objectName)).toEqual([
        "line\nbreak", "tab\tand\"quote's & <tags>", "plus+stays+plus and %41", "cdata & <raw>", "€ € 😀",
      ]);
    });

    it("refuses malformed percent-encoding", () => {
      const xml = "<ListBucketResult><Contents><Key>bad%E2%82</Key></Contents></ListBucketResult>";
      expect(() => parseListing("v2", xml, true)).toThrow(InvalidResponseError);
    });
  });

  describe(`ListObjectsParser (${tokenizer}) — chunked input`, () => {
    const docs: Array<[string, "v1" | "v2" | "versions", string, boolean]> = [
      ["v2 minio", "v2", V2_MINIO, false],
      ["v2 aws", "v2", V2_AWS, false],
      ["v2 user meta", "v2", V2_USER_META, false],
      ["v2 encoded", "v2", V2_ENCODED, true],
      ["v2 escaped", "v2", V2_XML_ESCAPED, false],
      ["v1", "v1", V1_NEXT_MARKER, false],
      ["versions", "versions", VERSIONS, false],
    ];
    for (const [name, kind, xml, urlDecode] of docs) {
      it(`gives identical results for every 7-byte split (${name})`, () => {
        const whole = parseListing(kind, xml, urlDecode);
        for (let offset = 0; offset < 7; offset++) {
          expect(parseListing(kind, byteChunks(xml, 7, offset), urlDecode)).toStrictEqual(whole);
        }
      });
      it(`gives identical results for every two-piece split and 1-byte chunks (${name})`, () => {
        const whole = parseListing(kind, xml, urlDecode);
        const bytes = Buffer.from(xml, "utf8");
        for (let cut = 1; cut < bytes.length; cut++) {
          expect(parseListing(kind, [bytes.subarray(0, cut), bytes.subarray(cut)], urlDecode)).toStrictEqual(whole);
        }
        expect(parseListing(kind, byteChunks(xml, 1), urlDecode)).toStrictEqual(whole);
      });
    }

    it("handles string chunks split inside a surrogate pair-free multibyte text", () => {
      const xml = V2_XML_ESCAPED;
      const whole = parseListing("v2", xml);
      const parts: string[] = [];
      for (let i = 0; i < xml.length; i += 5) parts.push(xml.slice(i, i + 5));
      expect(parseListing("v2", parts)).toStrictEqual(whole);
    });
  });

  describe(`ListObjectsParser (${tokenizer}) — bad bodies`, () => {
    const bad: Array<[string, string]> = [
      ["not XML", "this is not xml"],
      ["empty body", ""],
      ["unclosed root", "<ListBucketResult><IsTruncated>false</IsTruncated>"],
      ["mismatched close tag", "<ListBucketResult><Contents><Key>a</Size></Contents></ListBucketResult>"],
      ["close tag without open", "<ListBucketResult></Contents></ListBucketResult>"],
      ["text after the root", "<ListBucketResult></ListBucketResult>trailing"],
      ["text before the root", "junk<ListBucketResult></ListBucketResult>"],
      ["a second root", "<ListBucketResult></ListBucketResult><ListBucketResult></ListBucketResult>"],
      ["unknown entity", "<ListBucketResult><Contents><Key>a&nbsp;b</Key></Contents></ListBucketResult>"],
      ["bare ampersand", "<ListBucketResult><Contents><Key>a & b</Key></Contents></ListBucketResult>"],
      ["invalid character reference", "<ListBucketResult><Contents><Key>a&#0;</Key></Contents></ListBucketResult>"],
      ["unquoted attribute", "<ListBucketResult xmlns=foo></ListBucketResult>"],
      ["invalid tag name", "<ListBucketResult><1abc></1abc></ListBucketResult>"],
      ["invalid character in a name", "<ListBucketResult><Con\"tents></Con\"tents></ListBucketResult>"],
      ["DOCTYPE", '<!DOCTYPE x [<!ENTITY e "boom">]><ListBucketResult></ListBucketResult>'],
      ["unterminated comment", "<ListBucketResult><!-- </ListBucketResult>"],
      ["entry without a key", "<ListBucketResult><Contents><Size>1</Size></Contents></ListBucketResult>"],
      ["invalid size", "<ListBucketResult><Contents><Key>a</Key><Size>12x</Size></Contents></ListBucketResult>"],
      ["hexadecimal size", "<ListBucketResult><Contents><Key>a</Key><Size>0x10</Size></Contents></ListBucketResult>"],
      ["negative size", "<ListBucketResult><Contents><Key>a</Key><Size>-1</Size></Contents></ListBucketResult>"],
      ["empty size", "<ListBucketResult><Contents><Key>a</Key><Size></Size></Contents></ListBucketResult>"],
      ["invalid date", "<ListBucketResult><Contents><Key>a</Key><LastModified>yesterday</LastModified></Contents></ListBucketResult>"],
      ["impossible date", "<ListBucketResult><Contents><Key>a</Key><LastModified>2024-13-01T00:00:00.000Z</LastModified></Contents></ListBucketResult>"],
      ["unexpected root", "<ListAllMyBucketsResult></ListAllMyBucketsResult>"],
    ];
    for (const [name, xml] of bad) {
      it(`throws InvalidResponseError (200, application/xml) for ${name}`, () => {
        let caught: unknown;
        try {
          parseListing("v2", xml);
        } catch (err) {
          caught = err;
        }
        expect(caught).toBeInstanceOf(InvalidResponseError);
        expect(caught).toMatchObject({ status: 200, contentType: "application/xml" });
      });
    }

    it("keeps failing after an error", () => {
      const p = new ListObjectsParser("v2", "b", { tokenizer, urlDecode: false, onItem: () => undefined });
      expect(() => p.write("<ListBucketResult><a></b>")).toThrow(InvalidResponseError);
      expect(() => p.write("</ListBucketResult>")).toThrow(InvalidResponseError);
      expect(() => p.end()).toThrow(InvalidResponseError);
    });

    it("throws an S3Error for an <Error> document", () => {
      const xml = "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><Key>k</Key><BucketName>b</BucketName>" +
        "<Resource>/b</Resource><RequestId>RID</RequestId><HostId>HID</HostId></Error>";
      let caught: unknown;
      try {
        parseListing("v2", byteChunks(xml, 7));
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(S3Error);
      expect(caught).toMatchObject({
        code: "SlowDown", message: "SlowDown: Please reduce your request rate.", status: 200,
        requestId: "RID", hostId: "HID", bucketName: "b", objectName: "k", resource: "/b",
      });
    });

    it("propagates what onItem throws", () => {
      const p = new ListObjectsParser("v2", "b", { tokenizer, urlDecode: false, onItem: () => { throw new RangeError("consumer"); } });
      expect(() => p.write(V2_MINIO)).toThrow(RangeError);
    });

    it("accepts a BOM, comments, processing instructions and self-closing elements", () => {
      const xml = "\uFEFF<?xml version=\"1.0\"?><!-- c --><ListBucketResult a='1' b = \"2\" ><?pi x?><!-- inside -->" +
        "<IsTruncated>true</IsTruncated><NextContinuationToken/><Contents><Key>k</Key><Owner/></Contents></ListBucketResult>\n<!-- after -->\n";
      const { items, meta: m } = parseListing("v2", xml);
      expect(items).toStrictEqual([entry({ objectName: "k" })]);
      expect(m).toStrictEqual(meta({ isTruncated: true, nextContinuationToken: "", lastKey: "k" }));
    });
  });
}
