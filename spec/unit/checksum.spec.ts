import { describe, expect, it } from "vitest";
import { ChecksumMismatchError, InvalidArgumentError, S3, S3Error } from "../../lib/index.js";
import { compositeCrc32, crc32Base64, crc32Header, crc32Of, isComposite } from "../../lib/exec/checksum/crc32.js";
import { compositeParts, uniformSizes } from "../../lib/exec/checksum/composite-parts.js";
import { asksChecksums, checksumsFromHeaders } from "../../lib/exec/checksum/headers.js";
import { isChecksumRefusal } from "../../lib/exec/checksum/upload-checksum.js";
import { ChecksumAccumulator, verifiableChecksum } from "../../lib/exec/checksum/verify.js";
import { withCompositeChecksum, withSentChecksum } from "../../lib/exec/checksum/write-checksum.js";
import type { RequestExecutor } from "../../lib/exec/executor.js";
import { wantsMd5 } from "../../lib/exec/operations/multipart-requests.js";
import { completeMultipartUploadBody, parseCompleteMultipartUpload } from "../../lib/xml/multipart.js";

/** Bit-by-bit CRC32 (reflected 0xEDB88320): an oracle independent of zlib. */
function slowCrc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe("CRC32 in S3's encodings", () => {
  it("matches the standard check values", () => {
    expect(crc32Of(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32Header(Buffer.from("123456789"))).toBe("y/Q5Jg==");
    expect(crc32Header(Buffer.alloc(0))).toBe("AAAAAA==");
    expect(crc32Of(Buffer.from("part one"))).toBe(2333348784);
    expect(crc32Of(Buffer.from("second part"))).toBe(3066740598);
  });

  it("continues across chunks exactly as one pass, and agrees with a bitwise implementation", () => {
    const data = Buffer.from(Array.from({ length: 100_003 }, (_, i) => (i * 7919) & 0xff));
    let crc = 0;
    for (let at = 0; at < data.length; at += 4097) crc = crc32Of(data.subarray(at, at + 4097), crc);
    expect(crc).toBe(crc32Of(data));
    expect(crc).toBe(slowCrc32(data));
    expect(crc32Base64(0xffffffff)).toBe("/////w==");
  });

  it("composes part checksums as S3 does: CRC32 of the raw part CRCs, base64, -N", () => {
    const parts = [Buffer.from("part one"), Buffer.from("second part"), Buffer.from("123456789")];
    const raw = Buffer.concat(parts.map((p) => Buffer.from(crc32Header(p), "base64")));
    expect(raw.toString("hex")).toBe("8b1413b0b6cabf76cbf43926");
    const expected = `${crc32Base64(slowCrc32(raw))}-3`;
    expect(compositeCrc32(parts.map(crc32Header))).toBe(expected);
    expect(isComposite(expected)).toBe(true);
    expect(isComposite("y/Q5Jg==")).toBe(false);
    expect(() => compositeCrc32(["AAAA"])).toThrow(RangeError);
  });
});

describe("checksum headers and verification", () => {
  it("reads every x-amz-checksum-* header and recognises checksum mode", () => {
    expect(checksumsFromHeaders({ "x-amz-checksum-crc32": "y/Q5Jg==", "x-amz-checksum-type": "FULL_OBJECT", etag: "x" }))
      .toEqual({ checksumCRC32: "y/Q5Jg==", checksumType: "FULL_OBJECT" });
    expect(checksumsFromHeaders({})).toEqual({});
    expect(asksChecksums({ "X-Amz-Checksum-Mode": "enabled" })).toBe(true);
    expect(asksChecksums({ other: "ENABLED" })).toBe(false);
  });

  it("verifies full-object checksums only", () => {
    expect(verifiableChecksum({ checksumCRC32: "y/Q5Jg==" })).toEqual({ algorithm: "CRC32", value: "y/Q5Jg==" });
    expect(verifiableChecksum({ checksumCRC32: "abcdef==-3" })).toBeUndefined();
    expect(verifiableChecksum({ checksumCRC32: "y/Q5Jg==", checksumType: "COMPOSITE" })).toBeUndefined();
    expect(verifiableChecksum({ checksumCRC32C: "4waSgw==" })).toBeUndefined();
    expect(verifiableChecksum({ checksumSHA256: "x" })).toEqual({ algorithm: "SHA256", value: "x" });
  });

  it("accumulates chunks and raises a typed mismatch", () => {
    const ok = new ChecksumAccumulator({ algorithm: "CRC32", value: "y/Q5Jg==" });
    ok.update(Buffer.from("12345"));
    ok.update(Buffer.from("6789"));
    expect(() => ok.check("b/k")).not.toThrow();
    const bad = new ChecksumAccumulator({ algorithm: "CRC32", value: "y/Q5Jg==" });
    bad.update(Buffer.from("123456780"));
    const err = (() => { try { bad.check("b/k"); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(ChecksumMismatchError);
    expect(err).toMatchObject({ name: "ChecksumMismatchError", algorithm: "CRC32", expected: "y/Q5Jg==" });
    expect((err as Error).message).toContain("b/k");
    const sha = new ChecksumAccumulator({ algorithm: "SHA256", value: "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=" });
    sha.update(Buffer.from("123456789"));
    expect(() => sha.check("b/k")).not.toThrow();
  });
});

describe("composite part boundaries", () => {
  it("cuts an object into uniform parts only when its size fits", () => {
    expect(compositeParts("AAAAAA==-3")).toBe(3);
    expect(compositeParts("y/Q5Jg==")).toBeUndefined();
    expect(uniformSizes(11, 5, 3)).toEqual([5, 5, 1]);
    expect(uniformSizes(10, 5, 2)).toEqual([5, 5]);
    expect(uniformSizes(7, 7, 1)).toEqual([7]);
    expect(uniformSizes(12, 5, 2)).toBeUndefined(); // the last part would be larger than the first
    expect(uniformSizes(10, 5, 3)).toBeUndefined(); // the last part would be empty
    expect(uniformSizes(10, 0, 3)).toBeUndefined();
  });
});

describe("write results and refusals", () => {
  const base = { bucketName: "b", objectName: "k", etag: "e", headers: {} };

  it("reports the CRC32 sent, and refuses a different echo", () => {
    expect(withSentChecksum(base, "y/Q5Jg==").checksumCRC32).toBe("y/Q5Jg==");
    expect(withSentChecksum({ ...base, checksumCRC32: "y/Q5Jg==" }, "y/Q5Jg==").checksumCRC32).toBe("y/Q5Jg==");
    expect(() => withSentChecksum({ ...base, checksumCRC32: "AAAAAA==" }, "y/Q5Jg==")).toThrow(/stored CRC32 AAAAAA==/);
    expect(withSentChecksum(base, undefined)).toBe(base);
  });

  it("computes the composite of the parts and checks a composite echo", () => {
    const parts = [{ partNumber: 1, etag: "a", checksumCRC32: "AAAAAA==" }, { partNumber: 2, etag: "b", checksumCRC32: "y/Q5Jg==" }];
    const ours = compositeCrc32(["AAAAAA==", "y/Q5Jg=="]);
    expect(withCompositeChecksum(base, parts).checksumCRC32).toBe(ours);
    expect(withCompositeChecksum({ ...base, checksumCRC32: ours }, parts).checksumCRC32).toBe(ours);
    expect(() => withCompositeChecksum({ ...base, checksumCRC32: "AAAAAA==-2" }, parts)).toThrow(/composite/);
    expect(withCompositeChecksum({ ...base, checksumCRC32: "AAAAAA==" }, parts).checksumCRC32).toBe("AAAAAA==");
    expect(withCompositeChecksum(base, [{ partNumber: 1, etag: "a" }]).checksumCRC32).toBeUndefined();
  });

  it("lists part checksums on complete and reads the object's back", () => {
    const xml = completeMultipartUploadBody([{ partNumber: 1, etag: "\"a\"", checksumCRC32: "y/Q5Jg==" }, { partNumber: 2, etag: "b" }]);
    expect(xml).toContain("<Part><PartNumber>1</PartNumber><ETag>\"a\"</ETag><ChecksumCRC32>y/Q5Jg==</ChecksumCRC32></Part>");
    expect(xml).toContain("<Part><PartNumber>2</PartNumber><ETag>b</ETag></Part>");
    const parsed = parseCompleteMultipartUpload("<CompleteMultipartUploadResult><ETag>\"x-2\"</ETag><ChecksumCRC32>AAAAAA==-2</ChecksumCRC32></CompleteMultipartUploadResult>");
    expect(parsed).toMatchObject({ ok: true, etag: "x-2", checksumCRC32: "AAAAAA==-2" });
  });

  it("over TLS a CRC32 replaces Content-MD5, except on object-lock writes; plain HTTP signs the SHA-256 and sends no MD5", () => {
    const exec = (secure: boolean) => ({ config: { endpoint: { secure } } }) as unknown as RequestExecutor;
    expect(wantsMd5(exec(true), {}, false)).toBe(true);
    expect(wantsMd5(exec(true), {}, true)).toBe(false);
    expect(wantsMd5(exec(true), { "x-amz-object-lock-legal-hold": "ON" }, true)).toBe(true);
    expect(wantsMd5(exec(false), {}, true)).toBe(false);
    expect(wantsMd5(exec(false), { "x-amz-object-lock-mode": "GOVERNANCE" }, true)).toBe(true);
  });

  it("tells a refused checksum header (R2, B2) from other errors", () => {
    const e = (code: string, message: string, status: number) => new S3Error({ code, message, status });
    expect(isChecksumRefusal(e("NotImplemented", "Header 'x-amz-checksum-crc32' with value 'y/Q5Jg==' not implemented", 501))).toBe(true);
    expect(isChecksumRefusal(e("InvalidArgument", "Unsupported header 'x-amz-checksum-crc32' received for this API call.", 400))).toBe(true);
    expect(isChecksumRefusal(e("BadDigest", "The CRC32 you specified did not match the calculated checksum.", 400))).toBe(false);
    expect(isChecksumRefusal(e("InvalidArgument", "bad part number", 400))).toBe(false);
    expect(isChecksumRefusal(e("AccessDenied", "checksum", 403))).toBe(false);
    expect(isChecksumRefusal(new Error("checksum"))).toBe(false);
  });
});

describe("checksum options in plans", () => {
  const s3 = new S3({ endpoint: "http://127.0.0.1:9", accessKey: "a", secretKey: "b", region: "us-east-1" });
  const o = s3.bucket("bkt").object("k");
  it("carries the per-call upload setting and asks for checksums on reads", () => {
    expect(o.explain("put", "x", { checksum: "off" })).toMatchObject({ kind: "PutObject", checksum: "off" });
    expect(o.explain("put", "x")).not.toHaveProperty("checksum");
    expect(o.explain("get", { checksum: true }).headers).toEqual({ "x-amz-checksum-mode": "ENABLED" });
    expect(o.explain("stat", { checksum: true }).headers).toEqual({ "x-amz-checksum-mode": "ENABLED" });
    expect(o.explain("download", "/tmp/f", { checksum: true }).headers).toEqual({ "x-amz-checksum-mode": "ENABLED" });
    expect(o.explain("get", {}).headers).toEqual({});
  });
  it("refuses bad settings before any request", () => {
    expect(() => o.explain("put", "x", { checksum: "md5" as never })).toThrow(InvalidArgumentError);
    expect(() => o.explain("get", { checksum: true, offset: 5 })).toThrow(/whole object/);
    expect(() => o.explain("get", { checksum: "yes" as never })).toThrow(InvalidArgumentError);
    expect(() => new S3({ endpoint: "http://127.0.0.1:9", checksum: "sha" as never })).toThrow(InvalidArgumentError);
  });
});
