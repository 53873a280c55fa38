/**
 * Listing-parser benchmark: µs of CPU per listed key on a realistic 1000-key MinIO
 * ListObjectsV2 page, fed as 16 KiB Buffer chunks like a socket delivers it.
 *
 *   npx tsx spec/xml/list-objects.perf.ts            # all parsers
 *   npx tsx spec/xml/list-objects.perf.ts quarry     # one parser: quarry | quarry-sax | naive-sax | sax-floor
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx spec/xml/list-objects.perf.ts quarry
 *   npx tsx spec/xml/list-objects.perf.ts rss       # RSS while parsing 300 pages (300 000 keys, ~100 MB)
 *
 * Compared: Quarry's ListObjectsParser on its byte tokenizer (lib/xml/byte-events.ts), the
 * same parser on sax (strict, no position tracking, text kept only for the fields used); a naive sax parser (path stack, text accumulation, generic
 * object building); and sax with empty handlers — the floor of any sax-based parser.
 * The floor is sax itself: a per-character loop that tests every tag-name character with
 * a regex and dispatches events by dynamic property look-up (see the profile).
 */
import sax from "sax";
import type { ObjectInfo } from "../../lib/model/object-info.js";
import { ListObjectsParser } from "../../lib/xml/list-objects.js";
import { minioPage } from "./fixtures.js";

const KEYS = 1000;
function chunks(xml: string, size: number): Buffer[] {
  const buf = Buffer.from(xml, "utf8");
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

let sink = 0;

function quarry(page: Buffer[]): void {
  const p = new ListObjectsParser("v2", "bench", { urlDecode: false, onItem: (o) => { sink += o.size ?? 0; } });
  for (const c of page) p.write(c);
  p.end();
}

/** The same listing parser fed by sax instead of the byte tokenizer. */
function quarrySax(page: Buffer[]): void {
  const p = new ListObjectsParser("v2", "bench", { urlDecode: false, tokenizer: "sax", onItem: (o) => { sink += o.size ?? 0; } });
  for (const c of page) p.write(c);
  p.end();
}

/** What a straightforward sax-based parser looks like. */
function naive(page: Buffer[]): void {
  const p = sax.parser(true, {});
  const path: string[] = [];
  let text = "";
  let cur: Record<string, unknown> = {};
  p.onopentag = (t) => {
    path.push(t.name);
    text = "";
    if (t.name === "Contents") cur = {};
  };
  p.ontext = (t) => {
    text += t;
  };
  p.onclosetag = (name) => {
    const parent = path[path.length - 2];
    path.pop();
    if (parent === "Contents") {
      if (name === "Key") cur.objectName = decodeURIComponent(text);
      else if (name === "LastModified") cur.lastModified = new Date(text);
      else if (name === "ETag") cur.etag = text.replace(/^"|"$/g, "");
      else if (name === "Size") cur.size = parseInt(text, 10);
      else if (name === "StorageClass") cur.storageClass = text;
    } else if (parent === "Owner") {
      if (name === "ID") cur.ownerId = text;
      else if (name === "DisplayName") cur.ownerName = text;
    } else if (name === "Contents") {
      const o = { bucketName: "bench", isDir: false, isDeleteMarker: false, ...cur } as unknown as ObjectInfo;
      sink += o.size ?? 0;
    }
    text = "";
  };
  for (const c of page) p.write(c.toString());
  p.close();
}

/** sax with nothing attached: no sax-based parser can be faster. */
function saxFloor(page: Buffer[]): void {
  const p = sax.parser(true, { position: false });
  p.onopentag = () => undefined;
  p.onclosetag = () => undefined;
  p.ontext = () => undefined;
  for (const c of page) p.write(c.toString());
  p.close();
}

function measure(name: string, fn: (page: Buffer[]) => void, page: Buffer[], rounds: number): void {
  for (let i = 0; i < Math.max(20, rounds / 5); i++) fn(page); // warm up
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.cpuUsage();
    fn(page);
    const t = process.cpuUsage(t0);
    samples.push((t.user + t.system) / KEYS);
  }
  samples.sort((a, b) => a - b);
  const median = samples[samples.length >> 1];
  const p10 = samples[Math.floor(samples.length * 0.1)];
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  console.log(`${name.padEnd(12)} median ${median.toFixed(2)} µs/key   p10 ${p10.toFixed(2)}   mean ${mean.toFixed(2)}   (${rounds} pages)`);
}

/** RSS every 30 pages over a long listing (pages parsed back to back, entries dropped): should stay flat. */
function rss(page: Buffer[]): void {
  const mb = () => (process.memoryUsage().rss / 2 ** 20).toFixed(1);
  const samples: string[] = [];
  for (let i = 1; i <= 300; i++) {
    quarry(page);
    if (i % 30 === 0) samples.push(mb());
  }
  console.log(`rss MiB every 30 pages of ${KEYS} keys: ${samples.join(" ")}`);
}

const xml = minioPage(KEYS);
const page = chunks(xml, 16 * 1024);
const only = process.argv[2];
if (only === "rss") {
  rss(page);
  process.exit(0);
}
console.log(`page: ${KEYS} keys, ${xml.length} bytes (${(xml.length / KEYS).toFixed(0)} B/key), ${page.length} chunks; node ${process.version}`);
const runs: Array<[string, (p: Buffer[]) => void, number]> = [
  ["quarry", quarry, 2000],
  ["quarry-sax", quarrySax, 600],
  ["naive-sax", naive, 300],
  ["sax-floor", saxFloor, 300],
];
for (const [name, fn, rounds] of runs) if (only === undefined || only === name) measure(name, fn, page, only ? rounds * 3 : rounds);
if (sink === 42) console.log(""); // keep the work observable
