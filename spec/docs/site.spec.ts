import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brokenLinks, htmlFiles, staticLinks, type FoundLink } from "./support/link-check.js";
import { serveStatic } from "./support/static-server.js";

const repo = resolve(import.meta.dirname, "../..");
const srcDir = join(repo, "docs-site");
const dist = join(srcDir, ".vitepress", "dist");
/** Debian's chromium package (`.ci/run` installs it); never a downloaded browser. */
const CHROMIUM = "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let site: { url: string; close: () => Promise<void> };
let context: BrowserContext;
let userDataDir: string;
/** What the browser saw on each page it opened. */
const visits = new Map<string, { errors: string[]; links: FoundLink[]; codeBlocks: number; highlighted: number }>();

/** The site's own pages: one per Markdown file in docs-site/, plus the API reference's entry. */
const guidePages = readdirSync(srcDir).filter((f) => f.endsWith(".md")).map((f) => f.slice(0, -3));
const pagePaths = [...guidePages.map((p) => (p === "index" ? "/" : `/${p}.html`)), "/api/index.html", "/api/classes/Minio.html"];

/** Fenced code blocks of a Markdown page (any language). */
function fences(page: string): number {
  const md = readFileSync(join(srcDir, `${page}.md`), "utf8");
  return Math.floor((md.match(/^\s*```/gm) ?? []).length / 2);
}

/** Opens one page in a fresh tab (so one page's prefetches cannot be blamed on the next). */
async function visit(path: string): Promise<void> {
  const errors: string[] = [];
  const page: Page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("response", (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  const response = await page.goto(site.url + path, { waitUntil: "networkidle" });
  if (!response || response.status() !== 200) errors.push(`HTTP ${response?.status()} for the page itself`);
  const links = await page.$$eval("a[href]", (as) => as.map((a) => (a as unknown as { href: string }).href));
  const codeBlocks = await page.locator("div[class*='language-'] pre code").count();
  const highlighted = await page.locator("div[class*='language-'] pre code span.line span[style]").count();
  visits.set(path, { errors: [...errors], links: links.filter((h) => /^https?:/.test(h)).map((href) => ({ from: path, href })), codeBlocks, highlighted });
  await page.close();
}

describe("docs site in headless Chromium", () => {
  beforeAll(async () => {
    // A missing browser is a failure, never a skip: .ci/run installs Debian's chromium.
    expect(existsSync(CHROMIUM), `${CHROMIUM} missing: apt-get install -y chromium`).toBe(true);
    execFileSync("npm", ["run", "--silent", "docs"], { cwd: repo, stdio: "pipe" });
    site = await serveStatic(dist);
    userDataDir = mkdtempSync(join(tmpdir(), "quarry-docs-chromium-"));
    // A fresh profile: playwright passes it to chromium as --user-data-dir.
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: FLAGS });
    for (const path of pagePaths) await visit(path);
  }, 600_000);

  afterAll(async () => {
    await context?.close();
    await site?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it("built a page for every Markdown file, the API reference and the generated bench tables", () => {
    for (const p of guidePages) expect(existsSync(join(dist, p === "index" ? "index.html" : `${p}.html`)), p).toBe(true);
    expect(existsSync(join(dist, "api", "classes", "Minio.html"))).toBe(true);
    const perf = readFileSync(join(dist, "performance.html"), "utf8");
    expect(perf).toContain("bench/list");
    expect(perf).not.toContain("@include");
    expect(perf).toMatch(/<table/);
  });

  it("opens every page with no console errors, failed requests or page errors", () => {
    expect([...visits.keys()].sort()).toEqual([...pagePaths].sort());
    const problems = [...visits].flatMap(([path, v]) => v.errors.map((e) => `${path}: ${e}`));
    expect(problems).toEqual([]);
  });

  it("renders every fenced code block, syntax-highlighted", () => {
    for (const p of guidePages) {
      const v = visits.get(p === "index" ? "/" : `/${p}.html`)!;
      expect(v.codeBlocks, `${p}: code blocks`).toBe(fences(p));
      if (v.codeBlocks > 0) expect(v.highlighted, `${p}: highlighted tokens`).toBeGreaterThan(0);
    }
  });

  it("resolves every internal link and anchor, on the guide pages and across the whole API reference", () => {
    const seen = [...visits.values()].flatMap((v) => v.links);
    const api = htmlFiles(join(dist, "api")).flatMap((f) => staticLinks(dist, f, site.url));
    expect(seen.length).toBeGreaterThan(50);
    expect(api.length).toBeGreaterThan(100);
    expect(brokenLinks([...seen, ...api], site.url, dist)).toEqual([]);
    // The checker itself catches a bad page and a bad anchor.
    expect(brokenLinks([{ from: "/", href: `${site.url}/no-such-page.html` }, { from: "/", href: `${site.url}/porting.html#no-such-anchor` }], site.url, dist)).toHaveLength(2);
  });

  it("finds removeObjects with the site search", async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/`, { waitUntil: "networkidle" });
    await page.locator("button.DocSearch").first().click();
    await page.locator("#localsearch-input").fill("removeObjects");
    const results = page.locator("#localsearch-list a.result");
    await results.first().waitFor({ timeout: 15_000 });
    const hrefs = await results.evaluateAll((as) => as.map((a) => (a as unknown as { pathname: string }).pathname));
    // Pages that show the word once built (generated includes count: bench tables name clients).
    const pagesWithIt = guidePages.map((p) => `/${p}.html`).filter((p) => readFileSync(join(dist, p), "utf8").includes("removeObjects"));
    expect(pagesWithIt.length).toBeGreaterThan(0);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const h of hrefs) expect(pagesWithIt, h).toContain(h);
    // Following the first result lands on a page that shows the name.
    await results.first().click();
    await page.waitForLoadState("networkidle");
    expect(await page.locator(".vp-doc").innerText()).toContain("removeObjects");
  });

  it("reaches the API reference from the guide's navigation (a full page load, not the SPA router)", async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/getting-started.html`, { waitUntil: "networkidle" });
    await page.locator(".VPSidebar a[href='/api/index.html']").click();
    await page.waitForURL(`${site.url}/api/index.html`);
    await page.waitForLoadState("load");
    expect(await page.title()).toMatch(/^Quarry/);
    expect(await page.locator(".tsd-accordion").count()).toBeGreaterThan(0);
    await page.close();
  });
});
