/**
 * Default bucket encryption: `ServerSideEncryptionConfiguration` ⇄ {@link SSEConfig}.
 */
import { create } from "xmlbuilder2";
import { InvalidArgumentError } from "../../errors.js";
import { isKms, SSEConfig, SseRule } from "../../model/sse-config.js";
import { S3_XMLNS } from "../create-bucket.js";
import { malformed } from "../decode.js";
import { child, childText, parseXmlTree } from "../tree.js";
import type { ConfigCodec } from "./codec.js";
import { literal } from "../literal-text.js";

/**
 * Default encryption. `get()` resolves to null when the bucket has none, as in the seed.
 * `set()` refuses a KMS rule without a key id (MinIO requires one).
 */
export const encryptionCodec: ConfigCodec<SSEConfig, SSEConfig, SSEConfig | null> = {
  name: "encryption",
  contentType: "application/xml",
  encode(value) {
    if (!(value instanceof SSEConfig)) throw new InvalidArgumentError("encryption().set() needs an SSEConfig");
    const { sseAlgorithm, kmsMasterKeyId } = value.rule;
    if (isKms(sseAlgorithm) && kmsMasterKeyId === null) throw new InvalidArgumentError("an SSE-KMS rule needs a KMS master key id");
    const byDefault = create({ version: "1.0", encoding: "UTF-8" })
      .ele(S3_XMLNS, "ServerSideEncryptionConfiguration")
      .ele("Rule")
      .ele("ApplyServerSideEncryptionByDefault");
    byDefault.ele("SSEAlgorithm").txt(literal(sseAlgorithm));
    if (kmsMasterKeyId !== null) byDefault.ele("KMSMasterKeyID").txt(literal(kmsMasterKeyId));
    return byDefault.end();
  },
  decode(body) {
    const root = parseXmlTree(body);
    if (root.name !== "ServerSideEncryptionConfiguration") {
      throw malformed(`unexpected root element <${root.name}> in an encryption configuration`);
    }
    const rule = child(root, "Rule");
    const byDefault = rule && child(rule, "ApplyServerSideEncryptionByDefault");
    const algorithm = byDefault && childText(byDefault, "SSEAlgorithm")?.trim();
    if (!byDefault || !algorithm) throw malformed("encryption configuration without Rule/ApplyServerSideEncryptionByDefault/SSEAlgorithm");
    const keyId = childText(byDefault, "KMSMasterKeyID")?.trim() || null;
    try {
      return new SSEConfig(new SseRule(algorithm, keyId));
    } catch (err) {
      throw malformed(`invalid encryption configuration: ${(err as Error).message}`);
    }
  },
  absentCodes: ["ServerSideEncryptionConfigurationNotFoundError"],
  deleteBy: "DELETE",
};
