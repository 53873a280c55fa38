import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plainClient, tempBucket } from "../integration/support.js";
import { buildCli, cliEnv, mainJs, runCli } from "./support.js";

const run = promisify(execFile);

/** Progress bars: drawn on a terminal (a pty from script(1)), absent when output is piped. */
describe("quarry CLI progress", () => {
  const s3 = plainClient();
  let env: Record<string, string>;
  let bucket: Awaited<ReturnType<typeof tempBucket>>;
  let file: string;

  beforeAll(async () => {
    await buildCli();
    env = cliEnv();
    bucket = await tempBucket(s3, "cli-prog");
    file = join(mkdtempSync(join(tmpdir(), "quarry-cli-prog-")), "p.bin");
    writeFileSync(file, randomBytes(48 * 1024 * 1024));
  }, 300_000);
  afterAll(async () => {
    await bucket?.cleanup();
    s3.close();
  });

  it("a terminal gets a bar with bytes, rate and ETA; a pipe gets none", async () => {
    const command = [process.execPath, mainJs, "cp", file, `t/${bucket.name}/tty.bin`].map((a) => `'${a}'`).join(" ");
    const tty = await run("script", ["-qec", command, "/dev/null"], { env: { ...env, TERM: "xterm", COLUMNS: "160" }, maxBuffer: 16 * 1024 * 1024 });
    expect(tty.stdout).toMatch(/MiB\/48\.0MiB/);
    expect(tty.stdout).toMatch(/MiB\/s/);
    expect(tty.stdout).toMatch(/ETA \d+s/);
    expect((await bucket.bucket.object("tty.bin").stat()).size).toBe(48 * 1024 * 1024);
    const piped = await runCli(["cp", file, `t/${bucket.name}/pipe.bin`], env);
    expect(piped.code).toBe(0);
    expect(piped.stderr + piped.stdout).not.toMatch(/ETA|MiB\/s/);
  }, 60_000);
});
