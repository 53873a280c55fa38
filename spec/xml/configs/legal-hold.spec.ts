import { describe, expect, it } from "vitest";
import { InvalidArgumentError, InvalidResponseError, S3 } from "../../../lib/index.js";
import { legalHoldCodec } from "../../../lib/xml/configs/legal-hold.js";

const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

describe("legalHoldCodec", () => {
  it("encodes ON / OFF and round trips", () => {
    expect(legalHoldCodec.encode(true)).toBe(`<?xml version="1.0" encoding="UTF-8"?><LegalHold ${NS}><Status>ON</Status></LegalHold>`);
    expect(legalHoldCodec.encode(false)).toContain("<Status>OFF</Status>");
    for (const v of [true, false]) expect(legalHoldCodec.decode(legalHoldCodec.encode(v))).toBe(v);
  });

  it("decodes MinIO's response; absent means false", () => {
    expect(legalHoldCodec.decode(`<?xml version="1.0" encoding="UTF-8"?>\n<LegalHold ${NS}><Status>ON</Status></LegalHold>`)).toBe(true);
    expect(legalHoldCodec.decode(`<LegalHold ${NS}><Status>OFF</Status></LegalHold>`)).toBe(false);
    expect(legalHoldCodec.absentCodes).toStrictEqual(["NoSuchObjectLockConfiguration"]);
    expect(legalHoldCodec.absent?.()).toBe(false);
  });

  it("delete() turns the hold off; set() refuses non-booleans", () => {
    const ref = new S3({ endpoint: "http://127.0.0.1:9" }).bucket("bkt").object("k").legalHold();
    expect(ref.explain("delete")).toMatchObject({ kind: "PutConfig", config: "legalHold", body: legalHoldCodec.encode(false) });
    expect(() => ref.explain("set", "ON" as unknown as boolean)).toThrow(InvalidArgumentError);
    expect(() => legalHoldCodec.encode(1 as unknown as boolean)).toThrow(InvalidArgumentError);
  });

  it("refuses other documents", () => {
    expect(() => legalHoldCodec.decode("<Retention/>")).toThrow(InvalidResponseError);
  });
});
