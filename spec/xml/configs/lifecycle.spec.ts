import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { S3 } from "../../../lib/client.js";
import { InvalidArgumentError, InvalidResponseError } from "../../../lib/errors.js";
import { AndOperator, Filter, Tag } from "../../../lib/model/filter.js";
import {
  AbortIncompleteMultipartUpload, DelMarkerExpiration, Expiration, LifecycleConfig, LifecycleRule, NoncurrentVersionExpiration,
  NoncurrentVersionTransition, Transition,
} from "../../../lib/model/lifecycle.js";
import { Tags } from "../../../lib/model/tags.js";
import { lifecycleCodec } from "../../../lib/xml/configs/lifecycle.js";
import { testRequest } from "../../support/test-request.js";

const midnight = new Date("2030-06-01T00:00:00Z");

/** One config using every field the model has. */
function everything(): LifecycleConfig {
  return new LifecycleConfig([
    new LifecycleRule("Enabled", {
      ruleId: "all-actions",
      ruleFilter: new Filter({ prefix: "logs/" }),
      expiration: new Expiration({ days: 30, expiredObjectAllVersions: true }),
      transition: new Transition({ days: 0, storageClass: "WARM" }),
      noncurrentVersionExpiration: new NoncurrentVersionExpiration({ noncurrentDays: 7, newerNoncurrentVersions: 2 }),
      noncurrentVersionTransition: new NoncurrentVersionTransition({ noncurrentDays: 3, storageClass: "COLD", newerNoncurrentVersions: 5 }),
      abortIncompleteMultipartUpload: new AbortIncompleteMultipartUpload({ daysAfterInitiation: 1 }),
      delMarkerExpiration: new DelMarkerExpiration(9),
    }),
    new LifecycleRule("Disabled", {
      ruleId: "dates",
      ruleFilter: new Filter({ tag: new Tag("class", "a<&>\"'b") }),
      expiration: new Expiration({ date: midnight }),
      transition: new Transition({ date: new Date("2029-01-01T00:00:00Z"), storageClass: "GLACIER" }),
    }),
    new LifecycleRule("Enabled", {
      ruleFilter: new Filter({
        andOperator: new AndOperator({ prefix: "docs/", tags: { team: "x", tier: "" }, objectSizeGreaterThan: 0, objectSizeLessThan: 10_000 }),
      }),
      expiration: new Expiration({ expiredObjectDeleteMarker: true }),
    }),
    new LifecycleRule("Enabled", { ruleFilter: new Filter(), expiration: new Expiration({ expiredObjectDeleteMarker: false }) }),
    new LifecycleRule("Enabled", { ruleFilter: new Filter({ prefix: "" }), noncurrentVersionExpiration: new NoncurrentVersionExpiration({ newerNoncurrentVersions: 1 }) }),
    new LifecycleRule("Enabled", { ruleFilter: new Filter({ objectSizeGreaterThan: 1 << 20 }), expiration: new Expiration({ days: 1 }) }),
    new LifecycleRule("Enabled", { ruleFilter: new Filter({ objectSizeLessThan: 100 }), noncurrentVersionTransition: new NoncurrentVersionTransition({ storageClass: "T" }) }),
  ]);
}

describe("lifecycle codec: model → XML → model", () => {
  it("round-trips every field", () => {
    const config = everything();
    expect(lifecycleCodec.decode(lifecycleCodec.encode(config))).toStrictEqual(config);
  });

  it("writes the S3 shape: namespace, ID, Filter, Status, actions; dates at midnight UTC", () => {
    const xml = lifecycleCodec.encode(new LifecycleConfig([
      new LifecycleRule("Enabled", { ruleFilter: new Filter({ prefix: "logs/" }), ruleId: "r1", expiration: new Expiration({ days: 1 }) }),
      new LifecycleRule("Enabled", {
        ruleFilter: new Filter({ andOperator: new AndOperator({ prefix: "p/", tags: new Tags(false, { k: "v" }) }) }),
        expiration: new Expiration({ date: midnight }),
        abortIncompleteMultipartUpload: new AbortIncompleteMultipartUpload({ daysAfterInitiation: 2 }),
      }),
    ]));
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
      + "<Rule><ID>r1</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>"
      + "<Rule><Filter><And><Prefix>p/</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></And></Filter><Status>Enabled</Status>"
      + "<Expiration><Date>2030-06-01T00:00:00.000Z</Date></Expiration>"
      + "<AbortIncompleteMultipartUpload><DaysAfterInitiation>2</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>"
      + "</LifecycleConfiguration>",
    );
  });

  it("escapes XML metacharacters in prefixes and tags", () => {
    const xml = lifecycleCodec.encode(new LifecycleConfig([
      new LifecycleRule("Enabled", { ruleFilter: new Filter({ prefix: "a&b<c>/" }), expiration: new Expiration({ days: 1 }) }),
    ]));
    expect(xml).toContain("<Prefix>a&amp;b&lt;c&gt;/</Prefix>");
    expect(lifecycleCodec.decode(xml).rules[0].ruleFilter.prefix).toBe("a&b<c>/");
  });

  it("is a plain S3 codec: absent on NoSuchLifecycleConfiguration (get → null), deleted with DELETE", () => {
    expect(lifecycleCodec.name).toBe("lifecycle");
    expect(lifecycleCodec.absentCodes).toEqual(["NoSuchLifecycleConfiguration"]);
    expect(lifecycleCodec.absent).toBeUndefined();
    expect(lifecycleCodec.deleteBy).toBe("DELETE");
  });
});

describe("lifecycle codec: requests", () => {
  const s3 = new S3({ endpoint: "http://127.0.0.1:9000", accessKey: "ak", secretKey: "sk" });
  const ref = s3.bucket("logs").lifecycle();

  it("set is PUT ?lifecycle with XML and Content-MD5", () => {
    const config = everything();
    const req = testRequest(ref.explain("set", config), { pathStyle: true });
    expect(req).toMatchObject({ method: "PUT", path: "/logs", query: "lifecycle=" });
    expect(req.headers["content-type"]).toBe("application/xml");
    expect(req.headers["content-md5"]).toBe(createHash("md5").update(req.body!).digest("base64"));
    expect(lifecycleCodec.decode(req.body!)).toStrictEqual(config);
  });

  it("get is GET ?lifecycle, delete is DELETE ?lifecycle", () => {
    expect(testRequest(ref.explain("get"), { pathStyle: true })).toMatchObject({ method: "GET", path: "/logs", query: "lifecycle=" });
    expect(testRequest(ref.explain("delete"), { pathStyle: true })).toMatchObject({ method: "DELETE", path: "/logs", query: "lifecycle=" });
  });

  it("set refuses anything but a LifecycleConfig before sending", () => {
    expect(() => ref.explain("set", { rules: [] } as unknown as LifecycleConfig)).toThrow(InvalidArgumentError);
  });
});

describe("lifecycle codec: decoding server responses", () => {
  it("reads AWS's documented shape (namespace, whitespace, legacy Prefix, transitions)", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Rule>
    <ID>id1</ID>
    <Filter>
      <And>
        <Prefix>documents/</Prefix>
        <Tag><Key>key1</Key><Value>value1</Value></Tag>
        <Tag><Key>key2</Key><Value>value2</Value></Tag>
      </And>
    </Filter>
    <Status>Enabled</Status>
    <Transition>
      <Days>30</Days>
      <StorageClass>GLACIER</StorageClass>
    </Transition>
    <Expiration>
      <Days>365</Days>
    </Expiration>
  </Rule>
  <Rule>
    <ID>legacy</ID>
    <Prefix>logs/</Prefix>
    <Status>Disabled</Status>
    <NoncurrentVersionTransition>
      <NoncurrentDays>10</NoncurrentDays>
      <StorageClass>STANDARD_IA</StorageClass>
    </NoncurrentVersionTransition>
    <AbortIncompleteMultipartUpload>
      <DaysAfterInitiation>7</DaysAfterInitiation>
    </AbortIncompleteMultipartUpload>
  </Rule>
  <Rule>
    <ID>sized</ID>
    <Filter><ObjectSizeGreaterThan>500</ObjectSizeGreaterThan></Filter>
    <Status>Enabled</Status>
    <Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>
  </Rule>
</LifecycleConfiguration>`;
    expect(lifecycleCodec.decode(xml)).toStrictEqual(new LifecycleConfig([
      new LifecycleRule("Enabled", {
        ruleId: "id1",
        ruleFilter: new Filter({ andOperator: new AndOperator({ prefix: "documents/", tags: { key1: "value1", key2: "value2" } }) }),
        transition: new Transition({ days: 30, storageClass: "GLACIER" }),
        expiration: new Expiration({ days: 365 }),
      }),
      new LifecycleRule("Disabled", {
        ruleId: "legacy",
        ruleFilter: new Filter({ prefix: "logs/" }),
        noncurrentVersionTransition: new NoncurrentVersionTransition({ noncurrentDays: 10, storageClass: "STANDARD_IA" }),
        abortIncompleteMultipartUpload: new AbortIncompleteMultipartUpload({ daysAfterInitiation: 7 }),
      }),
      new LifecycleRule("Enabled", {
        ruleId: "sized",
        ruleFilter: new Filter({ objectSizeGreaterThan: 500 }),
        expiration: new Expiration({ expiredObjectDeleteMarker: true }),
      }),
    ]));
  });

  it("reads MinIO's shape (no namespace, empty Filter, generated IDs, dates without millis, MaxNoncurrentVersions)", () => {
    const xml = "<LifecycleConfiguration><Rule><ID>r1</ID><Status>Enabled</Status><Filter><And><Prefix>docs/</Prefix>"
      + "<Tag><Key>team</Key><Value>a</Value></Tag><Tag><Key>tier</Key><Value>cold</Value></Tag></And></Filter>"
      + "<NoncurrentVersionExpiration><NoncurrentDays>7</NoncurrentDays><MaxNoncurrentVersions>3</MaxNoncurrentVersions></NoncurrentVersionExpiration></Rule>"
      + "<Rule><ID>b4fc4108-03b6-4f3f-a63f-652023ce5c28</ID><Status>Enabled</Status><Filter></Filter>"
      + "<Expiration><Date>2031-03-01T00:00:00Z</Date></Expiration></Rule>"
      + "<Rule><ID>x</ID><Status>Enabled</Status><Filter><Prefix>old/</Prefix></Filter><DelMarkerExpiration><Days>4</Days></DelMarkerExpiration></Rule>"
      + "</LifecycleConfiguration>";
    const config = lifecycleCodec.decode(xml);
    expect(config).toStrictEqual(new LifecycleConfig([
      new LifecycleRule("Enabled", {
        ruleId: "r1",
        ruleFilter: new Filter({ andOperator: new AndOperator({ prefix: "docs/", tags: { team: "a", tier: "cold" } }) }),
        noncurrentVersionExpiration: new NoncurrentVersionExpiration({ noncurrentDays: 7, newerNoncurrentVersions: 3 }),
      }),
      new LifecycleRule("Enabled", {
        ruleId: "b4fc4108-03b6-4f3f-a63f-652023ce5c28",
        ruleFilter: new Filter(),
        expiration: new Expiration({ date: new Date("2031-03-01T00:00:00Z") }),
      }),
      new LifecycleRule("Enabled", { ruleId: "x", ruleFilter: new Filter({ prefix: "old/" }), delMarkerExpiration: new DelMarkerExpiration(4) }),
    ]));
    expect(config.rules[0].ruleFilter.andOperator!.tags).toBeInstanceOf(Tags);
    expect(config.rules[1].expiration!.date).toBeInstanceOf(Date);
  });

  it("refuses other roots, malformed XML, bad numbers, booleans and dates", () => {
    const rule = (inner: string) => `<LifecycleConfiguration><Rule><Status>Enabled</Status><Filter/>${inner}</Rule></LifecycleConfiguration>`;
    expect(() => lifecycleCodec.decode("<ReplicationConfiguration/>")).toThrow(InvalidResponseError);
    expect(() => lifecycleCodec.decode("<LifecycleConfiguration><Rule>")).toThrow(InvalidResponseError);
    expect(() => lifecycleCodec.decode(rule("<Expiration><Days>ten</Days></Expiration>"))).toThrow(InvalidResponseError);
    expect(() => lifecycleCodec.decode(rule("<Expiration><Days>1.5</Days></Expiration>"))).toThrow(InvalidResponseError);
    expect(() => lifecycleCodec.decode(rule("<Expiration><ExpiredObjectDeleteMarker>yes</ExpiredObjectDeleteMarker></Expiration>"))).toThrow(InvalidResponseError);
    expect(() => lifecycleCodec.decode(rule("<Expiration><Date>soon</Date></Expiration>"))).toThrow(InvalidResponseError);
  });

  it("turns content S3 would refuse into InvalidResponseError, not InvalidArgumentError", () => {
    const err = (xml: string) => {
      try {
        lifecycleCodec.decode(xml);
      } catch (e) {
        return e;
      }
      return undefined;
    };
    expect(err("<LifecycleConfiguration/>")).toBeInstanceOf(InvalidResponseError);
    expect(err("<LifecycleConfiguration><Rule><Status>Enabled</Status><Filter/></Rule></LifecycleConfiguration>")).toBeInstanceOf(InvalidResponseError);
    expect(err("<LifecycleConfiguration><Rule><Status>On</Status><Filter/><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>"))
      .toBeInstanceOf(InvalidResponseError);
  });
});

describe("lifecycle models: validation (InvalidArgumentError before any request)", () => {
  const filter = new Filter({ prefix: "p/" });
  const expiration = new Expiration({ days: 1 });

  it("Expiration takes exactly one of days, date, expiredObjectDeleteMarker", () => {
    expect(() => new Expiration({ days: 1, date: midnight })).toThrow(InvalidArgumentError);
    expect(() => new Expiration({ days: 1, expiredObjectDeleteMarker: true })).toThrow(InvalidArgumentError);
    expect(() => new Expiration({ date: midnight, expiredObjectDeleteMarker: true })).toThrow(InvalidArgumentError);
    expect(() => new Expiration()).toThrow(/exactly one/);
    expect(() => new Expiration({ expiredObjectDeleteMarker: true, expiredObjectAllVersions: true })).toThrow(InvalidArgumentError);
  });

  it("Expiration days are positive integers and dates are midnight UTC", () => {
    for (const days of [0, -1, 1.5, Number.NaN, "3" as unknown as number]) expect(() => new Expiration({ days })).toThrow(InvalidArgumentError);
    expect(() => new Expiration({ date: new Date("2030-06-01T00:00:01Z") })).toThrow(/midnight UTC/);
    expect(() => new Expiration({ date: new Date("2030-06-01T00:00:00+02:00") })).toThrow(/midnight UTC/);
    expect(() => new Expiration({ date: new Date("nope") })).toThrow(InvalidArgumentError);
    expect(() => new Expiration({ date: "2030-06-01" as unknown as Date })).toThrow(InvalidArgumentError);
  });

  it("Transition needs exactly one of days/date and a storage class; noncurrent actions need their fields", () => {
    expect(() => new Transition({ storageClass: "GLACIER" })).toThrow(InvalidArgumentError);
    expect(() => new Transition({ days: 1, date: midnight, storageClass: "GLACIER" })).toThrow(InvalidArgumentError);
    expect(() => new Transition({ days: 1 })).toThrow(/storageClass/);
    expect(() => new NoncurrentVersionTransition({ noncurrentDays: 1 })).toThrow(/storageClass/);
    expect(() => new NoncurrentVersionExpiration()).toThrow(InvalidArgumentError);
    expect(() => new NoncurrentVersionExpiration({ noncurrentDays: 0 })).toThrow(InvalidArgumentError);
    expect(() => new AbortIncompleteMultipartUpload()).toThrow(InvalidArgumentError);
    expect(() => new DelMarkerExpiration(0)).toThrow(InvalidArgumentError);
  });

  it("a rule needs a filter (S3 does), a valid status and ID, and at least one action", () => {
    expect(() => new LifecycleRule("Enabled", { expiration })).toThrow(/ruleFilter/);
    expect(() => new LifecycleRule("Enabled", { ruleFilter: filter })).toThrow(/at least one action/);
    expect(() => new LifecycleRule("enabled" as "Enabled", { ruleFilter: filter, expiration })).toThrow(InvalidArgumentError);
    expect(() => new LifecycleRule("Enabled", { ruleFilter: filter, expiration, ruleId: "x".repeat(256) })).toThrow(/255/);
    expect(() => new LifecycleRule("Enabled", { ruleFilter: filter, expiration, ruleId: "  " })).toThrow(InvalidArgumentError);
    expect(new LifecycleRule("Enabled", { ruleFilter: filter, expiration, ruleId: " r1 " }).ruleId).toBe("r1");
    expect(() => new LifecycleRule("Enabled", { ruleFilter: filter, expiration: { days: 1 } as Expiration })).toThrow(InvalidArgumentError);
    expect(() => new LifecycleRule("Enabled", { ruleFilter: new Filter({ tag: new Tag("k", "v") }), delMarkerExpiration: new DelMarkerExpiration(1) }))
      .toThrow(/tags/);
  });

  it("a Filter takes at most one predicate; an AndOperator at least two", () => {
    expect(() => new Filter({ prefix: "a", tag: new Tag("k", "v") })).toThrow(/only one/);
    expect(() => new Filter({ prefix: "a", andOperator: new AndOperator({ prefix: "b", tags: { k: "v" } }) })).toThrow(InvalidArgumentError);
    expect(() => new Filter({ tag: new Tag("k", "v"), objectSizeLessThan: 5 })).toThrow(InvalidArgumentError);
    expect(() => new AndOperator({ prefix: "only" })).toThrow(/at least two/);
    expect(() => new AndOperator({ tags: { k: "v" } })).toThrow(/at least two/);
    expect(() => new AndOperator()).toThrow(InvalidArgumentError);
    expect(new AndOperator({ tags: { a: "1", b: "2" } }).tags.size).toBe(2);
    expect(() => new Tag("", "v")).toThrow(InvalidArgumentError);
    expect(() => new Tag("k".repeat(129), "v")).toThrow(InvalidArgumentError);
    expect(() => new Tag("k", "v".repeat(257))).toThrow(InvalidArgumentError);
    expect(() => new Filter({ objectSizeLessThan: 0 })).toThrow(InvalidArgumentError);
    expect(() => new Filter({ tag: { key: "k", value: "v" } as Tag })).toThrow(InvalidArgumentError);
  });

  it("a LifecycleConfig has 1..1000 rules with distinct IDs", () => {
    const rule = (ruleId?: string) => new LifecycleRule("Enabled", { ruleFilter: filter, expiration, ruleId });
    expect(() => new LifecycleConfig([])).toThrow(InvalidArgumentError);
    expect(() => new LifecycleConfig(Array.from({ length: 1001 }, () => rule()))).toThrow(/1000/);
    expect(() => new LifecycleConfig([rule("a"), rule("a")])).toThrow(/twice/);
    expect(new LifecycleConfig([rule(), rule()]).rules).toHaveLength(2);
  });

  it("models are immutable", () => {
    const config = everything();
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.rules)).toBe(true);
    expect(Object.isFrozen(config.rules[0])).toBe(true);
    expect(Object.isFrozen(config.rules[0].expiration)).toBe(true);
    const date = new Date(midnight);
    const exp = new Expiration({ date });
    date.setUTCDate(5);
    expect(exp.date).toEqual(midnight);
  });
});
