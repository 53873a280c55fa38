import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The ARN MinIO gives webhook target 1 (`MINIO_NOTIFY_WEBHOOK_*_1`). */
export const WEBHOOK_ARN = "arn:minio:sqs::1:webhook";

/** Environment making `endpoint` (e.g. `http://127.0.0.1:PORT/`) MinIO's webhook target 1, ARN {@link WEBHOOK_ARN}. */
export function webhookTargetEnv(endpoint: string): Record<string, string> {
  return { MINIO_NOTIFY_WEBHOOK_ENABLE_1: "on", MINIO_NOTIFY_WEBHOOK_ENDPOINT_1: endpoint };
}

/** A running webhook receiver (see {@link startWebhookReceiver}). */
export interface WebhookReceiver {
  /** The loopback port it listens on. */
  readonly port: number;
  /** `GET` this (optionally with `?bucket=<name>`) for the recorded events, a JSON array. */
  readonly eventsUrl: string;
  /** How many events it has recorded. */
  readonly count: () => number;
  /** Stops listening and drops open connections. Safe to call more than once. */
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1 << 20;
const MAX_EVENTS = 10_000;

/**
 * Starts a tiny HTTP server on a free 127.0.0.1 port for MinIO's webhook notification
 * target. Every POSTed JSON body is recorded (the oldest are dropped past 10 000);
 * `GET /events[?bucket=<name>]` serves them back as a JSON array, filtered on
 * `Records[0].s3.bucket.name`. Anything else — MinIO's probe on target start-up,
 * non-JSON bodies — is answered 200 and not recorded.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const events: unknown[] = [];
  const server = createServer((req, res) => void handle(req, res, events));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    port,
    eventsUrl: `http://127.0.0.1:${port}/events`,
    count: () => events.length,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, events: unknown[]): Promise<void> {
  const url = new URL(req.url ?? "/", "http://receiver");
  const body = await readBody(req).catch(() => undefined);
  if (req.method === "GET" && url.pathname === "/events") {
    const bucket = url.searchParams.get("bucket");
    const selected = bucket === null ? events : events.filter((e) => bucketOf(e) === bucket);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(selected));
    return;
  }
  if (req.method === "POST" && body) {
    try {
      events.push(JSON.parse(body) as unknown);
      if (events.length > MAX_EVENTS) events.shift();
    } catch {
      // not an event: answered 200 all the same
    }
  }
  res.writeHead(200).end();
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error("body too large");
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString("utf8");
}

/** `Records[0].s3.bucket.name` of a recorded event, if it has one. */
export function bucketOf(event: unknown): string | undefined {
  const records = (event as { Records?: unknown } | null)?.Records;
  const first = Array.isArray(records) ? (records[0] as { s3?: { bucket?: { name?: unknown } } } | undefined) : undefined;
  const name = first?.s3?.bucket?.name;
  return typeof name === "string" ? name : undefined;
}
