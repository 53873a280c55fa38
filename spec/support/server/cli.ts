/**
 * Command line for the test server, for benchmarks and demos:
 *
 *   tsx spec/support/server/cli.ts build [minio|mc|all]   ensure the binaries (default: minio)
 *   tsx spec/support/server/cli.ts run [--tls]            start a server until Ctrl-C
 *
 * `run` prints the endpoint and the path of a 0600 file holding the credentials
 * as `S3_TEST_*` variables (`set -a; . FILE; set +a` makes the test suite use
 * that server); it never prints secrets. The server's webhook notification target is
 * a receiver in this process (`S3_TEST_WEBHOOK_ARN`, `S3_TEST_WEBHOOK_EVENTS_URL`).
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ensureMcBinary, ensureMinioBinary } from "./minio-binary.js";
import { startMinio } from "./minio-process.js";
import { startWebhookReceiver, WEBHOOK_ARN, webhookTargetEnv } from "./webhook-receiver.js";

const log = (line: string) => process.stderr.write(`[s3-server] ${line}\n`);

async function build(which: string): Promise<void> {
  if (!["minio", "mc", "all"].includes(which)) throw new Error(`unknown binary "${which}" (minio, mc or all)`);
  if (which !== "mc") {
    const started = Date.now();
    const path = await ensureMinioBinary(log);
    console.log(`minio: ${path} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  if (which !== "minio") {
    const started = Date.now();
    const path = await ensureMcBinary(log);
    console.log(`mc: ${path} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}

async function run(tls: boolean): Promise<void> {
  const started = Date.now();
  const receiver = await startWebhookReceiver();
  const server = await startMinio({
    tls,
    log,
    env: webhookTargetEnv(`http://127.0.0.1:${receiver.port}/`),
  }).catch(async (error: unknown) => {
    await receiver.stop();
    throw error;
  });
  const credentials = join(server.dataDir, "credentials.env");
  const lines = [
    `S3_TEST_ENDPOINT=${server.endpoint}`,
    `S3_TEST_ACCESS_KEY=${server.accessKey}`,
    `S3_TEST_SECRET_KEY=${server.secretKey}`,
    `S3_TEST_KMS_KEY=${server.kmsKeyName}`,
    `S3_TEST_REGION=${server.region}`,
    `S3_TEST_WEBHOOK_ARN=${WEBHOOK_ARN}`,
    `S3_TEST_WEBHOOK_EVENTS_URL=${receiver.eventsUrl}`,
  ];
  if (server.ca) {
    const caFile = join(server.dataDir, "ca.pem");
    await writeFile(caFile, server.ca);
    lines.push(`S3_TEST_TLS_ENDPOINT=${server.endpoint}`, `S3_TEST_CA_FILE=${caFile}`);
  }
  await writeFile(credentials, `${lines.join("\n")}\n`, { mode: 0o600 });
  console.log(`endpoint: ${server.endpoint}`);
  console.log(`credentials: ${credentials}`);
  console.log(`server log: ${join(server.dataDir, "minio.log")}`);
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s; Ctrl-C stops it and deletes its data`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await server.stop();
  await receiver.stop();
}

const [command, arg] = process.argv.slice(2);
const main =
  command === "build" ? build(arg ?? "minio") : command === "run" ? run(arg === "--tls") : undefined;
if (!main) {
  console.error("usage: tsx spec/support/server/cli.ts build [minio|mc|all] | run [--tls]");
  process.exit(2);
}
main.catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
