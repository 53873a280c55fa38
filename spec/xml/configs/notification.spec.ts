import { describe, expect, it } from "vitest";
import { InvalidArgumentError, InvalidResponseError } from "../../../lib/errors.js";
import { S3 } from "../../../lib/index.js";
import {
  CloudFuncConfig, NotificationConfig, PrefixFilterRule, QueueConfig, SuffixFilterRule, TopicConfig,
} from "../../../lib/model/notification.js";
import { notificationCodec as codec } from "../../../lib/xml/configs/notification.js";
import { testRequest } from "../../support/test-request.js";

const QUEUE = "arn:minio:sqs::1:webhook";
const TOPIC = "arn:aws:sns:us-east-1:123456789012:uploads";
const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:thumbs";
const XMLNS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
const EMPTY = `<?xml version="1.0" encoding="UTF-8"?><NotificationConfiguration ${XMLNS}/>`;

function full(): NotificationConfig {
  return new NotificationConfig({
    queueConfigList: [
      new QueueConfig(QUEUE, ["s3:ObjectCreated:*"], {
        configId: "uploads", prefixFilterRule: new PrefixFilterRule("in/"), suffixFilterRule: new SuffixFilterRule(".txt"),
      }),
      new QueueConfig(QUEUE, ["s3:ObjectRemoved:Delete", "s3:ObjectAccessed:Get"]),
    ],
    topicConfigList: [new TopicConfig(TOPIC, ["s3:ObjectCreated:Put"], { configId: "t & <1>", suffixFilterRule: new SuffixFilterRule(".jpg") })],
    cloudFuncConfigList: [new CloudFuncConfig(LAMBDA, ["s3:ObjectCreated:Copy"], { prefixFilterRule: new PrefixFilterRule("") })],
  });
}

describe("notificationCodec.encode", () => {
  it("writes ids, ARNs, events and S3Key filter rules", () => {
    const one = new NotificationConfig({
      queueConfigList: [new QueueConfig(QUEUE, ["s3:ObjectCreated:*"], {
        configId: "c1", prefixFilterRule: new PrefixFilterRule("in/"), suffixFilterRule: new SuffixFilterRule(".txt"),
      })],
    });
    expect(codec.encode(one)).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><NotificationConfiguration ${XMLNS}><QueueConfiguration><Id>c1</Id>` +
        `<Queue>${QUEUE}</Queue><Event>s3:ObjectCreated:*</Event><Filter><S3Key>` +
        "<FilterRule><Name>prefix</Name><Value>in/</Value></FilterRule><FilterRule><Name>suffix</Name><Value>.txt</Value></FilterRule>" +
        "</S3Key></Filter></QueueConfiguration></NotificationConfiguration>",
    );
  });

  it("writes every kind under its own element, and no Id or Filter when not given", () => {
    const xml = codec.encode(full());
    expect(xml).toContain(`<QueueConfiguration><Queue>${QUEUE}</Queue><Event>s3:ObjectRemoved:Delete</Event><Event>s3:ObjectAccessed:Get</Event></QueueConfiguration>`);
    expect(xml).toContain(`<TopicConfiguration><Id>t &amp; &lt;1&gt;</Id><Topic>${TOPIC}</Topic>`);
    expect(xml).toContain(`<CloudFunctionConfiguration><CloudFunction>${LAMBDA}</CloudFunction>`);
  });

  it("round-trips all three kinds with their filters and ids", () => {
    const config = full();
    const back = codec.decode(codec.encode(config));
    expect(back).toStrictEqual(config);
    expect(back.queueConfigList[0]).toBeInstanceOf(QueueConfig);
    expect(back.queueConfigList[0]!.prefixFilterRule).toBeInstanceOf(PrefixFilterRule);
    expect(back.topicConfigList[0]!.topic).toBe(TOPIC);
    expect(back.cloudFuncConfigList[0]!.cloudFunc).toBe(LAMBDA);
    expect(back.cloudFuncConfigList[0]!.prefixFilterRule?.value).toBe("");
  });

  it("an empty config is the delete body and the absent value", () => {
    expect(codec.encode(new NotificationConfig())).toBe(EMPTY);
    expect(codec.deleteBy).not.toBe("DELETE");
    expect(typeof codec.deleteBy === "object" && codec.deleteBy.put()).toBe(EMPTY);
    expect(codec.absent?.().isEmpty).toBe(true);
  });

  it("delete() is a PUT of the empty configuration", () => {
    const s3 = new S3({ endpoint: "http://127.0.0.1:9000", accessKey: "AKIAEXAMPLE", secretKey: "secret" });
    const req = testRequest(s3.bucket("photos").notification().explain("delete"), { pathStyle: true });
    expect(req).toMatchObject({ method: "PUT", path: "/photos", query: "notification=", body: EMPTY });
  });
});

describe("notificationCodec.decode", () => {
  it("reads MinIO's answer", () => {
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?>\n<NotificationConfiguration ${XMLNS}><QueueConfiguration><Id>1</Id>` +
      "<Filter><S3Key><FilterRule><Name>prefix</Name><Value>in/</Value></FilterRule><FilterRule><Name>suffix</Name><Value>.txt</Value></FilterRule></S3Key></Filter>" +
      `<Queue>${QUEUE}</Queue><Event>s3:ObjectCreated:*</Event></QueueConfiguration></NotificationConfiguration>`;
    const config = codec.decode(xml);
    expect(config.queueConfigList).toHaveLength(1);
    const q = config.queueConfigList[0]!;
    expect([q.queue, q.configId, q.events, q.prefixFilterRule?.value, q.suffixFilterRule?.value]).toStrictEqual([QUEUE, "1", ["s3:ObjectCreated:*"], "in/", ".txt"]);
    expect(config.topicConfigList).toEqual([]);
    expect(config.cloudFuncConfigList).toEqual([]);
  });

  it("reads AWS's pretty-printed answer with capitalised rule names and ignores EventBridge", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<NotificationConfiguration ${XMLNS}>
  <TopicConfiguration>
    <Id>NzA2</Id>
    <Topic>${TOPIC}</Topic>
    <Event>s3:ObjectCreated:Put</Event>
    <Event>s3:ObjectRemoved:*</Event>
    <Filter>
      <S3Key>
        <FilterRule><Name>Suffix</Name><Value>.jpg</Value></FilterRule>
        <FilterRule><Name>Prefix</Name><Value> images/</Value></FilterRule>
      </S3Key>
    </Filter>
  </TopicConfiguration>
  <CloudFunctionConfiguration>
    <Id>fn</Id>
    <CloudFunction>${LAMBDA}</CloudFunction>
    <Event>s3:ObjectCreated:*</Event>
  </CloudFunctionConfiguration>
  <EventBridgeConfiguration></EventBridgeConfiguration>
</NotificationConfiguration>`;
    const config = codec.decode(xml);
    const t = config.topicConfigList[0]!;
    expect([t.configId, t.arn, t.events]).toStrictEqual(["NzA2", TOPIC, ["s3:ObjectCreated:Put", "s3:ObjectRemoved:*"]]);
    expect(t.prefixFilterRule).toStrictEqual(new PrefixFilterRule(" images/"));
    expect(t.suffixFilterRule).toStrictEqual(new SuffixFilterRule(".jpg"));
    expect(config.cloudFuncConfigList[0]).toStrictEqual(new CloudFuncConfig(LAMBDA, ["s3:ObjectCreated:*"], { configId: "fn" }));
    expect(config.queueConfigList).toEqual([]);
  });

  it("reads an empty configuration (and an empty body) as an empty config", () => {
    expect(codec.decode(`<NotificationConfiguration ${XMLNS}></NotificationConfiguration>`)).toStrictEqual(new NotificationConfig());
    expect(codec.decode(EMPTY).isEmpty).toBe(true);
    expect(codec.decode("").isEmpty).toBe(true);
  });

  it("refuses bodies S3 does not send with InvalidResponseError", () => {
    const wrap = (inner: string) => `<NotificationConfiguration><QueueConfiguration>${inner}</QueueConfiguration></NotificationConfiguration>`;
    const rule = (name: string, value: string) => `<FilterRule><Name>${name}</Name><Value>${value}</Value></FilterRule>`;
    const event = "<Event>s3:ObjectCreated:*</Event>";
    for (const body of [
      "<VersioningConfiguration/>",
      "<NotificationConfiguration><QueueConfiguration>",
      wrap(event), // no <Queue>
      wrap(`<Queue>${QUEUE}</Queue>`), // no events
      wrap(`<Queue>${TOPIC}</Queue>${event}`), // an SNS ARN as a queue
      wrap(`<Queue>${QUEUE}</Queue>${event}<Filter><S3Key>${rule("prefix", "a")}${rule("prefix", "b")}</S3Key></Filter>`),
      wrap(`<Queue>${QUEUE}</Queue>${event}<Filter><S3Key>${rule("infix", "a")}</S3Key></Filter>`),
    ]) {
      expect(() => codec.decode(body), body).toThrow(InvalidResponseError);
    }
  });
});

describe("notification model validation", () => {
  it("refuses empty events", () => {
    expect(() => new QueueConfig(QUEUE, [])).toThrow(InvalidArgumentError);
    expect(() => new QueueConfig(QUEUE, [""])).toThrow(/non-empty/);
    expect(() => new TopicConfig(TOPIC, undefined as unknown as string[])).toThrow(InvalidArgumentError);
  });

  it("refuses an ARN of the wrong type or shape", () => {
    expect(() => new QueueConfig(TOPIC, ["s3:ObjectCreated:*"])).toThrow(/service sqs/);
    expect(() => new TopicConfig(QUEUE, ["s3:ObjectCreated:*"])).toThrow(/service sns/);
    expect(() => new CloudFuncConfig(QUEUE, ["s3:ObjectCreated:*"])).toThrow(/service lambda/);
    for (const arn of ["webhook", "arn:minio:sqs::1", "arn:minio:sqs::1:", "", 42 as unknown as string]) {
      expect(() => new QueueConfig(arn, ["s3:ObjectCreated:*"]), String(arn)).toThrow(InvalidArgumentError);
    }
  });

  it("refuses two prefix (or two suffix) rules and non-rules", () => {
    const ev = ["s3:ObjectCreated:*"];
    const asSuffix = new PrefixFilterRule("b/") as unknown as SuffixFilterRule;
    expect(() => new QueueConfig(QUEUE, ev, { prefixFilterRule: new PrefixFilterRule("a/"), suffixFilterRule: asSuffix })).toThrow(/two prefix filter rules/);
    const asPrefix = new SuffixFilterRule(".x") as unknown as PrefixFilterRule;
    expect(() => new QueueConfig(QUEUE, ev, { prefixFilterRule: asPrefix })).toThrow(/two suffix filter rules/);
    expect(() => new QueueConfig(QUEUE, ev, { prefixFilterRule: { name: "prefix", value: "a" } as PrefixFilterRule })).toThrow(InvalidArgumentError);
  });

  it("refuses bad ids, rule values, lists and inputs", () => {
    const ev = ["s3:ObjectCreated:*"];
    expect(() => new QueueConfig(QUEUE, ev, { configId: "" })).toThrow(InvalidArgumentError);
    expect(() => new PrefixFilterRule("x".repeat(1025))).toThrow(InvalidArgumentError);
    expect(() => new SuffixFilterRule(7 as unknown as string)).toThrow(InvalidArgumentError);
    const topic = new TopicConfig(TOPIC, ev);
    expect(() => new NotificationConfig({ queueConfigList: [topic as unknown as QueueConfig] })).toThrow(/queueConfigList/);
    expect(() => codec.encode({ queueConfigList: [] } as unknown as NotificationConfig)).toThrow(InvalidArgumentError);
    const ctl = new NotificationConfig({ queueConfigList: [new QueueConfig(QUEUE, ev, { suffixFilterRule: new SuffixFilterRule("a\u0001") })] });
    expect(() => codec.encode(ctl)).toThrow(/XML cannot carry/);
  });

  it("is frozen, keeps copies of its lists and reports its kind", () => {
    const events = ["s3:ObjectCreated:*"];
    const q = new QueueConfig(QUEUE, events);
    events.push("s3:ObjectRemoved:*");
    expect(q.events).toEqual(["s3:ObjectCreated:*"]);
    expect([q.kind, q.configId, q.prefixFilterRule, q.suffixFilterRule]).toEqual(["queue", null, null, null]);
    const config = full();
    expect(Object.isFrozen(config) && Object.isFrozen(config.queueConfigList) && Object.isFrozen(q) && Object.isFrozen(q.events)).toBe(true);
    expect(config.isEmpty).toBe(false);
  });
});
