import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repo = resolve(import.meta.dirname, "../..");

/** Public method names of class Minio, read from its source (not private, protected or #). */
function minioMethods(): string[] {
  const file = join(repo, "lib", "minio.ts");
  const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const names: string[] = [];
  sf.forEachChild((node) => {
    if (!ts.isClassDeclaration(node) || node.name?.text !== "Minio") return;
    for (const m of node.members) {
      if (!ts.isMethodDeclaration(m) || !m.name || ts.isPrivateIdentifier(m.name)) continue;
      const hidden = ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword || x.kind === ts.SyntaxKind.StaticKeyword);
      if (!hidden) names.push(m.name.getText(sf));
    }
  });
  return names;
}

/** Rows of the porting table: [seed, facade, fluent] cells. */
function portingRows(): string[][] {
  const md = readFileSync(join(repo, "docs-site", "porting.md"), "utf8");
  return md.split("\n")
    .filter((l) => l.startsWith("| ") && !l.startsWith("| ---"))
    .map((l) => l.slice(1, -1).split(" | ").map((c) => c.trim()))
    .filter((cells) => cells.length === 3 && cells[0] !== "seed (Python)");
}

const snake = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe("docs-site/porting.md: the seed → facade → fluent table", () => {
  const methods = minioMethods();
  const rows = portingRows();

  it("reads the facade's methods", () => {
    expect(methods.length).toBeGreaterThan(40);
    expect(methods).toContain("makeBucket");
    expect(methods).not.toContain("constructor");
  });

  it("has a row for every public method of Minio, with its seed name and a fluent call", () => {
    const missing: string[] = [];
    for (const name of methods) {
      const row = rows.find((r) => r[1]!.startsWith(`\`${name}(`));
      if (!row) {
        missing.push(name);
        continue;
      }
      if (row[0]!.startsWith("`")) expect(row[0], name).toBe(`\`${snake(name)}\``);
      expect(row[2], name).toMatch(/^`(s3|b|o)\./);
    }
    expect(missing, "methods of Minio missing from docs-site/porting.md").toEqual([]);
  });

  it("names only seed methods in snake_case, each once", () => {
    const seeds = rows.map((r) => r[0]!).filter((c) => c.startsWith("`"));
    expect(new Set(seeds).size).toBe(seeds.length);
    for (const s of seeds) expect(s).toMatch(/^`[a-z]+(_[a-z]+)*`$/);
    for (const r of rows.filter((x) => x[0]!.startsWith("`"))) {
      const facade = /^`(\w+)\(/.exec(r[1]!)?.[1];
      expect(facade && `\`${snake(facade)}\``, r[0]).toBe(r[0]);
    }
  });
});
