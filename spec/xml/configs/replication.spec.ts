import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { S3 } from "../../../lib/client.js";
import { InvalidArgumentError, InvalidResponseError } from "../../../lib/errors.js";
import { AndOperator, Filter, Tag } from "../../../lib/model/filter.js";
import {
  AccessControlTranslation, DeleteMarkerReplication, DeleteReplication, Destination, EncryptionConfiguration, EventThreshold,
  ExistingObjectReplication, Metrics, ReplicaModifications, ReplicationConfig, ReplicationRule, ReplicationTime, ReplicationTimeValue,
  SourceSelectionCriteria, SseKmsEncryptedObjects,
} from "../../../lib/model/replication.js";
import { replicationCodec } from "../../../lib/xml/configs/replication.js";
import { testRequest } from "../../support/test-request.js";

const ARN = "arn:minio:replication::5e6b5a4c-0000-4000-8000-1234567890ab:backup";
const dmr = new DeleteMarkerReplication("Enabled");

/** One config using every field the model has. */
function everything(): ReplicationConfig {
  return new ReplicationConfig("arn:aws:iam::123456789012:role/replication", [
    new ReplicationRule(
      new Destination("arn:aws:s3:::backup", {
        account: "123456789012",
        storageClass: "STANDARD_IA",
        accessControlTranslation: new AccessControlTranslation(),
        encryptionConfiguration: new EncryptionConfiguration({ replicaKmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/abc" }),
        replicationTime: new ReplicationTime(new ReplicationTimeValue(15), "Enabled"),
        metrics: new Metrics(new EventThreshold(15), "Enabled"),
      }),
      "Enabled",
      {
        ruleId: "everything",
        priority: 0,
        ruleFilter: new Filter({ andOperator: new AndOperator({ prefix: "docs/", tags: { a: "1", b: "<&>" } }) }),
        deleteMarkerReplication: new DeleteMarkerReplication("Disabled"),
        deleteReplication: new DeleteReplication("Enabled"),
        existingObjectReplication: new ExistingObjectReplication("Enabled"),
        sourceSelectionCriteria: new SourceSelectionCriteria({
          sseKmsEncryptedObjects: new SseKmsEncryptedObjects("Enabled"),
          replicaModifications: new ReplicaModifications("Disabled"),
        }),
      },
    ),
    new ReplicationRule(new Destination(ARN), "Disabled", { priority: 7, ruleFilter: new Filter({ tag: new Tag("k", "v") }), deleteMarkerReplication: new DeleteMarkerReplication() }),
    new ReplicationRule(new Destination(ARN), "Enabled", { priority: 8, ruleFilter: new Filter(), deleteMarkerReplication: dmr }),
    new ReplicationRule(new Destination(ARN), "Enabled", { ruleId: "v1", prefix: "legacy/" }),
    new ReplicationRule(new Destination(ARN, { metrics: new Metrics(new EventThreshold(), "Disabled") }), "Enabled", {
      priority: 9, ruleFilter: new Filter({ prefix: "" }), deleteMarkerReplication: dmr,
      sourceSelectionCriteria: new SourceSelectionCriteria(),
    }),
  ]);
}

describe("replication codec: model → XML → model", () => {
  it("round-trips every field", () => {
    const config = everything();
    expect(replicationCodec.decode(replicationCodec.encode(config))).toStrictEqual(config);
  });

  it("writes the S3 shape: Role, then each rule's ID, Priority, Filter, Status, …, Destination, DeleteMarkerReplication", () => {
    const xml = replicationCodec.encode(new ReplicationConfig("", [
      new ReplicationRule(new Destination(ARN, { storageClass: "STANDARD" }), "Enabled", {
        ruleId: "r1", priority: 1, ruleFilter: new Filter({ prefix: "docs/" }), deleteMarkerReplication: dmr,
        deleteReplication: new DeleteReplication("Enabled"), existingObjectReplication: new ExistingObjectReplication("Enabled"),
      }),
    ]));
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><ReplicationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Role></Role>'
      + "<Rule><ID>r1</ID><Priority>1</Priority><Filter><Prefix>docs/</Prefix></Filter><Status>Enabled</Status>"
      + "<ExistingObjectReplication><Status>Enabled</Status></ExistingObjectReplication>"
      + `<Destination><Bucket>${ARN}</Bucket><StorageClass>STANDARD</StorageClass></Destination>`
      + "<DeleteMarkerReplication><Status>Enabled</Status></DeleteMarkerReplication><DeleteReplication><Status>Enabled</Status></DeleteReplication>"
      + "</Rule></ReplicationConfiguration>",
    );
  });

  it("writes destination extras as AWS documents them", () => {
    const xml = replicationCodec.encode(everything());
    expect(xml).toContain(
      "<Destination><Bucket>arn:aws:s3:::backup</Bucket><Account>123456789012</Account><StorageClass>STANDARD_IA</StorageClass>"
      + "<AccessControlTranslation><Owner>Destination</Owner></AccessControlTranslation>"
      + "<EncryptionConfiguration><ReplicaKmsKeyID>arn:aws:kms:us-east-1:123456789012:key/abc</ReplicaKmsKeyID></EncryptionConfiguration>"
      + "<ReplicationTime><Status>Enabled</Status><Time><Minutes>15</Minutes></Time></ReplicationTime>"
      + "<Metrics><Status>Enabled</Status><EventThreshold><Minutes>15</Minutes></EventThreshold></Metrics></Destination>",
    );
    expect(xml).toContain("<Rule><ID>v1</ID><Prefix>legacy/</Prefix><Status>Enabled</Status>");
  });

  it("is a plain S3 codec: absent on ReplicationConfigurationNotFoundError (get → null), deleted with DELETE", () => {
    expect(replicationCodec.name).toBe("replication");
    expect(replicationCodec.absentCodes).toEqual(["ReplicationConfigurationNotFoundError"]);
    expect(replicationCodec.absent).toBeUndefined();
    expect(replicationCodec.deleteBy).toBe("DELETE");
  });
});

describe("replication codec: requests", () => {
  const s3 = new S3({ endpoint: "http://127.0.0.1:9000", accessKey: "ak", secretKey: "sk" });
  const ref = s3.bucket("src").replication();

  it("set is PUT ?replication with XML and Content-MD5; get is GET, delete is DELETE", () => {
    const req = testRequest(ref.explain("set", everything()), { pathStyle: true });
    expect(req).toMatchObject({ method: "PUT", path: "/src", query: "replication=" });
    expect(req.headers["content-type"]).toBe("application/xml");
    expect(req.headers["content-md5"]).toBe(createHash("md5").update(req.body!).digest("base64"));
    expect(testRequest(ref.explain("get"), { pathStyle: true })).toMatchObject({ method: "GET", query: "replication=" });
    expect(testRequest(ref.explain("delete"), { pathStyle: true })).toMatchObject({ method: "DELETE", query: "replication=" });
  });

  it("set refuses anything but a ReplicationConfig before sending", () => {
    expect(() => ref.explain("set", { role: "", rules: [] } as unknown as ReplicationConfig)).toThrow(InvalidArgumentError);
  });
});

describe("replication codec: decoding server responses", () => {
  it("reads MinIO's shape (defaults filled in, empty Filter prefix, Role last)", () => {
    const xml = "<ReplicationConfiguration><Rule><ID>dc35lq1ksduc8v6jkg90</ID><Status>Enabled</Status><Priority>9</Priority>"
      + "<DeleteMarkerReplication><Status>Enabled</Status></DeleteMarkerReplication><DeleteReplication><Status>Enabled</Status></DeleteReplication>"
      + `<Destination><Bucket>${ARN}</Bucket></Destination>`
      + "<SourceSelectionCriteria><ReplicaModifications><Status>Enabled</Status></ReplicaModifications></SourceSelectionCriteria>"
      + "<Filter><Prefix></Prefix></Filter><ExistingObjectReplication><Status>Enabled</Status></ExistingObjectReplication></Rule><Role></Role></ReplicationConfiguration>";
    expect(replicationCodec.decode(xml)).toStrictEqual(new ReplicationConfig("", [
      new ReplicationRule(new Destination(ARN), "Enabled", {
        ruleId: "dc35lq1ksduc8v6jkg90",
        priority: 9,
        ruleFilter: new Filter({ prefix: "" }),
        deleteMarkerReplication: dmr,
        deleteReplication: new DeleteReplication("Enabled"),
        existingObjectReplication: new ExistingObjectReplication("Enabled"),
        sourceSelectionCriteria: new SourceSelectionCriteria({ replicaModifications: new ReplicaModifications("Enabled") }),
      }),
    ]));
  });

  it("reads AWS's documented shape (namespace, whitespace, V1 prefix rule, RTC and metrics)", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<ReplicationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Role>arn:aws:iam::35667example:role/CrossRegionReplicationRoleForS3</Role>
  <Rule>
    <ID>rule1</ID>
    <Priority>1</Priority>
    <Filter>
      <And>
        <Prefix>TaxDocs</Prefix>
        <Tag><Key>tagA</Key><Value>valueA</Value></Tag>
      </And>
    </Filter>
    <Status>Enabled</Status>
    <DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication>
    <SourceSelectionCriteria>
      <SseKmsEncryptedObjects><Status>Enabled</Status></SseKmsEncryptedObjects>
    </SourceSelectionCriteria>
    <Destination>
      <Bucket>arn:aws:s3:::exampletargetbucket</Bucket>
      <Account>35667example</Account>
      <StorageClass>STANDARD</StorageClass>
      <AccessControlTranslation><Owner>Destination</Owner></AccessControlTranslation>
      <EncryptionConfiguration><ReplicaKmsKeyID>arn:aws:kms:us-west-2:35667example:key/abc</ReplicaKmsKeyID></EncryptionConfiguration>
      <ReplicationTime><Status>Enabled</Status><Time><Minutes>15</Minutes></Time></ReplicationTime>
      <Metrics><Status>Enabled</Status><EventThreshold><Minutes>15</Minutes></EventThreshold></Metrics>
    </Destination>
  </Rule>
  <Rule>
    <ID>v1</ID>
    <Prefix>logs/</Prefix>
    <Status>Enabled</Status>
    <Destination><Bucket>arn:aws:s3:::exampletargetbucket</Bucket></Destination>
  </Rule>
</ReplicationConfiguration>`;
    expect(replicationCodec.decode(xml)).toStrictEqual(new ReplicationConfig("arn:aws:iam::35667example:role/CrossRegionReplicationRoleForS3", [
      new ReplicationRule(
        new Destination("arn:aws:s3:::exampletargetbucket", {
          account: "35667example",
          storageClass: "STANDARD",
          accessControlTranslation: new AccessControlTranslation("Destination"),
          encryptionConfiguration: new EncryptionConfiguration({ replicaKmsKeyId: "arn:aws:kms:us-west-2:35667example:key/abc" }),
          replicationTime: new ReplicationTime(new ReplicationTimeValue(15), "Enabled"),
          metrics: new Metrics(new EventThreshold(15), "Enabled"),
        }),
        "Enabled",
        {
          ruleId: "rule1",
          priority: 1,
          ruleFilter: new Filter({ andOperator: new AndOperator({ prefix: "TaxDocs", tags: { tagA: "valueA" } }) }),
          deleteMarkerReplication: new DeleteMarkerReplication("Disabled"),
          sourceSelectionCriteria: new SourceSelectionCriteria({ sseKmsEncryptedObjects: new SseKmsEncryptedObjects("Enabled") }),
        },
      ),
      new ReplicationRule(new Destination("arn:aws:s3:::exampletargetbucket"), "Enabled", { ruleId: "v1", prefix: "logs/" }),
    ]));
  });

  it("refuses other roots, malformed XML, rules without a destination, bad numbers and statuses", () => {
    const rule = (inner: string) => `<ReplicationConfiguration><Role></Role><Rule><Status>Enabled</Status>${inner}</Rule></ReplicationConfiguration>`;
    const dest = `<Destination><Bucket>${ARN}</Bucket></Destination>`;
    const filter = "<Filter><Prefix>a</Prefix></Filter><DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication>";
    expect(() => replicationCodec.decode("<LifecycleConfiguration/>")).toThrow(InvalidResponseError);
    expect(() => replicationCodec.decode("<ReplicationConfiguration><Rule>")).toThrow(InvalidResponseError);
    expect(() => replicationCodec.decode("<ReplicationConfiguration><Role/></ReplicationConfiguration>")).toThrow(InvalidResponseError);
    expect(() => replicationCodec.decode(rule(filter))).toThrow(/Destination/);
    expect(() => replicationCodec.decode(rule(filter + dest + "<Priority>high</Priority>"))).toThrow(InvalidResponseError);
    expect(() => replicationCodec.decode(rule(filter + dest + "<DeleteReplication><Status>On</Status></DeleteReplication>"))).toThrow(InvalidResponseError);
    expect(replicationCodec.decode(rule(filter + dest)).rules[0].ruleFilter).toStrictEqual(new Filter({ prefix: "a" }));
  });
});

describe("replication models: validation (InvalidArgumentError before any request)", () => {
  const dest = new Destination(ARN);
  const base = { ruleFilter: new Filter({ prefix: "p/" }), deleteMarkerReplication: dmr };

  it("priority must be an integer ≥ 0, and distinct within a configuration", () => {
    for (const priority of [1.5, -1, Number.NaN, Infinity, "1" as unknown as number]) {
      expect(() => new ReplicationRule(dest, "Enabled", { ...base, priority })).toThrow(/priority/);
    }
    const rule = (priority: number) => new ReplicationRule(dest, "Enabled", { ...base, priority });
    expect(() => new ReplicationConfig("", [rule(1), rule(1)])).toThrow(/used twice/);
    expect(new ReplicationConfig("", [rule(0), rule(1)]).rules).toHaveLength(2);
  });

  it("a rule needs a filter (or the legacy prefix), not both; with a filter, delete-marker replication (S3 requires it)", () => {
    expect(() => new ReplicationRule(dest, "Enabled", {})).toThrow(/ruleFilter/);
    expect(() => new ReplicationRule(dest, "Enabled", { ...base, prefix: "p/" })).toThrow(/exactly one/);
    expect(() => new ReplicationRule(dest, "Enabled", { ruleFilter: new Filter() })).toThrow(/deleteMarkerReplication/);
    expect(new ReplicationRule(dest, "Enabled", { prefix: "" }).prefix).toBe("");
  });

  it("refuses what S3 refuses in filters: size bounds, delete-marker replication with tags, several predicates", () => {
    expect(() => new ReplicationRule(dest, "Enabled", { ruleFilter: new Filter({ objectSizeLessThan: 10 }), deleteMarkerReplication: dmr })).toThrow(/size/);
    expect(() => new ReplicationRule(dest, "Enabled", { ruleFilter: new Filter({ tag: new Tag("k", "v") }), deleteMarkerReplication: dmr })).toThrow(/tags/);
    const andTags = new Filter({ andOperator: new AndOperator({ prefix: "a", tags: { k: "v" } }) });
    expect(() => new ReplicationRule(dest, "Enabled", { ruleFilter: andTags, deleteMarkerReplication: dmr })).toThrow(/tags/);
    expect(new ReplicationRule(dest, "Enabled", { ruleFilter: andTags, deleteMarkerReplication: new DeleteMarkerReplication() }).ruleFilter).toBe(andTags);
    expect(() => new Filter({ prefix: "a", tag: new Tag("k", "v") })).toThrow(/only one/);
  });

  it("statuses, IDs, destinations and sub-settings are checked", () => {
    expect(() => new ReplicationRule(dest, "On" as "Enabled", base)).toThrow(InvalidArgumentError);
    expect(() => new ReplicationRule(dest, "Enabled", { ...base, ruleId: "x".repeat(256) })).toThrow(/255/);
    expect(() => new ReplicationRule("arn" as unknown as Destination, "Enabled", base)).toThrow(/Destination/);
    expect(() => new ReplicationRule(dest, "Enabled", { ...base, deleteReplication: { status: "Enabled" } as DeleteReplication })).toThrow(InvalidArgumentError);
    expect(() => new Destination("")).toThrow(InvalidArgumentError);
    expect(() => new Destination(ARN, { storageClass: "" })).toThrow(InvalidArgumentError);
    expect(() => new Destination(ARN, { metrics: new ReplicationTime(new ReplicationTimeValue(), "Enabled") as unknown as Metrics })).toThrow(InvalidArgumentError);
    expect(() => new DeleteMarkerReplication("yes" as "Enabled")).toThrow(InvalidArgumentError);
    expect(new DeleteMarkerReplication().status).toBe("Disabled");
    expect(() => new ReplicationTimeValue(-1)).toThrow(InvalidArgumentError);
    expect(() => new ReplicationTimeValue(1.5)).toThrow(InvalidArgumentError);
    expect(new ReplicationTimeValue().minutes).toBe(15);
    expect(() => new Metrics(new ReplicationTimeValue(15) as EventThreshold, "Enabled")).toThrow(/EventThreshold/);
    expect(() => new ReplicationTime(15 as unknown as ReplicationTimeValue, "Enabled")).toThrow(InvalidArgumentError);
    expect(() => new EncryptionConfiguration({ replicaKmsKeyId: "" })).toThrow(InvalidArgumentError);
  });

  it("a ReplicationConfig has a string role and 1..1000 rules with distinct IDs", () => {
    const rule = (ruleId?: string) => new ReplicationRule(dest, "Enabled", { ...base, ruleId });
    expect(() => new ReplicationConfig("", [])).toThrow(InvalidArgumentError);
    expect(() => new ReplicationConfig(undefined as unknown as string, [rule()])).toThrow(/role/);
    expect(() => new ReplicationConfig("", Array.from({ length: 1001 }, () => rule()))).toThrow(/1000/);
    expect(() => new ReplicationConfig("", [rule("a"), rule("a")])).toThrow(/used twice/);
    expect(() => new ReplicationConfig("", [{} as ReplicationRule])).toThrow(InvalidArgumentError);
  });

  it("models are immutable", () => {
    const config = everything();
    for (const o of [config, config.rules, config.rules[0], config.rules[0].destination, config.rules[0].destination.metrics,
      config.rules[0].destination.metrics!.eventThreshold, config.rules[0].destination.replicationTime!.time, config.rules[0].sourceSelectionCriteria]) {
      expect(Object.isFrozen(o)).toBe(true);
    }
  });
});
