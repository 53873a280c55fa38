import { readFileSync } from "node:fs";
import type { ServerInfo } from "./server-info.js";

/**
 * The servers named by the environment, or `undefined` when `S3_TEST_ENDPOINT`
 * is unset. Variables: `S3_TEST_ENDPOINT`, `S3_TEST_ACCESS_KEY`, `S3_TEST_SECRET_KEY`
 * (required together); optional `S3_TEST_TLS_ENDPOINT` (same keys), `S3_TEST_CA_FILE`
 * (PEM for the TLS endpoint), `S3_TEST_KMS_KEY`, `S3_TEST_REGION` (default `us-east-1`),
 * and `S3_TEST_WEBHOOK_ARN` + `S3_TEST_WEBHOOK_EVENTS_URL` (together: a webhook
 * notification target of these servers and where to read its events, see
 * {@link ServerInfo.webhook}).
 *
 * `tls` is the TLS endpoint, else the main endpoint when it is already HTTPS,
 * else `undefined` (the caller then starts a local TLS server).
 */
export function serversFromEnv(env: NodeJS.ProcessEnv = process.env): { plain: ServerInfo; tls?: ServerInfo } | undefined {
  const endpoint = env.S3_TEST_ENDPOINT;
  if (!endpoint) return undefined;
  const accessKey = env.S3_TEST_ACCESS_KEY;
  const secretKey = env.S3_TEST_SECRET_KEY;
  if (!accessKey || !secretKey) {
    throw new Error("S3_TEST_ENDPOINT is set but S3_TEST_ACCESS_KEY and/or S3_TEST_SECRET_KEY are missing");
  }
  const webhookArn = env.S3_TEST_WEBHOOK_ARN;
  const eventsUrl = env.S3_TEST_WEBHOOK_EVENTS_URL;
  if (!webhookArn !== !eventsUrl) {
    throw new Error("S3_TEST_WEBHOOK_ARN and S3_TEST_WEBHOOK_EVENTS_URL must be set together");
  }
  const ca = env.S3_TEST_CA_FILE ? readFileSync(env.S3_TEST_CA_FILE, "utf8") : undefined;
  const base = {
    accessKey,
    secretKey,
    region: env.S3_TEST_REGION || "us-east-1",
    kmsKeyName: env.S3_TEST_KMS_KEY ?? "",
    source: "env" as const,
    ...(webhookArn && eventsUrl ? { webhook: { arn: webhookArn, eventsUrl } } : {}),
  };
  const at = (url: string): ServerInfo => {
    const trimmed = url.replace(/\/+$/, "");
    return trimmed.startsWith("https:") && ca ? { ...base, endpoint: trimmed, ca } : { ...base, endpoint: trimmed };
  };
  const plain = at(endpoint);
  const tlsUrl = env.S3_TEST_TLS_ENDPOINT || (endpoint.startsWith("https:") ? endpoint : undefined);
  return tlsUrl ? { plain, tls: at(tlsUrl) } : { plain };
}
