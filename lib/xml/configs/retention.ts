/**
 * Object retention: `Retention` ⇄ {@link Retention}.
 */
import { create } from "xmlbuilder2";
import { InvalidArgumentError } from "../../errors.js";
import type { RetentionMode } from "../../model/object-lock.js";
import { Retention } from "../../model/retention.js";
import { checkRetainUntilAhead } from "../../validate/retention.js";
import { S3_XMLNS } from "../create-bucket.js";
import { malformed } from "../decode.js";
import { childText, parseXmlTree } from "../tree.js";
import type { ConfigCodec } from "./codec.js";

/**
 * Retention of an object version. `get()` resolves to null when it has none
 * (NoSuchObjectLockConfiguration), as in the seed. To shorten GOVERNANCE retention, pass
 * `{ headers: { "x-amz-bypass-governance-retention": "true" } }` to `set()`. There is no
 * delete, as in the seed.
 */
export const retentionCodec: ConfigCodec<Retention, Retention, Retention | null> = {
  name: "retention",
  contentType: "application/xml",
  encode(value) {
    if (!(value instanceof Retention)) throw new InvalidArgumentError("retention().set() needs a Retention");
    checkRetainUntilAhead(value.retainUntilDate);
    return create({ version: "1.0", encoding: "UTF-8" })
      .ele(S3_XMLNS, "Retention")
      .ele("Mode").txt(value.mode).up()
      .ele("RetainUntilDate").txt(value.retainUntilDate.toISOString()).up()
      .end();
  },
  decode(body) {
    const root = parseXmlTree(body);
    if (root.name !== "Retention") throw malformed(`unexpected root element <${root.name}> in a retention response`);
    const mode = childText(root, "Mode")?.trim();
    const until = childText(root, "RetainUntilDate")?.trim();
    const date = until ? new Date(until) : undefined;
    if (!mode || date === undefined || Number.isNaN(date.getTime())) throw malformed("retention without a Mode and a valid RetainUntilDate");
    try {
      return new Retention(mode as RetentionMode, date);
    } catch (err) {
      throw malformed(`invalid retention: ${(err as Error).message}`);
    }
  },
  absentCodes: ["NoSuchObjectLockConfiguration"],
  deleteBy: "none",
};
