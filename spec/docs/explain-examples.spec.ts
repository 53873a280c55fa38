import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { explainExamples, printedPlan, regenerate } from "./support/explain-blocks.js";

// The Queries page shows explain("text") output under each example query. Those outputs are
// checked here against what the code above them prints, so they cannot drift from the planner.
// After a planner change, regenerate them with:
//   QUARRY_UPDATE_DOCS=1 npx vitest run spec/docs/explain-examples.spec.ts
const page = resolve(import.meta.dirname, "../../docs-site/queries.md");
const markdown = readFileSync(page, "utf8");
const examples = explainExamples(markdown);

if (process.env.QUARRY_UPDATE_DOCS === "1") {
  const updated = regenerate(markdown);
  if (updated !== markdown) writeFileSync(page, updated);
}

describe("docs-site/queries.md explain() examples", () => {
  it("shows at least three queries with their explain(\"text\") output", () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples.map((ex) => [`queries.md:${ex.line}`, ex] as const))("%s prints exactly the plan shown under it", (_where, ex) => {
    expect(ex.shown).toBe(printedPlan(ex.code));
  });

  it("a hand-edited output is caught, and regenerating restores the page", () => {
    const ex = examples[0]!;
    const drifted = `${markdown.slice(0, ex.shownStart)}${ex.shown.replace(/limit \d+/, "limit 10")}${markdown.slice(ex.shownEnd)}`;
    expect(drifted).not.toBe(markdown);
    const [again] = explainExamples(drifted);
    expect(again!.shown).not.toBe(printedPlan(again!.code));
    expect(regenerate(drifted)).toBe(markdown);
  });
});
