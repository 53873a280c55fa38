import { InvalidArgumentError } from "../errors.js";

/**
 * The default-encryption rule of a bucket — the seed's `sseconfig.Rule`. Immutable.
 * Build it with {@link SseRule.newSseS3Rule} or {@link SseRule.newSseKmsRule}.
 */
export class SseRule {
  /** SSE-S3: server-managed keys. */
  static readonly AES256 = "AES256" as const;
  /** SSE-KMS: a KMS key. */
  static readonly AWS_KMS = "aws:kms" as const;

  /** `AES256`, `aws:kms`, or another algorithm the server reported. */
  readonly sseAlgorithm: string;
  /** KMS key id (SSE-KMS), or null. */
  readonly kmsMasterKeyId: string | null;

  /**
   * @param sseAlgorithm `AES256` or `aws:kms`
   * @param kmsMasterKeyId the KMS key id, only with `aws:kms`
   * @throws InvalidArgumentError on an empty algorithm, or a key id with an algorithm other than KMS
   */
  constructor(sseAlgorithm: string, kmsMasterKeyId: string | null = null) {
    if (typeof sseAlgorithm !== "string" || sseAlgorithm === "") {
      throw new InvalidArgumentError("the SSE algorithm must be a non-empty string such as AES256 or aws:kms");
    }
    if (kmsMasterKeyId !== null && (typeof kmsMasterKeyId !== "string" || kmsMasterKeyId === "")) {
      throw new InvalidArgumentError("the KMS master key id must be a non-empty string");
    }
    if (kmsMasterKeyId !== null && !isKms(sseAlgorithm)) {
      throw new InvalidArgumentError(`a KMS master key id is only allowed with aws:kms, not ${sseAlgorithm}`);
    }
    this.sseAlgorithm = sseAlgorithm;
    this.kmsMasterKeyId = kmsMasterKeyId;
    Object.freeze(this);
  }

  /** An SSE-S3 (AES256) rule. */
  static newSseS3Rule(): SseRule {
    return new SseRule(SseRule.AES256);
  }

  /**
   * An SSE-KMS rule with the given key.
   * @throws InvalidArgumentError when `kmsMasterKeyId` is not a non-empty string (the seed allows none; MinIO requires one)
   */
  static newSseKmsRule(kmsMasterKeyId: string): SseRule {
    if (typeof kmsMasterKeyId !== "string" || kmsMasterKeyId === "") {
      throw new InvalidArgumentError("an SSE-KMS rule needs a KMS master key id");
    }
    return new SseRule(SseRule.AWS_KMS, kmsMasterKeyId);
  }
}

/** Whether an SSE algorithm is one of the KMS family (`aws:kms`, `aws:kms:dsse`). */
export function isKms(sseAlgorithm: string): boolean {
  return sseAlgorithm === "aws:kms" || sseAlgorithm.startsWith("aws:kms:");
}

/**
 * A bucket's default server-side encryption — the seed's `SSEConfig`, one rule. Immutable.
 *
 * @example
 * ```ts
 * await bucket.encryption().set(new SSEConfig(SseRule.newSseS3Rule()));
 * ```
 */
export class SSEConfig {
  /** The rule. */
  readonly rule: SseRule;

  /** @throws InvalidArgumentError when `rule` is not an {@link SseRule} */
  constructor(rule: SseRule) {
    if (!(rule instanceof SseRule)) throw new InvalidArgumentError("SSEConfig needs an SseRule");
    this.rule = rule;
    Object.freeze(this);
  }
}
