import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plainClient, tempBucket } from "../integration/support.js";
import { buildCli, cliEnv, startCli, until } from "./support.js";

/** Ctrl-C (SIGINT) against the built CLI: clean aborts and the exit statuses scripts see. */
describe("quarry CLI and Ctrl-C", () => {
  const s3 = plainClient();
  let env: Record<string, string>;
  let bucket: Awaited<ReturnType<typeof tempBucket>>;
  let dir: string;

  beforeAll(async () => {
    await buildCli();
    env = cliEnv();
    bucket = await tempBucket(s3, "cli-int");
    dir = mkdtempSync(join(tmpdir(), "quarry-cli-int-"));
  }, 300_000);
  afterAll(async () => {
    await bucket?.bucket.uploads().abortAll().catch(() => undefined);
    await bucket?.cleanup();
    s3.close();
  });

  it("SIGINT during a large multipart upload exits 130 and leaves no incomplete upload and no object", async () => {
    // 160 MiB of random bytes (MinIO cannot shortcut them): ten 16 MiB parts, one at a time.
    const file = join(dir, "big.bin");
    const fd = openSync(file, "w");
    const chunk = randomBytes(16 * 1024 * 1024);
    for (let i = 0; i < 10; i++) writeSync(fd, chunk);
    closeSync(fd);
    const child = startCli(["cp", file, `t/${bucket.name}/big.bin`], env);
    // Interrupt once the multipart upload exists on the server (parts are on their way).
    await until(async () => (await bucket.bucket.uploads().list()).length > 0 || child.exitCode !== null, 30_000, "the multipart upload to start");
    expect(child.exitCode).toBeNull();
    child.kill("SIGINT");
    const run = await child.done;
    expect(run.code).toBe(130);
    expect(run.stderr.trim()).toBe("quarry: interrupted");
    expect(await bucket.bucket.uploads().list()).toEqual([]);
    expect(await bucket.bucket.objects().prefix("big.bin").toArray()).toEqual([]);
  }, 60_000);

  it("SIGINT during a download exits 130 and removes the temp file", async () => {
    await bucket.bucket.object("dl.bin").put(randomBytes(64 * 1024 * 1024));
    const target = join(dir, "dl.bin");
    const child = startCli(["cp", `t/${bucket.name}/dl.bin`, target], env);
    await until(() => readdirSync(dir).some((n) => n.startsWith("dl.bin.part")) || child.exitCode !== null, 30_000, "the download to start");
    child.kill("SIGINT");
    const run = await child.done;
    // The download may finish before the signal lands on a fast machine: then it is complete.
    if (run.code === 0) expect(existsSync(target)).toBe(true);
    else {
      expect(run.code).toBe(130);
      expect(existsSync(target)).toBe(false);
    }
    expect(readdirSync(dir).filter((n) => n.startsWith("dl.bin."))).toEqual([]);
  }, 60_000);

  it("watch prints an event, then SIGINT ends it with status 0", async () => {
    const child = startCli(["--json", "watch", `t/${bucket.name}`], env);
    let n = 0;
    await until(async () => {
      await bucket.bucket.object(`w/${n++}.txt`).put("w");
      return child.output.stdout.includes("w/");
    }, 30_000, "an event");
    child.kill("SIGINT");
    const run = await child.done;
    expect(run.code).toBe(0);
    const first = JSON.parse(run.stdout.split("\n")[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({ event: "s3:ObjectCreated:Put", url: expect.stringMatching(new RegExp(`^t/${bucket.name}/w/\\d+\\.txt$`)) });
  }, 60_000);
});
