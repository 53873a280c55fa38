import type { TestProject } from "vitest/node";
import { provideServers } from "./provide.js";
import { startWebhookReceiver } from "./webhook-receiver.js";

/**
 * Vitest global setup: starts the webhook receiver (the servers' notification target),
 * provides `{ plain, tls }` servers as `inject("s3")` and returns the teardown that
 * stops them and the receiver.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (line: string) => process.stderr.write(`[s3-server] ${line}\n`);
  const started = Date.now();
  const receiver = await startWebhookReceiver();
  const servers = await provideServers(log, { webhook: receiver }).catch(async (error: unknown) => {
    await receiver.stop();
    throw error;
  });
  const what = servers.plain.source === "env" && servers.tls.source === "env" ? "S3 servers (from env)" : "MinIO";
  log(`${what} ready in ${((Date.now() - started) / 1000).toFixed(1)} s (plain + TLS): ${servers.plain.endpoint} ${servers.tls.endpoint}`);
  project.provide("s3", { plain: servers.plain, tls: servers.tls });
  return async () => {
    try {
      await servers.stop();
    } finally {
      await receiver.stop();
    }
  };
}
