import ts from "typescript";
import { S3 } from "../../../lib/index.js";

/** A ```ts block ending in `.explain("text")` and the plain ``` block printed right after it. */
export interface ExplainExample {
  /** 1-based line of the ```ts fence. */
  readonly line: number;
  readonly code: string;
  /** The printed plan as the page shows it. */
  readonly shown: string;
  /** Offsets of the printed plan in the page (for rewriting it). */
  readonly shownStart: number;
  readonly shownEnd: number;
}

/** A ```ts block directly followed by a plain ``` block (neither body may hold a fence). */
const PAIR = /^```ts\n((?:(?!\n```)[\s\S])*?)\n```\n```\n((?:(?!\n```)[\s\S])*?)\n```$/gm;

/** Every ```ts block of `markdown` whose code calls `explain("text")` and is followed by its output. */
export function explainExamples(markdown: string): ExplainExample[] {
  const out: ExplainExample[] = [];
  for (const m of markdown.matchAll(PAIR)) {
    const [whole, code, shown] = m;
    if (!code!.includes('.explain("text")')) continue;
    const shownEnd = m.index + whole.length - "\n```".length;
    out.push({ line: markdown.slice(0, m.index).split("\n").length, code: code!, shown: shown!, shownStart: shownEnd - shown!.length, shownEnd });
  }
  return out;
}

/**
 * What the example's code prints: the block must be one expression statement on the reader's
 * `s3` (no I/O: explain only plans), evaluated with a real client whose endpoint is never called.
 */
export function printedPlan(code: string): string {
  const source = ts.createSourceFile("example.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const [statement, ...rest] = source.statements;
  if (!statement || rest.length > 0 || !ts.isExpressionStatement(statement)) throw new Error("an explain example must be one expression statement");
  const js = ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  const s3 = new S3({ endpoint: "http://127.0.0.1:9", accessKey: "docs", secretKey: "docs-example-key", region: "us-east-1" });
  try {
    const value: unknown = new Function("s3", `return (${js.trim().replace(/;$/, "")});`)(s3);
    if (typeof value !== "string") throw new Error(`the example evaluated to ${typeof value}, not the explain("text") string`);
    return value;
  } finally {
    s3.close();
  }
}

/** `markdown` with every explain example's shown output replaced by what its code prints. */
export function regenerate(markdown: string): string {
  let out = markdown;
  for (const ex of explainExamples(markdown).reverse()) out = out.slice(0, ex.shownStart) + printedPlan(ex.code) + out.slice(ex.shownEnd);
  return out;
}
