import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { cliFixture, mainJs, runCli } from "./support.js";

const run = promisify(execFile);

/** Progress bars: drawn on a terminal (a pty from script(1)), absent when output is piped. */
describe("quarry CLI progress", () => {
  const fx = cliFixture("cli-prog");
  let file: string;

  beforeAll(() => {
    file = join(fx.dir, "p.bin");
    writeFileSync(file, randomBytes(48 * 1024 * 1024));
  });

  it("a terminal gets a bar with bytes, rate and ETA; a pipe gets none", async () => {
    const command = [process.execPath, mainJs, "cp", file, `t/${fx.name}/tty.bin`].map((a) => `'${a}'`).join(" ");
    const tty = await run("script", ["-qec", command, "/dev/null"], { env: { ...fx.env, TERM: "xterm", COLUMNS: "160" }, maxBuffer: 16 * 1024 * 1024 });
    expect(tty.stdout).toMatch(/MiB\/48\.0MiB/);
    expect(tty.stdout).toMatch(/MiB\/s/);
    expect(tty.stdout).toMatch(/ETA \d+s/);
    expect(tty.stdout).toContain(` -> t/${fx.name}/tty.bin`);
    expect((await fx.bucket.object("tty.bin").stat()).size).toBe(48 * 1024 * 1024);
    const piped = await runCli(["cp", file, `t/${fx.name}/pipe.bin`], fx.env);
    expect(piped.code).toBe(0);
    expect(piped.stderr + piped.stdout).not.toMatch(/ETA|MiB\/s/);
  }, 60_000);
});
