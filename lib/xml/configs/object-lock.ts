/**
 * Object-lock configuration: `ObjectLockConfiguration` ⇄ {@link ObjectLockConfig}.
 */
import { create } from "xmlbuilder2";
import { InvalidArgumentError } from "../../errors.js";
import { ObjectLockConfig, type RetentionMode, type RetentionUnit } from "../../model/object-lock.js";
import { S3_XMLNS } from "../create-bucket.js";
import { malformed } from "../decode.js";
import { child, childText, parseXmlTree } from "../tree.js";
import type { ConfigCodec } from "./codec.js";

function encode(value: ObjectLockConfig): string {
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(S3_XMLNS, "ObjectLockConfiguration");
  root.ele("ObjectLockEnabled").txt("Enabled");
  if (value.mode !== null && value.duration !== null && value.unit !== null) {
    root.ele("Rule").ele("DefaultRetention").ele("Mode").txt(value.mode).up().ele(value.unit).txt(String(value.duration));
  }
  return root.end();
}

/**
 * Object lock of a bucket created with it. `get()` resolves to a config whose mode,
 * duration and unit are null when there is no default rule; on a bucket without object
 * lock it rejects (S3Error `ObjectLockConfigurationNotFoundError`), as in the seed.
 * `delete()` is the seed's: it puts a configuration without a rule.
 */
export const objectLockCodec: ConfigCodec<ObjectLockConfig, ObjectLockConfig, ObjectLockConfig> = {
  name: "objectLock",
  contentType: "application/xml",
  encode(value) {
    if (!(value instanceof ObjectLockConfig)) throw new InvalidArgumentError("objectLock().set() needs an ObjectLockConfig");
    return encode(value);
  },
  decode(body) {
    const root = parseXmlTree(body);
    if (root.name !== "ObjectLockConfiguration") throw malformed(`unexpected root element <${root.name}> in an object-lock configuration`);
    const rule = child(root, "Rule");
    const retention = rule && child(rule, "DefaultRetention");
    if (!retention) return new ObjectLockConfig(null, null, null);
    const mode = childText(retention, "Mode")?.trim();
    const days = childText(retention, "Days")?.trim();
    const years = childText(retention, "Years")?.trim();
    const [unit, text]: [RetentionUnit, string | undefined] = days ? ["Days", days] : ["Years", years];
    if (!mode || !text || !/^\d+$/.test(text)) throw malformed("object-lock default retention without a Mode and a Days or Years count");
    try {
      return new ObjectLockConfig(mode as RetentionMode, Number(text), unit);
    } catch (err) {
      throw malformed(`invalid object-lock configuration: ${(err as Error).message}`);
    }
  },
  absentCodes: [],
  deleteBy: { put: () => encode(new ObjectLockConfig(null, null, null)) },
};
