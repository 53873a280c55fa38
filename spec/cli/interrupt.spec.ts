import { closeSync, existsSync, openSync, readdirSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliFixture, startCli, until } from "./support.js";

/** Ctrl-C (SIGINT) against the built CLI: clean aborts and the exit statuses scripts see. */
describe("quarry CLI and Ctrl-C", () => {
  const fx = cliFixture("cli-int");

  it("SIGINT during a large multipart upload exits 130 and leaves no incomplete upload and no object", async () => {
    // 160 MiB of random bytes (MinIO cannot shortcut them): ten 16 MiB parts, three in flight.
    const file = join(fx.dir, "big.bin");
    const fd = openSync(file, "w");
    const chunk = randomBytes(16 * 1024 * 1024);
    for (let i = 0; i < 10; i++) writeSync(fd, chunk);
    closeSync(fd);
    const child = startCli(["cp", file, `t/${fx.name}/big.bin`], fx.env);
    // Interrupt once the multipart upload exists on the server (parts are on their way).
    await until(async () => (await fx.bucket.uploads().list()).length > 0 || child.exitCode !== null, 30_000, "the multipart upload to start");
    expect(child.exitCode).toBeNull();
    child.kill("SIGINT");
    const run = await child.done;
    expect(run.code).toBe(130);
    expect(run.stderr.trim()).toBe("quarry: interrupted");
    expect(await fx.bucket.uploads().list()).toEqual([]);
    expect(await fx.bucket.objects().prefix("big.bin").toArray()).toEqual([]);
  }, 60_000);

  it("SIGINT during a download exits 130 and removes the temp file", async () => {
    await fx.bucket.object("dl.bin").put(randomBytes(64 * 1024 * 1024));
    const target = join(fx.dir, "dl.bin");
    const child = startCli(["cp", `t/${fx.name}/dl.bin`, target], fx.env);
    await until(() => readdirSync(fx.dir).some((n) => n.startsWith("dl.bin.part")) || child.exitCode !== null, 30_000, "the download to start");
    child.kill("SIGINT");
    const run = await child.done;
    // The download may finish before the signal lands on a fast machine: then it is complete.
    if (run.code === 0) expect(existsSync(target)).toBe(true);
    else {
      expect(run.code).toBe(130);
      expect(existsSync(target)).toBe(false);
    }
    expect(readdirSync(fx.dir).filter((n) => n.startsWith("dl.bin."))).toEqual([]);
  }, 60_000);

  it("watch prints an event, then SIGINT ends it with status 0", async () => {
    const child = startCli(["--json", "watch", `t/${fx.name}`], fx.env);
    let n = 0;
    await until(async () => {
      await fx.bucket.object(`w/${n++}.txt`).put("w");
      return child.output.stdout.includes("w/");
    }, 30_000, "an event");
    child.kill("SIGINT");
    const run = await child.done;
    expect(run.code).toBe(0);
    const first = JSON.parse(run.stdout.split("\n")[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({ event: "s3:ObjectCreated:Put", url: expect.stringMatching(new RegExp(`^t/${fx.name}/w/\\d+\\.txt$`)) });
  }, 60_000);
});
