import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serversFromEnv } from "./env-servers.js";
import { startWebhookReceiver, WEBHOOK_ARN, type WebhookReceiver } from "./webhook-receiver.js";

const event = (bucket: string, key: string) => ({ EventName: "s3:ObjectCreated:Put", Records: [{ s3: { bucket: { name: bucket }, object: { key } } }] });

async function post(url: string, body: string, method = "POST"): Promise<number> {
  return (await fetch(url, { method, body, headers: { "content-type": "application/json" } })).status;
}

describe("webhook receiver", () => {
  let receiver: WebhookReceiver;
  let root: string;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    root = `http://127.0.0.1:${receiver.port}/`;
  });
  afterAll(() => receiver.stop());

  it("answers 200 to anything, records JSON POST bodies and serves them, filtered by bucket", async () => {
    expect((await fetch(root, { method: "HEAD" })).status).toBe(200);
    expect((await fetch(root)).status).toBe(200);
    expect(await post(root, "not json")).toBe(200);
    expect(await post(root, JSON.stringify(event("b1", "in/a.txt")))).toBe(200);
    expect(await post(`${root}any/path`, JSON.stringify(event("b2", "x")))).toBe(200);
    expect(await post(root, JSON.stringify({ no: "records" }))).toBe(200);
    expect(receiver.count()).toBe(3);
    const all = (await (await fetch(receiver.eventsUrl)).json()) as unknown[];
    expect(all).toEqual([event("b1", "in/a.txt"), event("b2", "x"), { no: "records" }]);
    expect(await (await fetch(`${receiver.eventsUrl}?bucket=b1`)).json()).toEqual([event("b1", "in/a.txt")]);
    expect(await (await fetch(`${receiver.eventsUrl}?bucket=none`)).json()).toEqual([]);
  });

  it("stops (twice is fine)", async () => {
    const other = await startWebhookReceiver();
    await Promise.all([other.stop(), other.stop()]);
    await expect(fetch(other.eventsUrl)).rejects.toThrow();
  });
});

describe("webhook target of the test servers", () => {
  const { plain, tls } = inject("s3");

  it("every server the harness started has the webhook target, and its events URL answers", async () => {
    for (const server of [plain, tls].filter((s) => s.source !== "env")) {
      expect(server.webhook?.arn).toBe(WEBHOOK_ARN);
      const res = await fetch(server.webhook!.eventsUrl);
      expect(res.status).toBe(200);
      expect(Array.isArray(await res.json())).toBe(true);
    }
  });

  it("env-provided servers get one only from S3_TEST_WEBHOOK_ARN + S3_TEST_WEBHOOK_EVENTS_URL", () => {
    const base = { S3_TEST_ENDPOINT: "http://127.0.0.1:9", S3_TEST_ACCESS_KEY: "a", S3_TEST_SECRET_KEY: "s" };
    expect(serversFromEnv(base)?.plain.webhook).toBeUndefined();
    const hook = { S3_TEST_WEBHOOK_ARN: "arn:minio:sqs::7:webhook", S3_TEST_WEBHOOK_EVENTS_URL: "http://127.0.0.1:9/events" };
    expect(serversFromEnv({ ...base, ...hook })?.plain.webhook).toEqual({ arn: "arn:minio:sqs::7:webhook", eventsUrl: "http://127.0.0.1:9/events" });
    expect(() => serversFromEnv({ ...base, S3_TEST_WEBHOOK_ARN: "arn:minio:sqs::7:webhook" })).toThrow(/set together/);
  });
});
