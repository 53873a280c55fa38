/**
 * Property tests of the small response parsers: S3 error bodies, GetBucketLocation,
 * ListBuckets and the multipart bodies. Documents are written spec-side with xmlbuilder2
 * (as a server would send them), parsed, and compared with the model they were written from.
 */
import fc from "fast-check";
import { create } from "xmlbuilder2";
import { describe, expect } from "vitest";
import { parseErrorXml } from "../../../lib/xml/error.js";
import { parseListBuckets } from "../../../lib/xml/list-buckets.js";
import { parseLocation } from "../../../lib/xml/location.js";
import { parseCompleteMultipartUpload, parseInitiateMultipartUpload, parseListMultipartUploads } from "../../../lib/xml/multipart.js";
import { S3Error } from "../../../lib/index.js";
import { esc, parserProperties, xmlText } from "./harness.js";

const NS = "http://s3.amazonaws.com/doc/2006-03-01/";
const doc = (root: string) => create({ version: "1.0", encoding: "UTF-8" }).ele(NS, root);
const optionalText = (o: { min?: number; max?: number; trimmed?: boolean } = {}) => fc.option(xmlText({ min: 1, ...o }), { nil: undefined });
const date = fc.date({ min: new Date("1971-01-01T00:00:00Z"), max: new Date("2199-12-31T23:59:59Z"), noInvalidDate: true });

interface ErrorModel {
  code: string; message?: string; resource?: string; requestId?: string; hostId?: string; bucketName?: string; key?: string;
}
const errorModel: fc.Arbitrary<ErrorModel> = fc.record({
  code: xmlText({ min: 1, max: 30 }),
  message: optionalText(), resource: optionalText(), requestId: optionalText(), hostId: optionalText(), bucketName: optionalText(), key: optionalText(),
}, { requiredKeys: ["code"] });
function writeError(root: ReturnType<typeof doc>, m: ErrorModel): string {
  const fields: Array<[string, string | undefined]> = [["Code", m.code], ["Message", m.message], ["Resource", m.resource], ["RequestId", m.requestId], ["HostId", m.hostId], ["BucketName", m.bucketName], ["Key", m.key]];
  for (const [name, v] of fields) if (v !== undefined) root.ele(name).txt(esc(v));
  return root.end();
}
function expectErrorFields(f: { code: string; message: string; resource?: string; requestId?: string; hostId?: string; bucketName?: string; objectName?: string }, m: ErrorModel): void {
  expect(f).toMatchObject({ code: m.code, resource: m.resource, requestId: m.requestId, hostId: m.hostId, bucketName: m.bucketName, objectName: m.key });
}

describe("error body (parseErrorXml)", () => {
  parserProperties<ErrorModel>({
    name: "Error",
    model: errorModel,
    write: (m) => writeError(create({ version: "1.0", encoding: "UTF-8" }).ele("Error"), m),
    parse: parseErrorXml,
    same: (parsed, m) => {
      expectErrorFields(parsed as Parameters<typeof expectErrorFields>[0], m);
      expect((parsed as { message: string }).message).toBe(m.message ?? "");
    },
  });
});

describe("GetBucketLocation (parseLocation)", () => {
  const region = fc.oneof(fc.constant(""), fc.constant("EU"), fc.stringMatching(/^[a-z]{2}-[a-z]{4,9}-[1-9]$/));
  parserProperties<string>({
    name: "LocationConstraint",
    model: region,
    write: (r) => doc("LocationConstraint").txt(r).end(),
    parse: parseLocation,
    same: (parsed, r) => expect(parsed).toBe(r === "" ? "us-east-1" : r === "EU" ? "eu-west-1" : r),
  });
});

describe("ListBuckets (parseListBuckets)", () => {
  const buckets = fc.array(fc.record({ name: fc.stringMatching(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/), creationDate: date }), { maxLength: 20 });
  parserProperties({
    name: "ListAllMyBucketsResult",
    model: buckets,
    write: (list) => {
      const root = doc("ListAllMyBucketsResult");
      root.ele("Owner").ele("ID").txt("owner").up().ele("DisplayName").txt("minio");
      const b = root.ele("Buckets");
      for (const x of list) b.ele("Bucket").ele("Name").txt(x.name).up().ele("CreationDate").txt(x.creationDate.toISOString());
      return root.end();
    },
    parse: parseListBuckets,
    same: (parsed, list) => expect(parsed).toEqual(list),
  });
});

describe("InitiateMultipartUpload (parseInitiateMultipartUpload)", () => {
  parserProperties<string>({
    name: "InitiateMultipartUploadResult",
    model: xmlText({ min: 1, max: 60 }),
    write: (id) => doc("InitiateMultipartUploadResult").ele("Bucket").txt("b").up().ele("Key").txt("k").up().ele("UploadId").txt(esc(id)).end(),
    parse: parseInitiateMultipartUpload,
    same: (parsed, id) => expect(parsed).toBe(id),
  });
});

type CompleteModel = { ok: true; etag: string; location?: string } | { ok: false; error: ErrorModel };
describe("CompleteMultipartUpload (parseCompleteMultipartUpload)", () => {
  const model: fc.Arbitrary<CompleteModel> = fc.oneof(
    fc.record({ ok: fc.constant(true as const), etag: fc.stringMatching(/^[0-9a-f]{32}-[1-9][0-9]{0,3}$/), location: optionalText() }, { requiredKeys: ["ok", "etag"] }),
    fc.record({ ok: fc.constant(false as const), error: errorModel }),
  );
  parserProperties<CompleteModel>({
    name: "CompleteMultipartUploadResult",
    model,
    write: (m) => {
      if (!m.ok) return writeError(create({ version: "1.0", encoding: "UTF-8" }).ele("Error"), m.error);
      const root = doc("CompleteMultipartUploadResult");
      if (m.location !== undefined) root.ele("Location").txt(esc(m.location));
      return root.ele("Bucket").txt("b").up().ele("Key").txt("k").up().ele("ETag").txt(`"${m.etag}"`).end();
    },
    parse: parseCompleteMultipartUpload,
    same: (parsed, m) => {
      const p = parsed as ReturnType<typeof parseCompleteMultipartUpload>;
      expect(p.ok).toBe(m.ok);
      if (p.ok && m.ok) expect(p).toEqual({ ok: true, etag: m.etag, ...(m.location ? { location: m.location } : {}) });
      if (!p.ok && !m.ok) {
        expect(p.error).toBeInstanceOf(S3Error);
        expect(p.error.status).toBe(200);
        expectErrorFields(p.error, m.error);
        expect(p.error.message).toBe(`${m.error.code}: ${m.error.message ?? ""}`);
      }
    },
  });
});

interface UploadsModel {
  uploads: Array<{ key: string; uploadId: string; initiated?: string; storageClass?: string }>;
  isTruncated: boolean; nextKeyMarker?: string; nextUploadIdMarker?: string;
}
describe("ListMultipartUploads (parseListMultipartUploads)", () => {
  const model: fc.Arbitrary<UploadsModel> = fc.record({
    uploads: fc.array(fc.record({
      key: xmlText({ min: 1 }), uploadId: xmlText({ min: 1 }),
      initiated: fc.option(date.map((d) => d.toISOString()), { nil: undefined }),
      storageClass: fc.option(fc.constantFrom("STANDARD", "REDUCED_REDUNDANCY"), { nil: undefined }),
    }, { requiredKeys: ["key", "uploadId"] }), { maxLength: 10 }),
    isTruncated: fc.boolean(),
    nextKeyMarker: optionalText(),
    nextUploadIdMarker: optionalText(),
  }, { requiredKeys: ["uploads", "isTruncated"] });
  parserProperties<UploadsModel>({
    name: "ListMultipartUploadsResult",
    model,
    write: (m) => {
      const root = doc("ListMultipartUploadsResult");
      root.ele("Bucket").txt("b").up().ele("KeyMarker").up().ele("UploadIdMarker").up();
      if (m.nextKeyMarker !== undefined) root.ele("NextKeyMarker").txt(esc(m.nextKeyMarker));
      if (m.nextUploadIdMarker !== undefined) root.ele("NextUploadIdMarker").txt(esc(m.nextUploadIdMarker));
      root.ele("MaxUploads").txt("1000").up().ele("IsTruncated").txt(String(m.isTruncated));
      for (const u of m.uploads) {
        const el = root.ele("Upload");
        el.ele("Key").txt(esc(u.key)).up().ele("UploadId").txt(esc(u.uploadId));
        if (u.initiated !== undefined) el.ele("Initiated").txt(u.initiated);
        if (u.storageClass !== undefined) el.ele("StorageClass").txt(u.storageClass);
      }
      return root.end();
    },
    parse: parseListMultipartUploads,
    same: (parsed, m) => {
      const strip = <T extends object>(o: T) => JSON.parse(JSON.stringify(o)) as T;
      expect(strip(parsed as object)).toEqual(strip(m));
    },
  });
});
