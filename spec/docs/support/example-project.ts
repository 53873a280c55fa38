import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import type { CodeBlock } from "./code-blocks.js";

/**
 * Names the doc examples may use without declaring them (the reader's own values). A block
 * that declares one of them itself (`const s3 = new S3(…)`) shadows it.
 */
export const DOCS_GLOBALS = `import type { Minio, S3 } from "quarry";
import type { Readable } from "node:stream";
declare global {
  const s3: S3;
  const minio: Minio;
  const accessKey: string;
  const secretKey: string;
  const jpegBuffer: Buffer;
  const files: Array<{ name: string; path: string }>;
  const someReadable: Readable;
  const file: Blob;
}
export {};
`;

/** A scratch project in which "quarry" is the BUILT package (tsc output + package.json). */
export interface ExampleProject {
  readonly dir: string;
  /** Path of block `i`'s source file. */
  blockFile(i: number): string;
}

/**
 * Builds lib/ into <dir>/node_modules/quarry/dist (its own outDir: never racing other specs
 * on dist/), copies package.json beside it, and writes one module per block plus the globals.
 * The project lives inside the repository, so rxjs and @types/node resolve from its node_modules.
 */
export function createExampleProject(repo: string, dir: string, blocks: readonly CodeBlock[]): ExampleProject {
  rmSync(dir, { recursive: true, force: true });
  const pkg = join(dir, "node_modules", "quarry");
  mkdirSync(join(dir, "blocks"), { recursive: true });
  execFileSync(process.execPath, [join(repo, "node_modules", "typescript", "bin", "tsc"), "-p", join(repo, "tsconfig.build.json"), "--outDir", join(pkg, "dist"), "--declarationMap", "false", "--sourceMap", "false"], { cwd: repo, stdio: "pipe" });
  copyFileSync(join(repo, "package.json"), join(pkg, "package.json"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "quarry-doc-examples", private: true, type: "module" }));
  writeFileSync(join(dir, "docs-globals.d.ts"), DOCS_GLOBALS);
  const blockFile = (i: number) => join(dir, "blocks", `block-${String(i).padStart(3, "0")}.ts`);
  blocks.forEach((b, i) => writeFileSync(blockFile(i), `${b.code}\nexport {};\n`));
  return { dir, blockFile };
}

/** Compiler options of the examples: the repository's strictness, resolved like a user's project. */
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
  types: ["node"],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  esModuleInterop: true,
};

/** One type error, placed at its line in the Markdown source. */
export interface ExampleDiagnostic {
  readonly where: string;
  readonly message: string;
}

/** Type-checks every block of the project as one program; returns the errors by block. */
export function typeCheck(project: ExampleProject, blocks: readonly CodeBlock[]): ExampleDiagnostic[] {
  const files = blocks.map((_, i) => project.blockFile(i));
  const program = ts.createProgram([join(project.dir, "docs-globals.d.ts"), ...files], { ...OPTIONS, typeRoots: undefined });
  const byFile = new Map(files.map((f, i) => [f, blocks[i]!]));
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const block = d.file ? byFile.get(d.file.fileName) : undefined;
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!block || d.start === undefined || !d.file) return { where: d.file?.fileName ?? "(program)", message };
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    return { where: `${block.file}:${block.line + 1 + line}`, message };
  });
}

/** A runnable block as JavaScript, with the test server's endpoint in place of the docs' one. */
export function runnableSource(code: string, endpoint: string): string {
  const url = new URL(endpoint);
  const js = ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  return js.replaceAll('"http://127.0.0.1:9000"', JSON.stringify(url.origin)).replaceAll('"127.0.0.1:9000"', JSON.stringify(url.host));
}

/**
 * The script that runs one block (`node runner.mjs block.mjs`): it gives the block the reader's
 * globals from QUARRY_DOCS_* environment variables, imports it, and exits 0 when it finished
 * (keep-alive sockets do not hold the process) or 1 with the error when it threw.
 */
export const RUNNER = `import { pathToFileURL } from "node:url";
import { Minio, S3 } from "quarry";
const endpoint = process.env.QUARRY_DOCS_ENDPOINT;
const accessKey = process.env.QUARRY_DOCS_ACCESS_KEY;
const secretKey = process.env.QUARRY_DOCS_SECRET_KEY;
const url = new URL(endpoint);
Object.assign(globalThis, {
  accessKey,
  secretKey,
  s3: new S3({ endpoint, accessKey, secretKey }),
  minio: new Minio(url.host, { accessKey, secretKey, secure: url.protocol === "https:" }),
});
try {
  await import(pathToFileURL(process.argv[2]).href);
  process.exit(0);
} catch (err) {
  console.error(err);
  process.exit(1);
}
`;
