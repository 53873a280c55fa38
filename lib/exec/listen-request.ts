import type { ListenBucketNotificationNode } from "../plan/nodes.js";
import type { HttpRequest } from "./http-request.js";

/**
 * The request of a bucket-notification listener: `GET /<bucket>?prefix=&suffix=&events=…`
 * with one `events` parameter per event name (MinIO's ListenBucketNotification; prefix and
 * suffix are always sent, as the seed does). Not retried by the executor: the listener owns
 * reconnection (its own policy, backoff and idle timeout).
 */
export function listenRequest(n: ListenBucketNotificationNode): HttpRequest {
  const query: Array<[string, string]> = [["prefix", n.prefix], ["suffix", n.suffix]];
  for (const e of n.events) query.push(["events", e]);
  return { method: "GET", bucket: n.bucket, query, headers: {}, idempotent: false, notFoundCode: "NoSuchBucket" };
}
