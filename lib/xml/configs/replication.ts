/**
 * Bucket replication: `ReplicationConfiguration` ⇄ {@link ReplicationConfig}.
 */
import { create } from "xmlbuilder2";
import { InvalidArgumentError } from "../../errors.js";
import {
  AccessControlTranslation, DeleteMarkerReplication, DeleteReplication, Destination, EncryptionConfiguration, EventThreshold,
  ExistingObjectReplication, Metrics, ReplicaModifications, ReplicationConfig, ReplicationRule, ReplicationTime, ReplicationTimeValue,
  SourceSelectionCriteria, SseKmsEncryptedObjects,
} from "../../model/replication.js";
import type { RuleStatus } from "../../model/filter.js";
import { S3_XMLNS } from "../create-bucket.js";
import { malformed } from "../decode.js";
import { child, childText, children, parseXmlTree, type XmlElement } from "../tree.js";
import type { ConfigCodec } from "./codec.js";
import { decodeFilter, encodeFilter, expectRoot, fromResponse, intText, optional, statusText, type XmlNode } from "./rule-xml.js";
import { literal } from "../literal-text.js";

/** Appends `<name><Status>…</Status></name>` when the setting is given. */
function statusElement(parent: XmlNode, name: string, setting: { readonly status: RuleStatus } | undefined): void {
  if (setting) parent.ele(name).ele("Status").txt(setting.status);
}

function minutes(parent: XmlNode, name: string, value: ReplicationTimeValue): void {
  parent.ele(name).ele("Minutes").txt(String(value.minutes));
}

function encodeDestination(parent: XmlNode, d: Destination): void {
  const el = parent.ele("Destination");
  el.ele("Bucket").txt(literal(d.bucketArn));
  optional(el, "Account", d.account);
  optional(el, "StorageClass", d.storageClass);
  if (d.accessControlTranslation) el.ele("AccessControlTranslation").ele("Owner").txt(literal(d.accessControlTranslation.owner));
  if (d.encryptionConfiguration) {
    const e = el.ele("EncryptionConfiguration");
    optional(e, "ReplicaKmsKeyID", d.encryptionConfiguration.replicaKmsKeyId);
  }
  if (d.replicationTime) {
    const t = el.ele("ReplicationTime");
    t.ele("Status").txt(d.replicationTime.status);
    minutes(t, "Time", d.replicationTime.time);
  }
  if (d.metrics) {
    const m = el.ele("Metrics");
    m.ele("Status").txt(d.metrics.status);
    minutes(m, "EventThreshold", d.metrics.eventThreshold);
  }
}

function encodeRule(parent: XmlNode, rule: ReplicationRule): void {
  const r = parent.ele("Rule");
  optional(r, "ID", rule.ruleId);
  optional(r, "Priority", rule.priority);
  optional(r, "Prefix", rule.prefix);
  if (rule.ruleFilter) encodeFilter(r, rule.ruleFilter);
  r.ele("Status").txt(rule.status);
  const ssc = rule.sourceSelectionCriteria;
  if (ssc) {
    const s = r.ele("SourceSelectionCriteria");
    statusElement(s, "SseKmsEncryptedObjects", ssc.sseKmsEncryptedObjects);
    statusElement(s, "ReplicaModifications", ssc.replicaModifications);
  }
  statusElement(r, "ExistingObjectReplication", rule.existingObjectReplication);
  encodeDestination(r, rule.destination);
  statusElement(r, "DeleteMarkerReplication", rule.deleteMarkerReplication);
  statusElement(r, "DeleteReplication", rule.deleteReplication);
}

/** A `<name><Status>` setting, built with `make` when present. */
function setting<T>(el: XmlElement, name: string, make: (status: RuleStatus) => T): T | undefined {
  const s = child(el, name);
  return s ? make(statusText(s)) : undefined;
}

function timeValue<T>(el: XmlElement, name: string, make: (minutes: number | undefined) => T): T {
  const m = child(el, name);
  return make(m ? intText(m, "Minutes") : undefined);
}

function decodeDestination(el: XmlElement): Destination {
  const act = child(el, "AccessControlTranslation");
  const enc = child(el, "EncryptionConfiguration");
  const rt = child(el, "ReplicationTime");
  const metrics = child(el, "Metrics");
  return new Destination(childText(el, "Bucket")?.trim() ?? "", {
    account: childText(el, "Account")?.trim() || undefined,
    storageClass: childText(el, "StorageClass")?.trim() || undefined,
    accessControlTranslation: act ? new AccessControlTranslation(childText(act, "Owner")?.trim() || undefined) : undefined,
    encryptionConfiguration: enc ? new EncryptionConfiguration({ replicaKmsKeyId: childText(enc, "ReplicaKmsKeyID")?.trim() || undefined }) : undefined,
    replicationTime: rt ? new ReplicationTime(timeValue(rt, "Time", (m) => new ReplicationTimeValue(m)), statusText(rt)) : undefined,
    metrics: metrics ? new Metrics(timeValue(metrics, "EventThreshold", (m) => new EventThreshold(m)), statusText(metrics)) : undefined,
  });
}

function decodeRule(r: XmlElement): ReplicationRule {
  const filterEl = child(r, "Filter");
  const destination = child(r, "Destination");
  if (!destination) throw malformed("a replication rule without <Destination>");
  const ssc = child(r, "SourceSelectionCriteria");
  return new ReplicationRule(decodeDestination(destination), statusText(r), {
    ruleId: childText(r, "ID"),
    priority: intText(r, "Priority"),
    prefix: filterEl ? undefined : childText(r, "Prefix"),
    ruleFilter: filterEl ? decodeFilter(filterEl) : undefined,
    sourceSelectionCriteria: ssc
      ? new SourceSelectionCriteria({
          sseKmsEncryptedObjects: setting(ssc, "SseKmsEncryptedObjects", (s) => new SseKmsEncryptedObjects(s)),
          replicaModifications: setting(ssc, "ReplicaModifications", (s) => new ReplicaModifications(s)),
        })
      : undefined,
    existingObjectReplication: setting(r, "ExistingObjectReplication", (s) => new ExistingObjectReplication(s)),
    deleteMarkerReplication: setting(r, "DeleteMarkerReplication", (s) => new DeleteMarkerReplication(s)),
    deleteReplication: setting(r, "DeleteReplication", (s) => new DeleteReplication(s)),
  });
}

/**
 * Replication. `get()` resolves to null when the bucket has none
 * (ReplicationConfigurationNotFoundError), as in the seed; `delete()` is a DELETE request.
 */
export const replicationCodec: ConfigCodec<ReplicationConfig> = {
  name: "replication",
  contentType: "application/xml",
  encode(value) {
    if (!(value instanceof ReplicationConfig)) throw new InvalidArgumentError("replication().set() needs a ReplicationConfig");
    const root = create({ version: "1.0", encoding: "UTF-8" }).ele(S3_XMLNS, "ReplicationConfiguration");
    root.ele("Role").txt(literal(value.role));
    for (const rule of value.rules) encodeRule(root, rule);
    return root.end();
  },
  decode(body) {
    const root = parseXmlTree(body);
    expectRoot(root, "ReplicationConfiguration", "replication");
    return fromResponse("replication", () => new ReplicationConfig(childText(root, "Role")?.trim() ?? "", children(root, "Rule").map(decodeRule)));
  },
  absentCodes: ["ReplicationConfigurationNotFoundError"],
  deleteBy: "DELETE",
};
