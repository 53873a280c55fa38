import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotificationConfig, PrefixFilterRule, QueueConfig, SuffixFilterRule, TopicConfig } from "../../../lib/model/notification.js";
import { plainClient, servers, tempBucket } from "../support.js";

const POLL_TIMEOUT_MS = 15_000;
const QUIET_MS = 1_500;

/** The keys (URL-decoded) of the events the receiver recorded for `bucket`. */
async function eventKeys(eventsUrl: string, bucket: string): Promise<string[]> {
  const res = await fetch(`${eventsUrl}?bucket=${encodeURIComponent(bucket)}`);
  if (!res.ok) throw new Error(`webhook receiver answered ${res.status}`);
  const events = (await res.json()) as Array<{ Records?: Array<{ s3?: { object?: { key?: string } } }> }>;
  return events.flatMap((e) => e.Records ?? []).map((r) => decodeURIComponent((r.s3?.object?.key ?? "").replaceAll("+", " ")));
}

describe("bucket notification on MinIO", () => {
  const s3 = plainClient();
  let bucket: Awaited<ReturnType<typeof tempBucket>>;

  beforeAll(async () => {
    bucket = await tempBucket(s3, "notif");
  });
  afterAll(async () => {
    await bucket?.cleanup();
  });

  /** The webhook target; its absence is a failure of the test setup, never a skip. */
  function webhook() {
    const hook = servers().plain.webhook;
    if (!hook) {
      throw new Error(
        "the plain test server has no webhook notification target: with S3_TEST_ENDPOINT set, also set " +
          "S3_TEST_WEBHOOK_ARN and S3_TEST_WEBHOOK_EVENTS_URL (see spec/support/server/env-servers.ts)",
      );
    }
    return hook;
  }

  it("a bucket without notifications reads as an empty config", async () => {
    const config = await bucket.bucket.notification().get();
    expect(config).toBeInstanceOf(NotificationConfig);
    expect(config.isEmpty).toBe(true);
  });

  it("sets a filtered queue config, reads it back, delivers only matching events, and deletes it", async () => {
    const { arn, eventsUrl } = webhook();
    const ref = bucket.bucket.notification();
    const queue = new QueueConfig(arn, ["s3:ObjectCreated:*"], {
      configId: "quarry-in-txt",
      prefixFilterRule: new PrefixFilterRule("in/"),
      suffixFilterRule: new SuffixFilterRule(".txt"),
    });
    await ref.set(new NotificationConfig({ queueConfigList: [queue] }));

    const got = await ref.get();
    expect(got.topicConfigList).toEqual([]);
    expect(got.cloudFuncConfigList).toEqual([]);
    expect(got.queueConfigList).toHaveLength(1);
    const q = got.queueConfigList[0]!;
    expect({ id: q.configId, arn: q.queue, events: q.events, prefix: q.prefixFilterRule?.value, suffix: q.suffixFilterRule?.value }).toEqual({
      id: "quarry-in-txt", arn, events: ["s3:ObjectCreated:*"], prefix: "in/", suffix: ".txt",
    });
    expect(q).toStrictEqual(queue);

    await bucket.bucket.object("out/b.txt").put("not notified");
    await bucket.bucket.object("in/a.txt").put("notified");
    const deadline = Date.now() + POLL_TIMEOUT_MS;
    let keys = await eventKeys(eventsUrl, bucket.name);
    while (!keys.includes("in/a.txt")) {
      if (Date.now() > deadline) throw new Error(`no event for in/a.txt within ${POLL_TIMEOUT_MS} ms (got ${JSON.stringify(keys)})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      keys = await eventKeys(eventsUrl, bucket.name);
    }
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    expect(await eventKeys(eventsUrl, bucket.name)).toEqual(["in/a.txt"]);

    await ref.delete();
    const after = await ref.get();
    expect(after.queueConfigList).toEqual([]);
    expect(after.isEmpty).toBe(true);
  });

  it("MinIO refuses an ARN it has no target for, and topic or cloud-function targets", async () => {
    const ref = bucket.bucket.notification();
    const unknown = new QueueConfig("arn:minio:sqs::99:webhook", ["s3:ObjectCreated:*"]);
    await expect(ref.set(new NotificationConfig({ queueConfigList: [unknown] }))).rejects.toMatchObject({ name: "S3Error", code: "InvalidArgument" });
    const topic = new TopicConfig("arn:aws:sns:us-east-1:123456789012:t", ["s3:ObjectCreated:*"]);
    await expect(ref.set(new NotificationConfig({ topicConfigList: [topic] }))).rejects.toMatchObject({ name: "S3Error", code: "UnsupportedNotification" });
    expect((await ref.get()).isEmpty).toBe(true);
  });
});
