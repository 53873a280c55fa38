/**
 * Bucket versioning: `VersioningConfiguration` ⇄ {@link VersioningConfig}.
 */
import { create } from "xmlbuilder2";
import { InvalidArgumentError } from "../../errors.js";
import { VersioningConfig, type MfaDeleteStatus, type VersioningStatus } from "../../model/versioning.js";
import { S3_XMLNS } from "../create-bucket.js";
import { malformed } from "../decode.js";
import { child, childText, children, parseXmlTree } from "../tree.js";
import type { ConfigCodec } from "./codec.js";
import { literal } from "../literal-text.js";

/**
 * Versioning. `get()` always resolves to a config — `Off` for a bucket that was never
 * versioned, as in the seed; `set()` refuses `Off` (S3 can only suspend); there is no delete.
 */
export const versioningCodec: ConfigCodec<VersioningConfig, VersioningConfig, VersioningConfig> = {
  name: "versioning",
  contentType: "application/xml",
  encode(value) {
    if (!(value instanceof VersioningConfig)) throw new InvalidArgumentError("versioning().set() needs a VersioningConfig");
    if (value.status === VersioningConfig.OFF) {
      throw new InvalidArgumentError("versioning cannot be set to Off; use VersioningConfig.SUSPENDED");
    }
    const root = create({ version: "1.0", encoding: "UTF-8" }).ele(S3_XMLNS, "VersioningConfiguration");
    root.ele("Status").txt(value.status);
    // AWS documents the element as MfaDelete; the seed writes MFADelete (decode reads both).
    if (value.mfaDelete !== null) root.ele("MfaDelete").txt(value.mfaDelete);
    for (const prefix of value.excludedPrefixes) root.ele("ExcludedPrefixes").ele("Prefix").txt(literal(prefix));
    if (value.excludeFolders) root.ele("ExcludeFolders").txt("true");
    return root.end();
  },
  decode(body) {
    const root = parseXmlTree(body);
    if (root.name !== "VersioningConfiguration") throw malformed(`unexpected root element <${root.name}> in a versioning configuration`);
    const status = childText(root, "Status")?.trim() || VersioningConfig.OFF;
    const mfa = (childText(root, "MfaDelete") ?? childText(root, "MFADelete"))?.trim() || null;
    // MinIO writes one <ExcludedPrefixes> per prefix; accept several <Prefix> in one too.
    const excludedPrefixes = children(root, "ExcludedPrefixes").flatMap((e) => children(e, "Prefix").map((p) => p.text));
    const excludeFolders = child(root, "ExcludeFolders")?.text.trim() === "true";
    try {
      return new VersioningConfig(status as VersioningStatus, { excludedPrefixes, excludeFolders, mfaDelete: mfa as MfaDeleteStatus | null });
    } catch (err) {
      throw malformed(`invalid versioning configuration: ${(err as Error).message}`);
    }
  },
  absentCodes: [],
  absent: () => new VersioningConfig(VersioningConfig.OFF),
  deleteBy: "none",
};
