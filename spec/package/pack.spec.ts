import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = resolve(import.meta.dirname, "../..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let work: string;
let tarball: string;
let files: string[];

/** What users get: the packed tarball, installed into an empty project. */
describe("npm pack → install → import", () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "quarry-pack-"));
    const out = execFileSync(npm, ["pack", "--json", "--pack-destination", work, "--loglevel=error"], { cwd: repo, encoding: "utf8" });
    const info = JSON.parse(out.slice(out.indexOf("["))) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = join(work, info[0]!.filename);
    files = info[0]!.files.map((f) => f.path);
    writeFileSync(join(work, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", type: "module", private: true }));
    execFileSync(npm, ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball, "@types/node@20"], { cwd: work, encoding: "utf8" });
  }, 240_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("ships compiled JS and type declarations, not sources or specs", () => {
    expect(files).toContain("dist/index.js");
    expect(files).toContain("dist/index.d.ts");
    expect(files).toContain("dist/minio.d.ts");
    expect(files.some((f) => f.startsWith("lib/") || f.startsWith("spec/") || f.startsWith("bench/"))).toBe(false);
  });

  it("imports S3 and Minio from plain Node ESM; internals stay behind the exports map", () => {
    const script = `
      import { S3, Minio, S3Error, InvalidArgumentError } from "quarry";
      const s3 = new S3({ endpoint: "http://127.0.0.1:9000", accessKey: "a", secretKey: "b" });
      const plan = s3.bucket("photos").objects().prefix("x/").recursive().explain().scans[0];
      const m = new Minio("127.0.0.1:9000", { secure: false });
      let internal = "hidden";
      try { await import("quarry/dist/exec/executor.js"); internal = "exposed"; } catch {}
      console.log(JSON.stringify({ kind: plan.kind, prefix: plan.prefix, facade: typeof m.listObjects, err: new S3Error({ code: "X", message: "m", status: 400 }) instanceof Error, internal, iae: typeof InvalidArgumentError }));
      s3.close(); m.close();
    `;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: work, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({ kind: "ListObjects", prefix: "x/", facade: "function", err: true, internal: "hidden", iae: "function" });
  });

  it("ships the quarry bin: `quarry --version` runs from the installed package", () => {
    expect(files).toContain("dist/cli/main.js");
    const bin = join(work, "node_modules/.bin", process.platform === "win32" ? "quarry.cmd" : "quarry");
    const out = execFileSync(bin, ["--version"], { cwd: work, encoding: "utf8" });
    expect(out.trim()).toBe(JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).version);
  });

  it("type-checks a TypeScript consumer against the shipped declarations", () => {
    writeFileSync(join(work, "use.ts"), `
      import { S3, Minio, type ObjectInfo } from "quarry";
      const s3 = new S3({ endpoint: "http://127.0.0.1:9000" });
      const q = s3.bucket("b").objects().recursive();
      const sub = q.stream().subscribe((o: ObjectInfo) => o.objectName.toUpperCase());
      sub.unsubscribe();
      const size: number | undefined = (null as unknown as ObjectInfo).size;
      void size; void Minio;
      // @ts-expect-error unknown option is a type error
      s3.bucket("b").objects().prefix(42);
    `);
    writeFileSync(join(work, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "nodenext", moduleResolution: "nodenext", target: "es2022", strict: true, noEmit: true, skipLibCheck: false, types: ["node"] }, files: ["use.ts"] }));
    const tsc = join(repo, "node_modules/typescript/bin/tsc");
    execFileSync(process.execPath, [tsc, "-p", join(work, "tsconfig.json")], { cwd: work, encoding: "utf8" });
    expect(readdirSync(join(work, "node_modules/quarry/dist")).length).toBeGreaterThan(10);
  });
});
