import { describe, expect, it } from "vitest";
import { InvalidArgumentError, InvalidResponseError, S3 } from "../../../lib/index.js";
import { ObjectLockConfig } from "../../../lib/model/object-lock.js";
import { objectLockCodec } from "../../../lib/xml/configs/object-lock.js";

const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
const HEAD = `<?xml version="1.0" encoding="UTF-8"?><ObjectLockConfiguration ${NS}><ObjectLockEnabled>Enabled</ObjectLockEnabled>`;

describe("objectLockCodec", () => {
  it("encodes a default rule, and none when all three are null", () => {
    expect(objectLockCodec.encode(new ObjectLockConfig(ObjectLockConfig.GOVERNANCE, 30, ObjectLockConfig.DAYS))).toBe(
      `${HEAD}<Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>30</Days></DefaultRetention></Rule></ObjectLockConfiguration>`,
    );
    expect(objectLockCodec.encode(new ObjectLockConfig(null, null, null))).toBe(`${HEAD}</ObjectLockConfiguration>`);
  });

  it("delete() puts a configuration without a rule, as in the seed", () => {
    const by = objectLockCodec.deleteBy;
    expect(typeof by === "object" && by.put()).toBe(`${HEAD}</ObjectLockConfiguration>`);
    const ref = new S3({ endpoint: "http://127.0.0.1:9" }).bucket("bkt").objectLock();
    expect(ref.explain("delete")).toMatchObject({ kind: "PutConfig", config: "objectLock", body: `${HEAD}</ObjectLockConfiguration>` });
  });

  it("round trips model → XML → model", () => {
    for (const cfg of [
      new ObjectLockConfig("GOVERNANCE", 1, "Days"),
      new ObjectLockConfig("COMPLIANCE", 7, "Years"),
      new ObjectLockConfig(),
    ]) {
      expect(objectLockCodec.decode(objectLockCodec.encode(cfg))).toStrictEqual(cfg);
    }
  });

  it("decodes MinIO's responses, with and without a rule", () => {
    expect(
      objectLockCodec.decode(
        `<?xml version="1.0" encoding="UTF-8"?>\n<ObjectLockConfiguration ${NS}><ObjectLockEnabled>Enabled</ObjectLockEnabled>` +
          "<Rule><DefaultRetention><Mode>COMPLIANCE</Mode><Years>2</Years></DefaultRetention></Rule></ObjectLockConfiguration>",
      ),
    ).toStrictEqual(new ObjectLockConfig("COMPLIANCE", 2, "Years"));
    const none = objectLockCodec.decode(`<ObjectLockConfiguration ${NS}><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>`);
    expect(none).toMatchObject({ mode: null, duration: null, unit: null });
  });

  it("refuses partial rules, bad modes, units and durations", () => {
    expect(() => new ObjectLockConfig("GOVERNANCE", null, null)).toThrow(/all be given/);
    expect(() => new ObjectLockConfig(null, 3, "Days")).toThrow(/all be given/);
    expect(() => new ObjectLockConfig("LEGAL" as "GOVERNANCE", 1, "Days")).toThrow(InvalidArgumentError);
    expect(() => new ObjectLockConfig("GOVERNANCE", 1, "Weeks" as "Days")).toThrow(/Days or Years/);
    for (const bad of [0, -1, 1.5, Number.NaN, "3" as unknown as number]) {
      expect(() => new ObjectLockConfig("GOVERNANCE", bad, "Days")).toThrow(InvalidArgumentError);
    }
    expect(() => objectLockCodec.encode({ mode: null } as ObjectLockConfig)).toThrow(InvalidArgumentError);
  });

  it("refuses malformed responses", () => {
    const rule = (r: string) => `<ObjectLockConfiguration><Rule><DefaultRetention>${r}</DefaultRetention></Rule></ObjectLockConfiguration>`;
    expect(() => objectLockCodec.decode(rule("<Mode>GOVERNANCE</Mode>"))).toThrow(InvalidResponseError);
    expect(() => objectLockCodec.decode(rule("<Days>3</Days>"))).toThrow(InvalidResponseError);
    expect(() => objectLockCodec.decode(rule("<Mode>GOVERNANCE</Mode><Days>0</Days>"))).toThrow(InvalidResponseError);
    expect(() => objectLockCodec.decode(rule("<Mode>GOVERNANCE</Mode><Days>x</Days>"))).toThrow(InvalidResponseError);
    expect(() => objectLockCodec.decode("<Retention/>")).toThrow(InvalidResponseError);
  });
});
