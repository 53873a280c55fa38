import { describe, expect, it } from "vitest";
import { InvalidArgumentError, InvalidResponseError, S3 } from "../../../lib/index.js";
import { Retention } from "../../../lib/model/retention.js";
import { retentionCodec } from "../../../lib/xml/configs/retention.js";

const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

describe("retentionCodec", () => {
  it("encodes mode and an ISO-8601 UTC date with milliseconds", () => {
    expect(retentionCodec.encode(new Retention(Retention.GOVERNANCE, new Date("2030-01-02T03:04:05.678Z")))).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><Retention ${NS}><Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-02T03:04:05.678Z</RetainUntilDate></Retention>`,
    );
  });

  it("round trips model → XML → model", () => {
    for (const r of [new Retention("GOVERNANCE", new Date("2031-05-06T07:08:09.010Z")), new Retention("COMPLIANCE", new Date("2099-12-31T23:59:59.999Z"))]) {
      expect(retentionCodec.decode(retentionCodec.encode(r))).toStrictEqual(r);
    }
  });

  it("decodes MinIO's response", () => {
    const r = retentionCodec.decode(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Retention ${NS}><Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-02T03:04:05Z</RetainUntilDate></Retention>`,
    );
    expect(r.mode).toBe("GOVERNANCE");
    expect(r.retainUntilDate).toStrictEqual(new Date("2030-01-02T03:04:05Z"));
    expect(retentionCodec.absentCodes).toStrictEqual(["NoSuchObjectLockConfiguration"]);
  });

  it("keeps its own copy of the date", () => {
    const d = new Date("2030-01-01T00:00:00Z");
    const r = new Retention("GOVERNANCE", d);
    d.setTime(0);
    expect(r.retainUntilDate.toISOString()).toBe("2030-01-01T00:00:00.000Z");
    expect(Object.isFrozen(r)).toBe(true);
  });

  it("refuses a non-Date, an invalid Date, a bad mode, and (issue 11) a date already past when setting", () => {
    expect(() => new Retention("GOVERNANCE", "2030-01-01" as unknown as Date)).toThrow(/valid Date/);
    expect(() => new Retention("GOVERNANCE", new Date("nope"))).toThrow(InvalidArgumentError);
    expect(() => new Retention("governance" as "GOVERNANCE", new Date())).toThrow(InvalidArgumentError);
    expect(() => retentionCodec.encode({ mode: "GOVERNANCE", retainUntilDate: new Date() } as Retention)).toThrow(InvalidArgumentError);
    expect(() => retentionCodec.encode(new Retention("GOVERNANCE", new Date("2001-01-01T00:00:00Z")))).toThrow(/not in the future/);
    // Reading a retention that has run out is fine: only setting one is refused.
    expect(retentionCodec.decode("<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>2001-01-01T00:00:00Z</RetainUntilDate></Retention>").mode).toBe("GOVERNANCE");
  });

  it("passes the bypass-governance header through ConfigRef and has no delete", () => {
    const ref = new S3({ endpoint: "http://127.0.0.1:9" }).bucket("bkt").object("k").retention();
    const node = ref.explain("set", new Retention("GOVERNANCE", new Date("2030-01-01T00:00:00Z")), {
      headers: { "x-amz-bypass-governance-retention": "true" },
    });
    expect(node).toMatchObject({ kind: "PutConfig", config: "retention", key: "k", headers: { "x-amz-bypass-governance-retention": "true" } });
    expect(() => ref.explain("delete")).toThrow(/cannot be deleted/);
  });

  it("refuses malformed responses", () => {
    expect(() => retentionCodec.decode(`<Retention ${NS}/>`)).toThrow(InvalidResponseError);
    expect(() => retentionCodec.decode("<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>soon</RetainUntilDate></Retention>")).toThrow(InvalidResponseError);
    expect(() => retentionCodec.decode("<Retention><Mode>FOREVER</Mode><RetainUntilDate>2030-01-01T00:00:00Z</RetainUntilDate></Retention>"))
      .toThrow(InvalidResponseError);
    expect(() => retentionCodec.decode("<LegalHold/>")).toThrow(InvalidResponseError);
  });
});
