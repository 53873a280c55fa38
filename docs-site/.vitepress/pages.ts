/**
 * The site's pages, in sidebar order. A page is listed only when its Markdown file exists, so
 * branches can add pages (queries.md, removal.md, …) by dropping the file in and, to place it,
 * adding one line here; any other top-level page that is not listed still appears under "More".
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One sidebar entry: the page's file name (without .md) and its title in the sidebar. */
export interface PageEntry {
  readonly page: string;
  readonly title: string;
}

/** Sidebar groups in order. Pages whose file does not exist are left out. */
export const SECTIONS: ReadonlyArray<{ readonly title: string; readonly pages: readonly PageEntry[] }> = [
  {
    title: "Guide",
    pages: [
      { page: "getting-started", title: "Getting started" },
      { page: "guide", title: "Concepts" },
      { page: "queries", title: "Queries" },
      { page: "streams", title: "Streams" },
      { page: "select", title: "S3 Select" },
      { page: "transfers", title: "Transfers" },
      { page: "presigning", title: "Presign" },
      { page: "credentials", title: "Credentials" },
      { page: "errors", title: "Errors and retries" },
    ],
  },
  {
    title: "Reference",
    pages: [
      { page: "porting", title: "Porting from the MinIO Python SDK" },
      { page: "performance", title: "Performance" },
    ],
  },
];

/** Files in the site root that are not sidebar pages. */
const NOT_PAGES = new Set(["index"]);

/** The first "# " heading of a page, or its file name. */
function titleOf(file: string, fallback: string): string {
  const m = /^#\s+(.+)$/m.exec(readFileSync(file, "utf8"));
  return m ? m[1]!.trim() : fallback;
}

/** A sidebar group as VitePress takes it. */
export interface SidebarGroup {
  readonly text: string;
  readonly items: Array<{ text: string; link: string; target?: string }>;
}

/** VitePress sidebar items for the pages present in `srcDir`. */
export function sidebar(srcDir: string): SidebarGroup[] {
  const listed = new Set<string>();
  const groups: SidebarGroup[] = SECTIONS.map((s) => ({
    text: s.title,
    items: s.pages
      .filter((p) => existsSync(join(srcDir, `${p.page}.md`)))
      .map((p) => {
        listed.add(p.page);
        return { text: p.title, link: `/${p.page}` };
      }),
  }));
  const extra = readdirSync(srcDir)
    .filter((f) => f.endsWith(".md"))
    .map((f) => f.slice(0, -3))
    .filter((p) => !listed.has(p) && !NOT_PAGES.has(p) && p.toUpperCase() !== "README")
    .sort();
  if (extra.length > 0) groups.push({ text: "More", items: extra.map((p) => ({ text: titleOf(join(srcDir, `${p}.md`), p), link: `/${p}` })) });
  groups.push({ text: "API", items: [{ text: "API reference (TypeDoc)", link: "/api/index.html", target: "_self" }] });
  return groups.filter((g) => g.items.length > 0);
}
