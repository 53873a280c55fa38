import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plainClient, servers, tempBucket } from "../integration/support.js";
import { buildCli, cliEnv, jsonLines, runCli } from "./support.js";

/** The built `quarry` (dist/cli/main.js) as a subprocess against the test MinIO, alias `t` from MC_HOST_t. */
describe("quarry CLI commands", () => {
  const s3 = plainClient();
  let env: Record<string, string>;
  let bucket: Awaited<ReturnType<typeof tempBucket>>;
  let local: string;

  beforeAll(async () => {
    await buildCli();
    env = cliEnv();
    bucket = await tempBucket(s3, "cli");
    local = mkdtempSync(join(tmpdir(), "quarry-cli-"));
    const b = bucket.bucket;
    await b.object("docs/a.txt").put("alpha");
    await b.object("docs/b.md").put("bravo-bravo");
    await b.object("docs/deep/c.txt").put("x".repeat(2000));
    await b.object("img/p.jpg").put("j".repeat(5000), { metadata: { camera: "nikon" }, tags: { team: "blue" } });
  }, 300_000);
  afterAll(async () => {
    await bucket?.cleanup();
    s3.close();
  });

  it("--version prints the package version; an unknown command exits 2", async () => {
    const v = await runCli(["--version"], env);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")).version);
    const bad = await runCli(["frobnicate"], env);
    expect(bad.code).toBe(2);
  });

  it("ls lists buckets, one level, and recursively; --json lines parse", async () => {
    const buckets = jsonLines(await runCli(["--json", "ls", "t"], env));
    expect(buckets.map((b) => b["key"])).toContain(bucket.name);
    const level = await runCli(["ls", `t/${bucket.name}`], env);
    expect(level.code).toBe(0);
    expect(level.stdout).toMatch(/docs\/\n/);
    expect(level.stdout).toMatch(/img\/\n/);
    const all = jsonLines(await runCli(["--json", "ls", "-r", `t/${bucket.name}/docs/`], env));
    expect(all.map((o) => o["key"])).toEqual(["docs/a.txt", "docs/b.md", "docs/deep/c.txt"]);
    expect(all[0]).toMatchObject({ type: "file", size: 5, url: `t/${bucket.name}/docs/a.txt` });
  });

  it("tree shows the prefixes", async () => {
    const r = await runCli(["tree", "--files", `t/${bucket.name}`], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("├─ docs/");
    expect(r.stdout).toContain("│  ├─ deep/");
    expect(r.stdout).toContain("c.txt");
  });

  it("cat writes the object's bytes; stat shows size, etag and metadata", async () => {
    const c = await runCli(["cat", `t/${bucket.name}/docs/b.md`, `t/${bucket.name}/docs/a.txt`], env);
    expect(c.stdout).toBe("bravo-bravoalpha");
    const st = jsonLines(await runCli(["--json", "stat", `t/${bucket.name}/img/p.jpg`], env))[0]!;
    expect(st).toMatchObject({ size: 5000, metadata: { camera: "nikon" } });
    expect(st["etag"]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("cp uploads, downloads, copies remote→remote, and recursively both ways", async () => {
    const src = join(local, "up.txt");
    writeFileSync(src, "uploaded by cp");
    expect((await runCli(["cp", src, `t/${bucket.name}/up/`], env)).code).toBe(0);
    expect((await bucket.bucket.object("up/up.txt").stat()).size).toBe(14);
    const down = join(local, "down.txt");
    expect((await runCli(["cp", `t/${bucket.name}/up/up.txt`, down], env)).code).toBe(0);
    expect(readFileSync(down, "utf8")).toBe("uploaded by cp");
    expect((await runCli(["cp", `t/${bucket.name}/up/up.txt`, `t/${bucket.name}/copied.txt`], env)).code).toBe(0);
    expect((await bucket.bucket.object("copied.txt").stat()).size).toBe(14);
    const dir = join(local, "docs-copy");
    const r = await runCli(["--json", "cp", "-r", `t/${bucket.name}/docs`, dir], env);
    expect(r.code).toBe(0);
    expect(jsonLines(r)).toHaveLength(3);
    expect(readFileSync(join(dir, "deep/c.txt"), "utf8")).toBe("x".repeat(2000));
    expect(readdirSync(join(dir, "deep")).filter((n) => n.includes(".part.quarry"))).toEqual([]);
    expect((await runCli(["cp", "-r", dir, `t/${bucket.name}/back/`], env)).code).toBe(0);
    const back = await bucket.bucket.objects().prefix("back/").recursive().toArray();
    expect(back.map((o) => o.objectName)).toEqual(["back/a.txt", "back/b.md", "back/deep/c.txt"]);
  });

  it("mv copies then removes the source", async () => {
    await bucket.bucket.object("mv/from.txt").put("moving");
    expect((await runCli(["mv", `t/${bucket.name}/mv/from.txt`, `t/${bucket.name}/mv/to.txt`], env)).code).toBe(0);
    const keys = (await bucket.bucket.objects().prefix("mv/").recursive().toArray()).map((o) => o.objectName);
    expect(keys).toEqual(["mv/to.txt"]);
  });

  it("find filters by name, size and metadata; --print formats; explain shows the plan", async () => {
    const names = await runCli(["find", `t/${bucket.name}/docs/`, "--name", "*.txt"], env);
    expect(names.stdout.trim().split("\n")).toEqual([`t/${bucket.name}/docs/a.txt`, `t/${bucket.name}/docs/deep/c.txt`]);
    const big = await runCli(["find", `t/${bucket.name}`, "--larger", "1KiB", "--smaller", "4KiB", "--print", "{base} {size}"], env);
    expect(big.stdout.trim().split("\n")).toContain("c.txt 2000");
    expect(big.stdout).not.toContain("p.jpg");
    const shallow = await runCli(["find", `t/${bucket.name}/docs/`, "--maxdepth", "1"], env);
    expect(shallow.stdout).not.toContain("deep/");
    const meta = await runCli(["find", `t/${bucket.name}`, "--metadata", "camera=nikon", "--tags", "team=blue"], env);
    expect(meta.stdout.trim()).toBe(`t/${bucket.name}/img/p.jpg`);
    const recent = await runCli(["find", `t/${bucket.name}/docs/`, "--older-than", "1d"], env);
    expect(recent.stdout.trim()).toBe("");
    const plan = jsonLines(await runCli(["--json", "explain", `t/${bucket.name}/docs/`, "--name", "*.txt"], env))[0]!;
    expect(plan).toMatchObject({ scan: { kind: "ListObjects", prefix: "docs/" }, client: ["name ~ *.txt"] });
    const badSize = await runCli(["find", `t/${bucket.name}`, "--larger", "lots"], env);
    expect(badSize.code).toBe(2);
    expect(badSize.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("du totals a prefix and groups by depth", async () => {
    const total = jsonLines(await runCli(["--json", "du", `t/${bucket.name}/docs/`], env));
    expect(total).toEqual([expect.objectContaining({ prefix: "docs/", objects: 3, size: 5 + 11 + 2000 })]);
    const grouped = jsonLines(await runCli(["--json", "du", "--depth", "1", `t/${bucket.name}/docs/`], env));
    expect(grouped.map((g) => [g["prefix"], g["objects"]])).toEqual([["docs/", 2], ["docs/deep/", 1]]);
  });

  it("mirror --dry-run changes nothing; mirror copies what differs; --remove deletes extras", async () => {
    const dir = join(local, "mirror-src");
    mkdirSync(join(dir, "sub"), { recursive: true });
    writeFileSync(join(dir, "one.txt"), "1");
    writeFileSync(join(dir, "sub/two.txt"), "22");
    await bucket.bucket.object("mirror/extra.txt").put("extra");
    const dry = jsonLines(await runCli(["--json", "mirror", "--dry-run", "--remove", dir, `t/${bucket.name}/mirror`], env));
    expect(dry.filter((l) => l["action"] === "copy")).toHaveLength(2);
    expect(dry.filter((l) => l["action"] === "remove")).toHaveLength(1);
    expect((await bucket.bucket.objects().prefix("mirror/").recursive().toArray()).map((o) => o.objectName)).toEqual(["mirror/extra.txt"]);
    expect((await runCli(["mirror", "--remove", dir, `t/${bucket.name}/mirror`], env)).code).toBe(0);
    expect((await bucket.bucket.objects().prefix("mirror/").recursive().toArray()).map((o) => o.objectName)).toEqual(["mirror/one.txt", "mirror/sub/two.txt"]);
    const again = jsonLines(await runCli(["--json", "mirror", dir, `t/${bucket.name}/mirror`], env));
    expect(again).toEqual([]);
  });

  it("presign prints a URL that fetches the object without credentials", async () => {
    const url = (await runCli(["presign", "--expire", "1h", `t/${bucket.name}/docs/a.txt`], env)).stdout.trim();
    expect(url).toContain("X-Amz-Signature=");
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("alpha");
  });

  it("select runs SQL on a CSV object", async () => {
    await bucket.bucket.object("data/people.csv").put("name,city\nada,Oslo\nbob,Rome\ncy,Oslo\n");
    const r = await runCli(["select", `t/${bucket.name}/data/people.csv`, "--query", "select s.name from S3Object s where s.city = 'Oslo'"], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("ada\ncy\n");
  });

  it("rm removes one object, refuses a prefix without --force, and rm -r --force removes everything under it", async () => {
    expect((await runCli(["rm", `t/${bucket.name}/copied.txt`], env)).code).toBe(0);
    expect(await bucket.bucket.objects().prefix("copied.txt").toArray()).toEqual([]);
    const refused = await runCli(["rm", "-r", `t/${bucket.name}/back/`], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--force");
    const r = jsonLines(await runCli(["--json", "rm", "-r", "--force", `t/${bucket.name}/back/`], env));
    expect(r.map((l) => l["result"])).toEqual(["done", "done", "done"]);
    expect(await bucket.bucket.objects().prefix("back/").recursive().toArray()).toEqual([]);
  });

  it("mb and rb --force create and remove a bucket with objects", async () => {
    const name = `${bucket.name}-mb`;
    expect((await runCli(["mb", `t/${name}`], env)).code).toBe(0);
    expect(await s3.bucket(name).exists()).toBe(true);
    expect((await runCli(["mb", `t/${name}`], env)).code).toBe(1);
    expect((await runCli(["mb", "-p", `t/${name}`], env)).code).toBe(0);
    await s3.bucket(name).object("k").put("v");
    expect((await runCli(["rb", "--force", `t/${name}`], env)).code).toBe(0);
    expect(await s3.bucket(name).exists()).toBe(false);
  });

  it("errors are one line with a stable exit code; --debug adds the stack; no secret is printed", async () => {
    const missing = await runCli(["cat", `t/${bucket.name}/no/such/key`], env);
    expect(missing.code).toBe(3);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toMatch(/^quarry: NoSuchKey/);
    const debug = await runCli(["--debug", "cat", `t/${bucket.name}/no/such/key`], env);
    expect(debug.stderr.split("\n").length).toBeGreaterThan(3);
    const down = await runCli(["ls", "x/no-server-here"], { ...env, MC_HOST_x: "http://k:s@127.0.0.1:1" });
    expect(down.code).toBe(4);
    const secret = servers().plain.secretKey;
    for (const r of [missing, debug, down]) expect(r.stderr + r.stdout).not.toContain(secret);
  });

  it("reads aliases from mc's config.json via --config-dir", async () => {
    const s = servers().plain;
    const dir = mkdtempSync(join(tmpdir(), "quarry-mc-"));
    writeFileSync(join(dir, "config.json"), JSON.stringify({ version: "10", aliases: { cfg: { url: s.endpoint, accessKey: s.accessKey, secretKey: s.secretKey, api: "s3v4", path: "auto" } } }));
    const r = await runCli(["--config-dir", dir, "cat", `cfg/${bucket.name}/docs/a.txt`], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("alpha");
    expect(existsSync(join(dir, "config.json"))).toBe(true);
  });

  it("s3:// addresses use the AWS environment", async () => {
    const s = servers().plain;
    const aws = { ...env, AWS_ENDPOINT_URL: s.endpoint, AWS_ACCESS_KEY_ID: s.accessKey, AWS_SECRET_ACCESS_KEY: s.secretKey, AWS_REGION: "us-east-1" };
    const r = await runCli(["cat", `s3://${bucket.name}/docs/a.txt`], aws);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("alpha");
  });
});
