import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** A fenced TypeScript block of a Markdown file. */
export interface CodeBlock {
  /** Where it is, e.g. `docs-site/streams.md:42` (the line of the opening fence). */
  readonly where: string;
  /** The Markdown file, relative to the repository. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** Whether the fence says `run` (```ts run): executed against the test MinIO. */
  readonly runnable: boolean;
  readonly code: string;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*(\S*)\s*(.*)$/;
const TS_LANGS = new Set(["ts", "typescript", "mts"]);

/** The ```ts blocks of one Markdown text (```ts run marks a runnable one). */
export function codeBlocks(markdown: string, file: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const out: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang, info] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = FENCE.exec(lines[j]!);
      if (close && close[2]!.startsWith(fence![0]!) && close[2]!.length >= fence!.length && close[3] === "") break;
      body.push(lines[j]!.startsWith(indent!) ? lines[j]!.slice(indent!.length) : lines[j]!);
    }
    if (TS_LANGS.has(lang!.toLowerCase())) {
      out.push({ where: `${file}:${i + 1}`, file, line: i + 1, runnable: /(^|\s)run(\s|$)/.test(info!), code: body.join("\n") });
    }
    i = j;
  }
  return out;
}

/** Markdown files of the docs: docs-site/**\/*.md (not generated or built output) and README.md. */
export function docsMarkdownFiles(repo: string): string[] {
  const skip = new Set(["node_modules", "api", "public", "dist", "cache", ".generated"]);
  const found: string[] = [join(repo, "README.md")];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (skip.has(name)) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".md")) found.push(path);
    }
  };
  walk(join(repo, "docs-site"));
  return found.map((f) => relative(repo, f));
}

/** Every ```ts block of the docs. */
export function docsCodeBlocks(repo: string): CodeBlock[] {
  return docsMarkdownFiles(repo).flatMap((f) => codeBlocks(readFileSync(join(repo, f), "utf8"), f));
}
