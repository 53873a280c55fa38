/**
 * The top self-time functions of a V8 .cpuprofile (from `node --cpu-prof`):
 * `npx tsx bench/hotpath/top-self.ts <file.cpuprofile> [N]`.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, nArg] = process.argv.slice(2);
if (!file) throw new Error("usage: top-self.ts <file.cpuprofile> [N]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const n = byId.get(id)!;
  const f = n.callFrame;
  const where = f.url ? `${f.url.replace(/^.*\/(node_modules|lib|bench)\//, "$1/")}:${f.lineNumber + 1}` : "";
  const key = `${f.functionName || "(anonymous)"} ${where}`;
  self.set(key, (self.get(key) ?? 0) + dt);
  total += dt;
});
const idle = [...self].filter(([k]) => k.startsWith("(idle)")).reduce((s, [, v]) => s + v, 0);
console.log(`total ${(total / 1000).toFixed(0)} ms, busy ${((total - idle) / 1000).toFixed(0)} ms`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(nArg ?? 25))) {
  console.log(`${((100 * v) / (total - idle)).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`);
}

// Self time per source file of the project (lib/, bench/) and per dependency.
const files = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const url = byId.get(id)!.callFrame.url;
  const m = /\/(lib\/.*|bench\/.*|node_modules\/[^/]+)/.exec(url);
  if (m) files.set(m[1]!, (files.get(m[1]!) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
console.log("\nby file (self):");
for (const [k, v] of [...files].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  console.log(`${((100 * v) / (total - idle)).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`);
}
