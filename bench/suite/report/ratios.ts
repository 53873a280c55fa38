/** Quarry against every other client, on each workload's headline metric. */
import type { WorkloadResult } from "../results.js";

/** The Quarry row's name in every table. */
export const QUARRY = "quarry";

/** Quarry's headline over a client's (> 1: Quarry better), for every client with a result. */
export function quarryRatios(wr: WorkloadResult): Array<{ client: string; ratio: number }> {
  const q = wr.clients.find((c) => c.name === QUARRY)?.summary[wr.headline]?.median;
  if (q === undefined) return [];
  const higher = wr.metrics.find((m) => m.id === wr.headline)?.higherIsBetter ?? true;
  return wr.clients.flatMap((c) => {
    const v = c.summary[wr.headline]?.median;
    if (c.name === QUARRY || v === undefined || v === 0) return [];
    return [{ client: c.name, ratio: higher ? q / v : v / q }];
  });
}

/** The best non-Quarry, non-raw client on the headline metric. */
export function bestPeer(wr: WorkloadResult): { client: string; value: number } | undefined {
  const higher = wr.metrics.find((m) => m.id === wr.headline)?.higherIsBetter ?? true;
  let best: { client: string; value: number } | undefined;
  for (const c of wr.clients) {
    const v = c.summary[wr.headline]?.median;
    if (c.name === QUARRY || c.name.startsWith("raw") || v === undefined) continue;
    if (!best || (higher ? v > best.value : v < best.value)) best = { client: c.name, value: v };
  }
  return best;
}
