import { describe, expect, it } from "vitest";
import { InvalidArgumentError, InvalidResponseError } from "../../../lib/index.js";
import { SSEConfig, SseRule } from "../../../lib/model/sse-config.js";
import { encryptionCodec } from "../../../lib/xml/configs/encryption.js";

const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

describe("encryptionCodec", () => {
  it("encodes SSE-S3 and SSE-KMS rules", () => {
    expect(encryptionCodec.encode(new SSEConfig(SseRule.newSseS3Rule()))).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><ServerSideEncryptionConfiguration ${NS}><Rule><ApplyServerSideEncryptionByDefault>` +
        "<SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>",
    );
    expect(encryptionCodec.encode(new SSEConfig(SseRule.newSseKmsRule("my-key")))).toContain(
      "<SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>my-key</KMSMasterKeyID>",
    );
  });

  it("round trips model → XML → model", () => {
    for (const cfg of [new SSEConfig(SseRule.newSseS3Rule()), new SSEConfig(SseRule.newSseKmsRule("arn:aws:kms:us-east-1:1:key/k"))]) {
      expect(encryptionCodec.decode(encryptionCodec.encode(cfg))).toStrictEqual(cfg);
    }
  });

  it("decodes MinIO's and AWS's responses (AWS may omit the key id and add BucketKeyEnabled)", () => {
    const minio = encryptionCodec.decode(
      `<ServerSideEncryptionConfiguration ${NS}><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm>` +
        "<KMSMasterKeyID>quarry-test-key</KMSMasterKeyID></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>",
    );
    expect(minio.rule).toMatchObject({ sseAlgorithm: "aws:kms", kmsMasterKeyId: "quarry-test-key" });
    const aws = encryptionCodec.decode(
      `<ServerSideEncryptionConfiguration ${NS}><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm>` +
        "</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>",
    );
    expect(aws.rule).toMatchObject({ sseAlgorithm: "aws:kms", kmsMasterKeyId: null });
    expect(encryptionCodec.absentCodes).toContain("ServerSideEncryptionConfigurationNotFoundError");
  });

  it("refuses a KMS rule without a key id, a key id without KMS, and a non-SSEConfig", () => {
    expect(() => SseRule.newSseKmsRule("")).toThrow(InvalidArgumentError);
    expect(() => SseRule.newSseKmsRule(undefined as unknown as string)).toThrow(/needs a KMS master key id/);
    expect(() => encryptionCodec.encode(new SSEConfig(new SseRule(SseRule.AWS_KMS)))).toThrow(/needs a KMS master key id/);
    expect(() => new SseRule(SseRule.AES256, "k")).toThrow(/only allowed with aws:kms/);
    expect(() => new SseRule("")).toThrow(InvalidArgumentError);
    expect(() => new SSEConfig(null as unknown as SseRule)).toThrow(InvalidArgumentError);
    expect(() => encryptionCodec.encode({ rule: SseRule.newSseS3Rule() } as SSEConfig)).toThrow(InvalidArgumentError);
  });

  it("refuses responses without a rule", () => {
    expect(() => encryptionCodec.decode(`<ServerSideEncryptionConfiguration ${NS}/>`)).toThrow(InvalidResponseError);
    expect(() => encryptionCodec.decode("<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault/></Rule></ServerSideEncryptionConfiguration>"))
      .toThrow(InvalidResponseError);
    expect(() => encryptionCodec.decode("<Tagging/>")).toThrow(InvalidResponseError);
  });
});
