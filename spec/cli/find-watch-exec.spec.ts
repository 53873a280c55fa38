import { describe, expect, it } from "vitest";
import { cliFixture, jsonLines, runCli, startCli, until } from "./support.js";

/** `quarry find --exec` and `--watch` against the built CLI and the test MinIO. */
describe("quarry find --exec / --watch", () => {
  const fx = cliFixture("cli-findx");

  it("--exec runs the command once per match, each address one argv element (no shell: spaces, quotes, $() stay literal)", async () => {
    const keys = ["ex/a b.txt", "ex/it's \"q\" $(touch pwned).txt", "ex/plain.txt"];
    for (const k of keys) await fx.bucket.object(k).put("x");
    await fx.bucket.object("ex/skip.bin").put("not a txt");
    const r = await runCli(["find", `t/${fx.name}/ex/`, "--name", "*.txt", "--exec", "printf '[%s|%s]\\n' {} {key}"], fx.env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").filter((l) => l !== "")).toEqual(keys.map((k) => `[t/${fx.name}/${k}|${k}]`));
  });

  it("a failing command is reported on stderr, the rest still run, and find exits non-zero at the end", async () => {
    for (const k of ["ex2/good1", "ex2/bad", "ex2/good2"]) await fx.bucket.object(k).put("x");
    const script = 'case "$0" in *bad*) exit 3;; esac; echo ran "$0"';
    const r = await runCli(["find", `t/${fx.name}/ex2/`, "--exec", `sh -c '${script}' {key}`], fx.env);
    expect(r.code).toBe(5);
    expect(r.stdout.split("\n").filter((l) => l !== "")).toEqual(["ran ex2/good1", "ran ex2/good2"]);
    expect(r.stderr).toContain("ex2/bad: exited with status 3");
    expect(r.stderr).toContain("exec: 1 command failed");

    const missing = await runCli(["find", `t/${fx.name}/ex2/`, "--exec", "quarry-no-such-command {}"], fx.env);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain("ENOENT");
    expect(missing.stderr).toContain("exec: 3 commands failed");
  });

  it("--exec-jobs runs commands concurrently; bad --exec input exits 2 before anything runs", async () => {
    for (const k of ["ex3/1", "ex3/2", "ex3/3", "ex3/4"]) await fx.bucket.object(k).put("x");
    const t0 = Date.now();
    const r = await runCli(["find", `t/${fx.name}/ex3/`, "--exec-jobs", "4", "--exec", "sh -c 'sleep 0.5; echo $0' {key}"], fx.env);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").filter((l) => l !== "").sort()).toEqual(["ex3/1", "ex3/2", "ex3/3", "ex3/4"]);
    expect(Date.now() - t0).toBeLessThan(4 * 500 + 1500); // not one after the other (4 × 0.5 s) plus start-up
    expect((await runCli(["find", `t/${fx.name}/ex3/`, "--exec", "echo 'unclosed {}"], fx.env)).code).toBe(2);
    expect((await runCli(["find", `t/${fx.name}/ex3/`, "--exec", "echo {}", "--exec-jobs", "0"], fx.env)).code).toBe(2);
  });

  it("explain --watch prints the watch plan: the listener's prefix and suffix, the client filters", async () => {
    const plan = jsonLines(await runCli(["--json", "explain", `t/${fx.name}/in/`, "--watch", "--name", "*.jpg", "--larger", "1KiB"], fx.env))[0]!;
    expect(plan).toMatchObject({ kind: "Watch", prefix: "in/", listen: { prefix: "in/", suffix: ".jpg", events: ["s3:ObjectCreated:*"] } });
    const text = await runCli(["explain", `t/${fx.name}/in/`, "--watch", "--name", "*.jpg"], fx.env);
    expect(text.stdout).toContain('listen ListenBucketNotification prefix="in/" suffix=".jpg"');
  });

  /** Puts matching probes `<base>-<i><ext>` until the running CLI prints one: its watch is live. */
  async function untilLive(child: ReturnType<typeof startCli>, base: string, ext = ""): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const key = `${base}-${i}${ext}`;
      await fx.bucket.object(key).put("probe");
      const deadline = Date.now() + 300;
      while (Date.now() < deadline) {
        if (child.output.stdout.includes(key)) return;
        if (child.exitCode !== null) throw new Error(`quarry exited: ${child.output.stderr}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    throw new Error(`the watch never printed ${base}`);
  }

  it("--watch --limit streams new matches only and exits 0 after n", async () => {
    await fx.bucket.object("w1/old.jpg").put("before the watch");
    const child = startCli(["--json", "find", `t/${fx.name}/w1/`, "--watch", "--name", "*.jpg", "--larger", "1", "--limit", "2"], fx.env);
    await untilLive(child, "w1/probe", ".jpg");
    await fx.bucket.object("w1/x.txt").put("wrong name");
    await fx.bucket.object("w1/tiny.jpg").put("1");
    await fx.bucket.object("w1/y.jpg").put("a jpeg");
    const run = await child.done;
    expect(run.code).toBe(0);
    const lines = jsonLines(run);
    expect(lines).toHaveLength(2);
    expect(String(lines[0]!["key"])).toMatch(/^w1\/probe-\d+\.jpg$/);
    expect(lines[1]).toMatchObject({ status: "success", key: "w1/y.jpg", url: `t/${fx.name}/w1/y.jpg`, size: 6 });
  }, 30_000);

  it("--watch ends with 0 on Ctrl-C; --watch --exec runs the command for each new match", async () => {
    const child = startCli(["find", `t/${fx.name}/w2/`, "--watch", "--exec", "printf '<%s>\\n' {key}"], fx.env);
    await untilLive(child, "w2/probe");
    await fx.bucket.object("w2/new").put("n");
    await until(() => child.output.stdout.includes("<w2/new>"), 5_000, "the command for w2/new");
    child.kill("SIGINT");
    const run = await child.done;
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n").filter((l) => l !== "").at(-1)).toBe("<w2/new>");
    expect(run.stderr).not.toContain("quarry:");
  }, 30_000);
});
