import { describe, expect, it } from "vitest";
import { InvalidArgumentError, S3 } from "../../../lib/index.js";
import { policyCodec } from "../../../lib/xml/configs/policy.js";

const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: ["*"] }, Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] }],
});

describe("policyCodec", () => {
  it("sends the JSON text unchanged as application/json and returns the body as is", () => {
    expect(policyCodec.contentType).toBe("application/json");
    expect(policyCodec.encode(POLICY)).toBe(POLICY);
    const minio = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/*"]}]}';
    expect(policyCodec.decode(minio)).toBe(minio);
    expect(JSON.parse(policyCodec.decode(policyCodec.encode(POLICY)))).toStrictEqual(JSON.parse(POLICY));
  });

  it("has no absent value: get() rejects with NoSuchBucketPolicy, as in the seed", () => {
    expect(policyCodec.absentCodes).toStrictEqual([]);
    expect(policyCodec.absent).toBeUndefined();
    expect(policyCodec.deleteBy).toBe("DELETE");
  });

  it("refuses a non-string, invalid JSON and non-object JSON before sending", () => {
    expect(() => policyCodec.encode({ Version: "2012-10-17" } as unknown as string)).toThrow(InvalidArgumentError);
    expect(() => policyCodec.encode("{not json")).toThrow(/not valid JSON/);
    expect(() => policyCodec.encode("[]")).toThrow(/JSON object/);
    expect(() => policyCodec.encode("null")).toThrow(/JSON object/);
    const ref = new S3({ endpoint: "http://127.0.0.1:9" }).bucket("bkt").policy();
    expect(() => ref.explain("set", "{")).toThrow(InvalidArgumentError);
    expect(ref.explain("set", POLICY)).toMatchObject({ kind: "PutConfig", config: "policy", body: POLICY, contentType: "application/json" });
  });
});
