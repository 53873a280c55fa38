import type { TestProject } from "vitest/node";
import { provideServers } from "./provide.js";

/**
 * Vitest global setup: provides `{ plain, tls }` servers as `inject("s3")` and
 * returns the teardown that stops them.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (line: string) => process.stderr.write(`[s3-server] ${line}\n`);
  const started = Date.now();
  const servers = await provideServers(log);
  const what = servers.plain.source === "env" && servers.tls.source === "env" ? "S3 servers (from env)" : "MinIO";
  log(`${what} ready in ${((Date.now() - started) / 1000).toFixed(1)} s (plain + TLS): ${servers.plain.endpoint} ${servers.tls.endpoint}`);
  project.provide("s3", { plain: servers.plain, tls: servers.tls });
  return () => servers.stop();
}
