import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { resolveStatic } from "./static-server.js";

/** A link found on a page: the page it is on and the absolute URL it points to. */
export interface FoundLink {
  readonly from: string;
  readonly href: string;
}

const idCache = new Map<string, Set<string>>();

/** The ids (and a[name]s) of an HTML file: the anchors a `#hash` can land on. */
function anchorsOf(file: string): Set<string> {
  let ids = idCache.get(file);
  if (!ids) {
    const html = readFileSync(file, "utf8");
    ids = new Set([...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&")));
    idCache.set(file, ids);
  }
  return ids;
}

/**
 * The links that do not resolve: same-origin targets that are no file of the built site, or
 * whose `#anchor` is no id on the target page. Other origins are not followed.
 */
export function brokenLinks(links: readonly FoundLink[], origin: string, root: string): string[] {
  const broken: string[] = [];
  for (const { from, href } of links) {
    const url = new URL(href);
    if (url.origin !== origin) continue;
    const file = resolveStatic(root, url.pathname);
    if (!file) {
      broken.push(`${from} → ${url.pathname}: no such page`);
      continue;
    }
    const hash = decodeURIComponent(url.hash.slice(1));
    if (hash && file.endsWith(".html") && !anchorsOf(file).has(hash)) broken.push(`${from} → ${url.pathname}#${hash}: no such anchor`);
  }
  return broken;
}

/** Every HTML file under a directory. */
export function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...htmlFiles(path));
    else if (name.endsWith(".html")) out.push(path);
  }
  return out;
}

/** The `<a href>` links of a static HTML file, resolved against its URL on `origin`. */
export function staticLinks(root: string, file: string, origin: string): FoundLink[] {
  const page = new URL(`/${relative(root, file).split("\\").join("/")}`, origin);
  const html = readFileSync(file, "utf8");
  return [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)]
    .map((m) => m[1]!.replace(/&amp;/g, "&"))
    .filter((h) => !/^(mailto|javascript|data):/.test(h))
    .map((h) => ({ from: page.pathname, href: new URL(h, page).href }));
}
