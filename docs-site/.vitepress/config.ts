/**
 * VitePress configuration of the documentation site (`npm run docs` builds it into
 * docs-site/.vitepress/dist, with the TypeDoc API reference under /api/).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitepress";
import { writeBenchPages } from "./bench-tables.js";
import { sidebar } from "./pages.js";

const srcDir = fileURLToPath(new URL("..", import.meta.url));
const repoDir = fileURLToPath(new URL("../..", import.meta.url));

// The Performance page includes tables generated from bench/*/results/latest.json.
writeBenchPages(repoDir, srcDir);

export default defineConfig({
  title: "Quarry",
  description: "A fluent, reactive TypeScript client for S3-compatible object storage",
  lang: "en-US",
  // The site must work offline and from any static server: no external fonts, no CDN.
  head: [["link", { rel: "icon", type: "image/svg+xml", href: "/favicon.svg" }]],
  srcExclude: ["examples/**", "api/**", "public/**", "**/README.md"],
  ignoreDeadLinks: false,
  lastUpdated: false,
  themeConfig: {
    nav: [
      { text: "Guide", link: "/getting-started" },
      { text: "Porting", link: "/porting" },
      { text: "API", link: "/api/index.html", target: "_self" },
    ],
    sidebar: sidebar(srcDir),
    search: { provider: "local" },
    outline: [2, 3],
  },
});
