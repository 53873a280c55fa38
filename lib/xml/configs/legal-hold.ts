/**
 * Legal hold: `LegalHold/Status` (ON / OFF) ⇄ boolean.
 */
import { create } from "xmlbuilder2";
import { InvalidArgumentError } from "../../errors.js";
import { S3_XMLNS } from "../create-bucket.js";
import { malformed } from "../decode.js";
import { childText, parseXmlTree } from "../tree.js";
import type { ConfigCodec } from "./codec.js";

function encode(on: boolean): string {
  return create({ version: "1.0", encoding: "UTF-8" }).ele(S3_XMLNS, "LegalHold").ele("Status").txt(on ? "ON" : "OFF").end();
}

/**
 * Legal hold of an object version as a boolean. `get()` resolves to false when none was
 * ever set (NoSuchObjectLockConfiguration), like the seed's `is_object_legal_hold_enabled`;
 * `delete()` turns it off.
 */
export const legalHoldCodec: ConfigCodec<boolean, boolean, boolean> = {
  name: "legalHold",
  contentType: "application/xml",
  encode(value) {
    if (typeof value !== "boolean") throw new InvalidArgumentError("legalHold().set() needs true or false");
    return encode(value);
  },
  decode(body) {
    const root = parseXmlTree(body);
    if (root.name !== "LegalHold") throw malformed(`unexpected root element <${root.name}> in a legal-hold response`);
    return childText(root, "Status")?.trim() === "ON";
  },
  absentCodes: ["NoSuchObjectLockConfiguration"],
  absent: () => false,
  deleteBy: { put: () => encode(false) },
};
