/**
 * Property tests of every configuration codec in lib/xml/configs: random models are encoded
 * with the codec's own builder, decoded with its parser and compared; hostile mutations of
 * the encoded documents must end cleanly or in a typed error (see harness.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AbortIncompleteMultipartUpload, AccessControlTranslation, AndOperator, CloudFuncConfig, DelMarkerExpiration, DeleteMarkerReplication,
  DeleteReplication, Destination, EncryptionConfiguration, EventThreshold, ExistingObjectReplication, Expiration, Filter,
  InvalidArgumentError, LifecycleConfig, LifecycleRule, Metrics, NoncurrentVersionExpiration, NoncurrentVersionTransition,
  NotificationConfig, ObjectLockConfig, PrefixFilterRule, QueueConfig, ReplicaModifications, ReplicationConfig, ReplicationRule,
  ReplicationTime, ReplicationTimeValue, Retention, SSEConfig, SourceSelectionCriteria, SseKmsEncryptedObjects, SseRule,
  SuffixFilterRule, Tag, Tags, TopicConfig, Transition, VersioningConfig,
} from "../../../lib/index.js";
import {
  bucketTagsCodec, encryptionCodec, legalHoldCodec, lifecycleCodec, notificationCodec, objectLockCodec, objectTagsCodec,
  policyCodec, replicationCodec, retentionCodec, versioningCodec, type ConfigCodec,
} from "../../../lib/xml/configs/index.js";
import { isTyped, parserProperties, RUNS, xmlText } from "./harness.js";

/** A subject for a codec: encode with its builder, decode with its parser, compare structurally. */
function codecSubject<M>(name: string, codec: ConfigCodec<unknown, M, unknown>, model: fc.Arbitrary<M>) {
  return {
    name,
    model,
    write: (m: M) => codec.encode(m),
    parse: (xml: string) => codec.decode(xml),
    same: (parsed: unknown, m: M) => expect(parsed).toStrictEqual(m),
  };
}

/** Builds a model from generated options, or null where the model refuses the combination. */
function built<T>(make: () => T): T | null {
  try {
    return make();
  } catch (err) {
    if (err instanceof InvalidArgumentError) return null;
    throw err;
  }
}
function valid<O, T>(options: fc.Arbitrary<O>, make: (o: O) => T): fc.Arbitrary<T> {
  return options.map((o) => built(() => make(o))).filter((t): t is T => t !== null);
}

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const trimmed = (max = 24) => xmlText({ min: 1, max, trimmed: true });
const days = fc.integer({ min: 1, max: 36_500 });
const midnight = fc.integer({ min: 0, max: 60_000 }).map((d) => new Date(Date.UTC(2000, 0, 1 + d)));
const status = fc.constantFrom("Enabled" as const, "Disabled" as const);
const storageClass = fc.constantFrom("STANDARD_IA", "GLACIER", "WARM-TIER", "a&amp;b");

const tagEntries = (max: number) => fc.uniqueArray(fc.tuple(xmlText({ min: 1, max: 40 }), xmlText({ max: 60 })), { maxLength: max, selector: ([k]) => k });
const tagsOf = (isObject: boolean) => tagEntries(isObject ? 10 : 50).map((entries) => {
  const t = isObject ? Tags.newObjectTags() : Tags.newBucketTags();
  for (const [k, v] of entries) t.set(k, v);
  return t;
});

const filter: fc.Arbitrary<Filter> = fc.oneof(
  fc.constant(new Filter()),
  xmlText({ max: 30 }).map((prefix) => new Filter({ prefix })),
  fc.tuple(xmlText({ min: 1, max: 30 }), xmlText({ max: 30 })).map(([k, v]) => new Filter({ tag: new Tag(k, v) })),
  fc.nat({ max: 2 ** 40 }).map((n) => new Filter({ objectSizeGreaterThan: n })),
  fc.integer({ min: 1, max: 2 ** 40 }).map((n) => new Filter({ objectSizeLessThan: n })),
  valid(fc.record({ prefix: opt(xmlText({ max: 20 })), tags: tagEntries(4), objectSizeGreaterThan: opt(fc.nat({ max: 1e9 })), objectSizeLessThan: opt(fc.integer({ min: 1, max: 1e12 })) }),
    (o) => new Filter({ andOperator: new AndOperator(o) })),
);

const lifecycleRule = valid(fc.record({
  status, ruleFilter: filter, ruleId: opt(trimmed(40)),
  expiration: opt(fc.oneof(days.map((d) => new Expiration({ days: d })), midnight.map((date) => new Expiration({ date })), fc.constant(new Expiration({ expiredObjectDeleteMarker: true })))),
  transition: opt(fc.tuple(fc.oneof(days.map((d) => ({ days: d })), midnight.map((date) => ({ date }))), storageClass).map(([when, sc]) => new Transition({ ...when, storageClass: sc }))),
  noncurrentVersionExpiration: opt(fc.record({ noncurrentDays: opt(days), newerNoncurrentVersions: opt(fc.integer({ min: 1, max: 100 })) }).map((o) => built(() => new NoncurrentVersionExpiration(o)) ?? undefined)),
  noncurrentVersionTransition: opt(fc.tuple(days, storageClass).map(([d, sc]) => new NoncurrentVersionTransition({ noncurrentDays: d, storageClass: sc }))),
  abortIncompleteMultipartUpload: opt(days.map((d) => new AbortIncompleteMultipartUpload({ daysAfterInitiation: d }))),
  delMarkerExpiration: opt(days.map((d) => new DelMarkerExpiration(d))),
}, { requiredKeys: ["status", "ruleFilter"] }), (o) => new LifecycleRule(o.status, o));
const lifecycle = valid(fc.array(lifecycleRule, { minLength: 1, maxLength: 4 }), (rules) => new LifecycleConfig(rules));

const destination = valid(fc.record({
  arn: fc.constantFrom("arn:aws:s3:::dest", "arn:minio:replication::id:dest", "arn:aws:s3:::a&amp;b"),
  storageClass: opt(storageClass), account: opt(trimmed()),
  accessControlTranslation: opt(fc.constant(new AccessControlTranslation())),
  encryptionConfiguration: opt(opt(trimmed()).map((replicaKmsKeyId) => new EncryptionConfiguration({ replicaKmsKeyId }))),
  replicationTime: opt(fc.tuple(fc.integer({ min: 1, max: 60 }), status).map(([m, s]) => new ReplicationTime(new ReplicationTimeValue(m), s))),
  metrics: opt(fc.tuple(fc.integer({ min: 1, max: 60 }), status).map(([m, s]) => new Metrics(new EventThreshold(m), s))),
}, { requiredKeys: ["arn"] }), (o) => new Destination(o.arn, o));
const replicationRule = valid(fc.record({
  destination, status,
  legacy: fc.boolean(), prefix: xmlText({ max: 20 }), ruleFilter: filter,
  deleteMarkerReplication: opt(status.map((s) => new DeleteMarkerReplication(s))),
  deleteReplication: opt(status.map((s) => new DeleteReplication(s))),
  existingObjectReplication: opt(status.map((s) => new ExistingObjectReplication(s))),
  ruleId: opt(trimmed(40)), priority: opt(fc.nat({ max: 1000 })),
  sourceSelectionCriteria: opt(fc.record({ sseKmsEncryptedObjects: opt(status.map((s) => new SseKmsEncryptedObjects(s))), replicaModifications: opt(status.map((s) => new ReplicaModifications(s))) }, { requiredKeys: [] }).map((o) => new SourceSelectionCriteria(o))),
}), (o) => new ReplicationRule(o.destination, o.status, { ...o, ...(o.legacy ? { ruleFilter: undefined } : { prefix: undefined }) }));
const replication = valid(fc.tuple(fc.constantFrom("", "arn:aws:iam::1:role/r"), fc.array(replicationRule, { minLength: 1, maxLength: 4 })), ([role, rules]) => new ReplicationConfig(role, rules));

const arn = (service: string) => fc.constantFrom(`arn:minio:${service}::1:webhook`, `arn:aws:${service}:us-east-1:123:name`);
const target = <C>(make: (arn: string, events: string[], o: object) => C, service: string) => valid(fc.record({
  arn: arn(service), events: fc.uniqueArray(fc.constantFrom("s3:ObjectCreated:*", "s3:ObjectRemoved:Delete", "s3:ObjectAccessed:Get"), { minLength: 1 }),
  configId: opt(trimmed()), prefix: opt(xmlText({ max: 30 })), suffix: opt(xmlText({ max: 30 })),
}), (o) => make(o.arn, o.events, {
  ...(o.configId !== undefined ? { configId: o.configId } : {}),
  ...(o.prefix !== undefined ? { prefixFilterRule: new PrefixFilterRule(o.prefix) } : {}),
  ...(o.suffix !== undefined ? { suffixFilterRule: new SuffixFilterRule(o.suffix) } : {}),
}));
const notification = fc.record({
  queueConfigList: fc.array(target((a, e, o) => new QueueConfig(a, e as never, o), "sqs"), { maxLength: 3 }),
  topicConfigList: fc.array(target((a, e, o) => new TopicConfig(a, e as never, o), "sns"), { maxLength: 3 }),
  cloudFuncConfigList: fc.array(target((a, e, o) => new CloudFuncConfig(a, e as never, o), "lambda"), { maxLength: 3 }),
}).map((o) => new NotificationConfig(o));

const versioning = valid(fc.record({
  status: fc.constantFrom("Enabled" as const, "Suspended" as const), mfaDelete: fc.constantFrom(null, "Enabled" as const, "Disabled" as const),
  excludedPrefixes: fc.array(xmlText({ min: 1, max: 30 }), { maxLength: 5 }), excludeFolders: fc.boolean(),
}), (o) => new VersioningConfig(o.status, o));
const objectLock = fc.oneof(
  fc.constant(new ObjectLockConfig(null, null, null)),
  fc.tuple(fc.constantFrom("GOVERNANCE" as const, "COMPLIANCE" as const), fc.integer({ min: 1, max: 36_500 }), fc.constantFrom("Days" as const, "Years" as const))
    .map(([m, d, u]) => new ObjectLockConfig(m, u === "Years" ? Math.min(d, 100) : d, u)),
);
const retention = fc.tuple(fc.constantFrom("GOVERNANCE" as const, "COMPLIANCE" as const), fc.integer({ min: 60_000, max: 100 * 365 * 86_400_000 }))
  .map(([mode, ahead]) => new Retention(mode, new Date(Date.now() + ahead)));
const encryption = fc.oneof(fc.constant(new SSEConfig(SseRule.newSseS3Rule())), trimmed(60).map((k) => new SSEConfig(SseRule.newSseKmsRule(k))));

describe("tags (bucket and object)", () => {
  parserProperties(codecSubject("Tagging (object)", objectTagsCodec, tagsOf(true)));
  parserProperties(codecSubject("Tagging (bucket)", bucketTagsCodec, tagsOf(false)));
  it(`any key and value, control characters and lone surrogates included: set() refuses typed or the server gets exactly them (${RUNS.roundTrip} runs)`, () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 20, unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }), fc.string({ unit: "binary", maxLength: 20 }), (k, v) => {
      let xml: string;
      try {
        xml = objectTagsCodec.encode({ [k]: v });
      } catch (err) {
        expect(err).toBeInstanceOf(InvalidArgumentError);
        return;
      }
      expect([...objectTagsCodec.decode(xml)]).toStrictEqual([[k, v]]);
    }), { numRuns: RUNS.roundTrip });
  });
});
describe("versioning", () => parserProperties(codecSubject("VersioningConfiguration", versioningCodec, versioning)));
describe("legal hold", () => parserProperties(codecSubject("LegalHold", legalHoldCodec, fc.boolean())));
describe("retention", () => parserProperties(codecSubject("Retention", retentionCodec, retention)));
describe("object lock", () => parserProperties(codecSubject("ObjectLockConfiguration", objectLockCodec, objectLock)));
describe("encryption", () => parserProperties(codecSubject("ServerSideEncryptionConfiguration", encryptionCodec, encryption)));
describe("notification", () => parserProperties(codecSubject("NotificationConfiguration", notificationCodec, notification)));
describe("lifecycle", () => parserProperties(codecSubject("LifecycleConfiguration", lifecycleCodec, lifecycle)));
describe("replication", () => parserProperties(codecSubject("ReplicationConfiguration", replicationCodec, replication)));

describe("policy (JSON, passed through)", () => {
  it(`a random JSON object round-trips unchanged; anything else is refused typed (${RUNS.roundTrip} runs)`, () => {
    fc.assert(fc.property(fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()).map((o) => JSON.stringify(o)), fc.string()), (text) => {
      try {
        expect(policyCodec.decode(policyCodec.encode(text))).toBe(text);
      } catch (err) {
        expect(isTyped(err)).toBe(true);
      }
    }), { numRuns: RUNS.roundTrip });
  });
});
