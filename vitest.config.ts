import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["spec/**/*.spec.ts"],
    // Starts a plain and a TLS MinIO (building the binary on first run) and
    // provides them as inject("s3"); its teardown stops them.
    globalSetup: ["spec/support/server/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: "forks",
  },
});
