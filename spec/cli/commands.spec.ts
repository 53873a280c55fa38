import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { servers } from "../integration/support.js";
import { cliFixture, jsonLines, runCli } from "./support.js";

/** The built `quarry` (dist/cli/main.js) as a subprocess against the test MinIO, alias `t` from MC_HOST_t. */
describe("quarry CLI commands", () => {
  const fx = cliFixture("cli");

  beforeAll(async () => {
    await fx.bucket.object("docs/a.txt").put("alpha");
    await fx.bucket.object("docs/b.md").put("bravo-bravo");
    await fx.bucket.object("docs/deep/c.txt").put("x".repeat(2000));
    await fx.bucket.object("img/p.jpg").put("j".repeat(5000), { metadata: { camera: "nikon" }, tags: { team: "blue" } });
  });

  it("--version prints the package version; an unknown command exits 2", async () => {
    const v = await runCli(["--version"], fx.env);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")).version);
    const bad = await runCli(["frobnicate"], fx.env);
    expect(bad.code).toBe(2);
  });

  it("ls lists buckets, one level, and recursively; --json lines parse", async () => {
    const buckets = jsonLines(await runCli(["--json", "ls", "t"], fx.env));
    expect(buckets.map((b) => b["key"])).toContain(fx.name);
    const level = await runCli(["ls", `t/${fx.name}`], fx.env);
    expect(level.code).toBe(0);
    expect(level.stdout).toMatch(/docs\/\n/);
    expect(level.stdout).toMatch(/img\/\n/);
    const all = jsonLines(await runCli(["--json", "ls", "-r", `t/${fx.name}/docs/`], fx.env));
    expect(all.map((o) => o["key"])).toEqual(["docs/a.txt", "docs/b.md", "docs/deep/c.txt"]);
    expect(all[0]).toMatchObject({ type: "file", size: 5, url: `t/${fx.name}/docs/a.txt` });
  });

  it("tree shows the prefixes", async () => {
    const r = await runCli(["tree", "--files", `t/${fx.name}`], fx.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("├─ docs/");
    expect(r.stdout).toContain("│  ├─ deep/");
    expect(r.stdout).toContain("c.txt");
  });

  it("cat writes the object's bytes; stat shows size, etag and metadata", async () => {
    const c = await runCli(["cat", `t/${fx.name}/docs/b.md`, `t/${fx.name}/docs/a.txt`], fx.env);
    expect(c.stdout).toBe("bravo-bravoalpha");
    const st = jsonLines(await runCli(["--json", "stat", `t/${fx.name}/img/p.jpg`], fx.env))[0]!;
    expect(st).toMatchObject({ size: 5000, metadata: { camera: "nikon" } });
    expect(st["etag"]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("cp uploads, downloads, copies remote→remote, and recursively both ways", async () => {
    const src = join(fx.dir, "up.txt");
    writeFileSync(src, "uploaded by cp");
    expect((await runCli(["cp", src, `t/${fx.name}/up/`], fx.env)).code).toBe(0);
    expect((await fx.bucket.object("up/up.txt").stat()).size).toBe(14);
    const down = join(fx.dir, "down.txt");
    expect((await runCli(["cp", `t/${fx.name}/up/up.txt`, down], fx.env)).code).toBe(0);
    expect(readFileSync(down, "utf8")).toBe("uploaded by cp");
    expect((await runCli(["cp", `t/${fx.name}/up/up.txt`, `t/${fx.name}/copied.txt`], fx.env)).code).toBe(0);
    expect((await fx.bucket.object("copied.txt").stat()).size).toBe(14);
    const dir = join(fx.dir, "docs-copy");
    const r = await runCli(["--json", "cp", "-r", `t/${fx.name}/docs`, dir], fx.env);
    expect(r.code).toBe(0);
    expect(jsonLines(r)).toHaveLength(3);
    expect(readFileSync(join(dir, "deep/c.txt"), "utf8")).toBe("x".repeat(2000));
    expect(readdirSync(join(dir, "deep")).filter((n) => n.includes(".part.quarry"))).toEqual([]);
    expect((await runCli(["cp", "-r", dir, `t/${fx.name}/back/`], fx.env)).code).toBe(0);
    const back = await fx.bucket.objects().prefix("back/").recursive().toArray();
    expect(back.map((o) => o.objectName)).toEqual(["back/a.txt", "back/b.md", "back/deep/c.txt"]);
  });

  it("mv copies then removes the source", async () => {
    await fx.bucket.object("mv/from.txt").put("moving");
    expect((await runCli(["mv", `t/${fx.name}/mv/from.txt`, `t/${fx.name}/mv/to.txt`], fx.env)).code).toBe(0);
    const keys = (await fx.bucket.objects().prefix("mv/").recursive().toArray()).map((o) => o.objectName);
    expect(keys).toEqual(["mv/to.txt"]);
  });

  it("find filters by name, size and metadata; --print formats; explain shows the plan", async () => {
    const names = await runCli(["find", `t/${fx.name}/docs/`, "--name", "*.txt"], fx.env);
    expect(names.stdout.trim().split("\n")).toEqual([`t/${fx.name}/docs/a.txt`, `t/${fx.name}/docs/deep/c.txt`]);
    const big = await runCli(["find", `t/${fx.name}`, "--larger", "1KiB", "--smaller", "4KiB", "--print", "{base} {size}"], fx.env);
    expect(big.stdout.trim().split("\n")).toContain("c.txt 2000");
    expect(big.stdout).not.toContain("p.jpg");
    const shallow = await runCli(["find", `t/${fx.name}/docs/`, "--maxdepth", "1"], fx.env);
    expect(shallow.stdout).not.toContain("deep/");
    const meta = await runCli(["find", `t/${fx.name}`, "--metadata", "camera=nikon", "--tags", "team=blue"], fx.env);
    expect(meta.stdout.trim()).toBe(`t/${fx.name}/img/p.jpg`);
    const recent = await runCli(["find", `t/${fx.name}/docs/`, "--older-than", "1d"], fx.env);
    expect(recent.stdout.trim()).toBe("");
    const plan = jsonLines(await runCli(["--json", "explain", `t/${fx.name}/docs/`, "--name", "*.txt"], fx.env))[0]!;
    expect(plan).toMatchObject({ kind: "Query", scans: [{ kind: "ListObjects", prefix: "docs/" }], client: [{ predicate: { kind: "Name", pattern: "*.txt" } }] });
    const badSize = await runCli(["find", `t/${fx.name}`, "--larger", "lots"], fx.env);
    expect(badSize.code).toBe(2);
    expect(badSize.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("du totals a prefix and groups by depth", async () => {
    const total = jsonLines(await runCli(["--json", "du", `t/${fx.name}/docs/`], fx.env));
    expect(total).toEqual([expect.objectContaining({ prefix: "docs/", objects: 3, size: 5 + 11 + 2000 })]);
    const grouped = jsonLines(await runCli(["--json", "du", "--depth", "1", `t/${fx.name}/docs/`], fx.env));
    expect(grouped.map((g) => [g["prefix"], g["objects"]])).toEqual([["docs/", 2], ["docs/deep/", 1]]);
  });

  it("mirror --dry-run changes nothing; mirror copies what differs; --remove deletes extras", async () => {
    const dir = join(fx.dir, "mirror-src");
    mkdirSync(join(dir, "sub"), { recursive: true });
    writeFileSync(join(dir, "one.txt"), "1");
    writeFileSync(join(dir, "sub/two.txt"), "22");
    await fx.bucket.object("mirror/extra.txt").put("extra");
    const dry = jsonLines(await runCli(["--json", "mirror", "--dry-run", "--remove", dir, `t/${fx.name}/mirror`], fx.env));
    expect(dry.filter((l) => l["action"] === "copy")).toHaveLength(2);
    expect(dry.filter((l) => l["action"] === "remove")).toHaveLength(1);
    expect((await fx.bucket.objects().prefix("mirror/").recursive().toArray()).map((o) => o.objectName)).toEqual(["mirror/extra.txt"]);
    expect((await runCli(["mirror", "--remove", dir, `t/${fx.name}/mirror`], fx.env)).code).toBe(0);
    expect((await fx.bucket.objects().prefix("mirror/").recursive().toArray()).map((o) => o.objectName)).toEqual(["mirror/one.txt", "mirror/sub/two.txt"]);
    const again = jsonLines(await runCli(["--json", "mirror", dir, `t/${fx.name}/mirror`], fx.env));
    expect(again).toEqual([]);
  });

  it("mirror between two prefixes of one alias copies server-side (mirrorTo): again copies nothing; --remove deletes extras", async () => {
    await fx.bucket.object("b2b-dst/stale.txt").put("stale");
    await fx.bucket.object("b2b-dst/a.txt").put("alpha"); // already there: unchanged, not printed
    const dry = jsonLines(await runCli(["--json", "mirror", "--dry-run", "--remove", `t/${fx.name}/docs`, `t/${fx.name}/b2b-dst`], fx.env));
    expect(dry.every((l) => l["dryRun"] === true)).toBe(true);
    expect(dry.filter((l) => l["action"] === "copy").map((l) => l["target"]).sort()).toEqual(["b.md", "deep/c.txt"].map((k) => `t/${fx.name}/b2b-dst/${k}`));
    expect(dry.filter((l) => l["action"] === "remove").map((l) => l["target"])).toEqual([`t/${fx.name}/b2b-dst/stale.txt`]);
    expect((await fx.bucket.objects().prefix("b2b-dst/").recursive().toArray()).map((o) => o.objectName)).toEqual(["b2b-dst/a.txt", "b2b-dst/stale.txt"]);
    const first = jsonLines(await runCli(["--json", "mirror", "--remove", `t/${fx.name}/docs`, `t/${fx.name}/b2b-dst`], fx.env));
    expect(first.filter((l) => l["action"] === "copy").map((l) => l["target"]).sort()).toEqual(
      ["b.md", "deep/c.txt"].map((k) => `t/${fx.name}/b2b-dst/${k}`),
    );
    expect(first.filter((l) => l["action"] === "remove").map((l) => l["target"])).toEqual([`t/${fx.name}/b2b-dst/stale.txt`]);
    expect((await fx.bucket.objects().prefix("b2b-dst/").recursive().toArray()).map((o) => o.objectName)).toEqual(["b2b-dst/a.txt", "b2b-dst/b.md", "b2b-dst/deep/c.txt"]);
    expect((await fx.bucket.object("b2b-dst/deep/c.txt").stat()).size).toBe(2000);
    const again = jsonLines(await runCli(["--json", "mirror", "--remove", `t/${fx.name}/docs`, `t/${fx.name}/b2b-dst`], fx.env));
    expect(again).toEqual([]);
  });

  it("presign prints a URL that fetches the object without credentials", async () => {
    const url = (await runCli(["presign", "--expire", "1h", `t/${fx.name}/docs/a.txt`], fx.env)).stdout.trim();
    expect(url).toContain("X-Amz-Signature=");
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("alpha");
  });

  it("select runs SQL on a CSV object", async () => {
    await fx.bucket.object("data/people.csv").put("name,city\nada,Oslo\nbob,Rome\ncy,Oslo\n");
    const r = await runCli(["select", `t/${fx.name}/data/people.csv`, "--query", "select s.name from S3Object s where s.city = 'Oslo'"], fx.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("ada\ncy\n");
  });

  it("rm removes one object, refuses a prefix without --force, and rm -r --force removes everything under it", async () => {
    expect((await runCli(["rm", `t/${fx.name}/copied.txt`], fx.env)).code).toBe(0);
    expect(await fx.bucket.objects().prefix("copied.txt").toArray()).toEqual([]);
    const refused = await runCli(["rm", "-r", `t/${fx.name}/back/`], fx.env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--force");
    const r = jsonLines(await runCli(["--json", "rm", "-r", "--force", `t/${fx.name}/back/`], fx.env));
    expect(r.map((l) => l["result"])).toEqual(["done", "done", "done"]);
    expect(await fx.bucket.objects().prefix("back/").recursive().toArray()).toEqual([]);
  });

  it("mb and rb --force create and remove a bucket with objects", async () => {
    const name = `${fx.name}-mb`;
    expect((await runCli(["mb", `t/${name}`], fx.env)).code).toBe(0);
    expect(await fx.s3.bucket(name).exists()).toBe(true);
    expect((await runCli(["mb", `t/${name}`], fx.env)).code).toBe(1);
    expect((await runCli(["mb", "-p", `t/${name}`], fx.env)).code).toBe(0);
    await fx.s3.bucket(name).object("k").put("v");
    expect((await runCli(["rb", "--force", `t/${name}`], fx.env)).code).toBe(0);
    expect(await fx.s3.bucket(name).exists()).toBe(false);
  });

  it("errors are one line with a stable exit code; --debug adds the stack; no secret is printed", async () => {
    const missing = await runCli(["cat", `t/${fx.name}/no/such/key`], fx.env);
    expect(missing.code).toBe(3);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toMatch(/^quarry: NoSuchKey/);
    const debug = await runCli(["--debug", "cat", `t/${fx.name}/no/such/key`], fx.env);
    expect(debug.stderr.split("\n").length).toBeGreaterThan(3);
    const down = await runCli(["ls", "x/no-server-here"], { ...fx.env, MC_HOST_x: "http://k:s@127.0.0.1:1" });
    expect(down.code).toBe(4);
    const secret = servers().plain.secretKey;
    for (const r of [missing, debug, down]) expect(r.stderr + r.stdout).not.toContain(secret);
  });

  it("reads aliases from mc's config.json via --config-dir", async () => {
    const s = servers().plain;
    const dir = mkdtempSync(join(tmpdir(), "quarry-mc-"));
    writeFileSync(join(dir, "config.json"), JSON.stringify({ version: "10", aliases: { cfg: { url: s.endpoint, accessKey: s.accessKey, secretKey: s.secretKey, api: "s3v4", path: "auto" } } }));
    const r = await runCli(["--config-dir", dir, "cat", `cfg/${fx.name}/docs/a.txt`], fx.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("alpha");
    expect(existsSync(join(dir, "config.json"))).toBe(true);
  });

  it("s3:// addresses use the AWS environment", async () => {
    const s = servers().plain;
    const aws = { ...fx.env, AWS_ENDPOINT_URL: s.endpoint, AWS_ACCESS_KEY_ID: s.accessKey, AWS_SECRET_ACCESS_KEY: s.secretKey, AWS_REGION: "us-east-1" };
    const r = await runCli(["cat", `s3://${fx.name}/docs/a.txt`], aws);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("alpha");
  });
});
