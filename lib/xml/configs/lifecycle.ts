/**
 * Bucket lifecycle: `LifecycleConfiguration` ⇄ {@link LifecycleConfig}.
 */
import { create } from "xmlbuilder2";
import { InvalidArgumentError } from "../../errors.js";
import { Filter } from "../../model/filter.js";
import {
  AbortIncompleteMultipartUpload, DelMarkerExpiration, Expiration, LifecycleConfig, LifecycleRule, NoncurrentVersionExpiration,
  NoncurrentVersionTransition, Transition,
} from "../../model/lifecycle.js";
import { S3_XMLNS } from "../create-bucket.js";
import { child, childText, children, parseXmlTree, type XmlElement } from "../tree.js";
import type { ConfigCodec } from "./codec.js";
import {
  boolText, dateText, decodeFilter, encodeFilter, expectRoot, fromResponse, intText, isoDate, optional, statusText, type XmlNode,
} from "./rule-xml.js";
import { literal } from "../literal-text.js";

function encodeRule(parent: XmlNode, rule: LifecycleRule): void {
  const r = parent.ele("Rule");
  optional(r, "ID", rule.ruleId);
  encodeFilter(r, rule.ruleFilter);
  r.ele("Status").txt(rule.status);
  const exp = rule.expiration;
  if (exp) {
    const e = r.ele("Expiration");
    optional(e, "Date", isoDate(exp.date));
    optional(e, "Days", exp.days);
    optional(e, "ExpiredObjectDeleteMarker", exp.expiredObjectDeleteMarker);
    optional(e, "ExpiredObjectAllVersions", exp.expiredObjectAllVersions);
  }
  const tr = rule.transition;
  if (tr) {
    const t = r.ele("Transition");
    optional(t, "Date", isoDate(tr.date));
    optional(t, "Days", tr.days);
    t.ele("StorageClass").txt(literal(tr.storageClass));
  }
  const nvt = rule.noncurrentVersionTransition;
  if (nvt) {
    const t = r.ele("NoncurrentVersionTransition");
    optional(t, "NoncurrentDays", nvt.noncurrentDays);
    t.ele("StorageClass").txt(literal(nvt.storageClass));
    optional(t, "NewerNoncurrentVersions", nvt.newerNoncurrentVersions);
  }
  const nve = rule.noncurrentVersionExpiration;
  if (nve) {
    const e = r.ele("NoncurrentVersionExpiration");
    optional(e, "NoncurrentDays", nve.noncurrentDays);
    optional(e, "NewerNoncurrentVersions", nve.newerNoncurrentVersions);
  }
  if (rule.abortIncompleteMultipartUpload) {
    r.ele("AbortIncompleteMultipartUpload").ele("DaysAfterInitiation").txt(String(rule.abortIncompleteMultipartUpload.daysAfterInitiation));
  }
  if (rule.delMarkerExpiration) r.ele("DelMarkerExpiration").ele("Days").txt(String(rule.delMarkerExpiration.days));
}

/** An action element, decoded with `build` when present. */
function action<T>(rule: XmlElement, name: string, build: (el: XmlElement) => T): T | undefined {
  const el = child(rule, name);
  return el ? build(el) : undefined;
}

function decodeRule(r: XmlElement): LifecycleRule {
  const filterEl = child(r, "Filter");
  // Rules written with the legacy API carry <Prefix> instead of <Filter>.
  const legacyPrefix = childText(r, "Prefix");
  const ruleFilter = filterEl ? decodeFilter(filterEl) : new Filter(legacyPrefix !== undefined ? { prefix: legacyPrefix } : {});
  return new LifecycleRule(statusText(r), {
    ruleFilter,
    ruleId: childText(r, "ID"),
    expiration: action(r, "Expiration", (e) => new Expiration({
      date: dateText(e, "Date"),
      days: intText(e, "Days"),
      expiredObjectDeleteMarker: boolText(e, "ExpiredObjectDeleteMarker"),
      expiredObjectAllVersions: boolText(e, "ExpiredObjectAllVersions"),
    })),
    // AWS allows several transitions a rule; the seed's model (and MinIO) holds one.
    transition: action(r, "Transition", (t) => new Transition({
      date: dateText(t, "Date"),
      days: intText(t, "Days"),
      storageClass: childText(t, "StorageClass"),
    })),
    noncurrentVersionTransition: action(r, "NoncurrentVersionTransition", (t) => new NoncurrentVersionTransition({
      noncurrentDays: intText(t, "NoncurrentDays"),
      storageClass: childText(t, "StorageClass"),
      newerNoncurrentVersions: intText(t, "NewerNoncurrentVersions"),
    })),
    noncurrentVersionExpiration: action(r, "NoncurrentVersionExpiration", (e) => new NoncurrentVersionExpiration({
      noncurrentDays: intText(e, "NoncurrentDays"),
      // Older MinIO releases wrote MaxNoncurrentVersions.
      newerNoncurrentVersions: intText(e, "NewerNoncurrentVersions") ?? intText(e, "MaxNoncurrentVersions"),
    })),
    abortIncompleteMultipartUpload: action(r, "AbortIncompleteMultipartUpload", (a) => new AbortIncompleteMultipartUpload({
      daysAfterInitiation: intText(a, "DaysAfterInitiation"),
    })),
    delMarkerExpiration: action(r, "DelMarkerExpiration", (d) => new DelMarkerExpiration(intText(d, "Days") ?? 0)),
  });
}

/**
 * Lifecycle. `get()` resolves to null when the bucket has none (NoSuchLifecycleConfiguration),
 * as in the seed; `delete()` is a DELETE request.
 */
export const lifecycleCodec: ConfigCodec<LifecycleConfig> = {
  name: "lifecycle",
  contentType: "application/xml",
  encode(value) {
    if (!(value instanceof LifecycleConfig)) throw new InvalidArgumentError("lifecycle().set() needs a LifecycleConfig");
    const root = create({ version: "1.0", encoding: "UTF-8" }).ele(S3_XMLNS, "LifecycleConfiguration");
    for (const rule of value.rules) encodeRule(root, rule);
    return root.end();
  },
  decode(body) {
    const root = parseXmlTree(body);
    expectRoot(root, "LifecycleConfiguration", "lifecycle");
    return fromResponse("lifecycle", () => new LifecycleConfig(children(root, "Rule").map(decodeRule)));
  },
  absentCodes: ["NoSuchLifecycleConfiguration"],
  deleteBy: "DELETE",
};
