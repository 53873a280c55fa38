import { randomBytes } from "node:crypto";
import { KMS_KEY_NAME } from "./minio-process.js";
import type { RunningServer } from "./server-info.js";

/** Image used when a container runtime answers; override with `S3_TEST_MINIO_IMAGE`. */
export const DEFAULT_MINIO_IMAGE = "minio/minio:RELEASE.2025-09-07T16-13-09Z";

const PROBE_TIMEOUT_MS = 2_000;

/**
 * Resolves `undefined` when a container runtime (Docker, Podman, …) answers
 * within 2 s, else the reason it is unusable. Loads testcontainers lazily.
 */
export async function containerRuntimeUnavailable(): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(resolve, PROBE_TIMEOUT_MS, `no answer within ${PROBE_TIMEOUT_MS} ms`);
    timer.unref();
  });
  const probe = (async () => {
    const { getContainerRuntimeClient } = await import("testcontainers");
    await getContainerRuntimeClient();
    return undefined;
  })().catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts MinIO (plain HTTP, 4 drives, static KMS key, random root credentials)
 * with testcontainers' MinIO module. Call only after {@link containerRuntimeUnavailable}
 * returned `undefined`.
 */
export async function startMinioContainer(env: Record<string, string> = {}): Promise<RunningServer> {
  const { MinioContainer } = await import("@testcontainers/minio");
  const accessKey = randomBytes(12).toString("hex");
  const secretKey = randomBytes(20).toString("hex");
  const container = await new MinioContainer(process.env.S3_TEST_MINIO_IMAGE || DEFAULT_MINIO_IMAGE)
    .withUsername(accessKey)
    .withPassword(secretKey)
    .withCommand(["server", "--quiet", "--console-address", ":9001", "/data{1...4}"])
    .withEnvironment({
      MINIO_CI_CD: "1",
      MINIO_KMS_SECRET_KEY: `${KMS_KEY_NAME}:${randomBytes(32).toString("base64")}`,
      MINIO_API_SELECT_PARQUET: "on",
      MINIO_BROWSER: "off",
      MINIO_UPDATE: "off",
      ...env,
    })
    .start();
  let stopping: Promise<void> | undefined;
  return {
    endpoint: container.getConnectionUrl(),
    accessKey,
    secretKey,
    region: "us-east-1",
    kmsKeyName: KMS_KEY_NAME,
    source: "container",
    dataDir: "/data{1...4} (inside the container)",
    stop: () => (stopping ??= container.stop().then(() => undefined)),
  };
}
