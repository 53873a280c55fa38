/**
 * Fan-out listing: runs what lib/plan/fanout-plan.ts decides. Discovery lists "/" levels
 * (descending where a level gives too few prefixes), then up to `parallel` recursive scans
 * run at once, each a {@link pumpListing} with its own one-page read-ahead. Unordered mode
 * emits entries as the scans deliver them; ordered mode emits the segments in key order,
 * holding a scan that runs ahead of the output once it has buffered {@link AHEAD_LIMIT}
 * entries. Any failure, abort or unsubscribe aborts every scan.
 */
import { setMaxListeners } from "node:events";
import type { Observable } from "rxjs";
import type { ObjectInfo } from "../model/object-info.js";
import { levelNode, levelSegments, shouldDescend, type FanoutSegment } from "../plan/fanout-plan.js";
import type { ListObjectsNode } from "../plan/nodes.js";
import type { RequestExecutor } from "./executor.js";
import { pumpListing } from "./paginate.js";
import { pumpObservable } from "./pump-observable.js";
import { chainedAbort, pullIterable, type Producer } from "./push-pull.js";

/** Entries a scan running ahead of the ordered output may buffer before it is held. */
export const AHEAD_LIMIT = 4000;

type Emit = (o: ObjectInfo) => void;
type AfterChunk = () => Promise<void> | undefined;

/** Whether a listing node asks for a fan-out (a recursive listing with `parallel` above 1). */
export function isFanout(node: ListObjectsNode): boolean {
  return node.parallel !== undefined && node.parallel > 1 && node.delimiter === undefined;
}

/** Lists the level under `prefix` and turns it into segments. */
async function listLevel(exec: RequestExecutor, query: ListObjectsNode, prefix: string, signal: AbortSignal): Promise<FanoutSegment[]> {
  const entries: ObjectInfo[] = [];
  await pumpListing(exec, levelNode(query, prefix), signal, (o) => entries.push(o));
  return levelSegments(query, entries);
}

/** Discovery: the query's segments in key order, descending while too few prefixes turn up. */
export async function discoverSegments(exec: RequestExecutor, query: ListObjectsNode, signal: AbortSignal): Promise<FanoutSegment[]> {
  let segments = await listLevel(exec, query, query.prefix, signal);
  for (let depth = 0; shouldDescend(segments, query.parallel ?? 1, depth); depth++) {
    const expanded = await Promise.all(
      segments.map((s) => (s.kind === "scan" ? listLevel(exec, query, s.node.prefix, signal) : Promise.resolve([s]))),
    );
    segments = expanded.flat();
  }
  return segments;
}

/** Runs `work` on items from `items`, at most `limit` at once, in order of start. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Emits entries at once and scan results as they come. */
async function runUnordered(
  exec: RequestExecutor, segments: readonly FanoutSegment[], parallel: number, signal: AbortSignal, emit: Emit, afterChunk: AfterChunk,
): Promise<void> {
  const scans: ListObjectsNode[] = [];
  for (const s of segments) {
    if (s.kind === "entry") emit(s.entry);
    else scans.push(s.node);
  }
  await pool(scans, parallel, (node) => pumpListing(exec, node, signal, emit, afterChunk));
}

interface Slot {
  readonly segment: FanoutSegment;
  held: ObjectInfo[];
  done: boolean;
  resume?: () => void;
}

/** Emits segments in key order: the head scan streams through, later scans buffer (bounded). */
async function runOrdered(
  exec: RequestExecutor, segments: readonly FanoutSegment[], parallel: number, signal: AbortSignal, emit: Emit, afterChunk: AfterChunk,
): Promise<void> {
  const slots: Slot[] = segments.map((segment) =>
    segment.kind === "entry" ? { segment, held: [segment.entry], done: true } : { segment, held: [], done: false });
  let head = 0;
  const release = (slot: Slot) => {
    const resume = slot.resume;
    slot.resume = undefined;
    resume?.();
  };
  /** Flushes finished slots from the head on and lets the new head stream through. */
  const advance = () => {
    while (head < slots.length) {
      const slot = slots[head]!;
      if (slot.held.length > 0) {
        const held = slot.held;
        slot.held = [];
        for (const o of held) emit(o);
      }
      if (!slot.done) return release(slot);
      head++;
    }
  };
  const onAbort = () => slots.forEach(release);
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    advance();
    const scans = slots.flatMap((slot, i) => (slot.segment.kind === "scan" ? [i] : []));
    await pool(scans, parallel, async (i) => {
      const slot = slots[i]!;
      const node = (slot.segment as Extract<FanoutSegment, { kind: "scan" }>).node;
      await pumpListing(
        exec, node, signal,
        (o) => (i === head ? emit(o) : void slot.held.push(o)),
        () => {
          if (i === head) return afterChunk();
          if (slot.held.length < AHEAD_LIMIT) return undefined;
          return new Promise<void>((resolve) => (slot.resume = resolve));
        },
      );
      slot.done = true;
      if (i === head) advance();
    });
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/** The fan-out as a producer; the first failure aborts every other request of the run. */
function fanoutProducer(exec: RequestExecutor, query: ListObjectsNode): Producer<ObjectInfo> {
  return async (outer, emit, afterChunk) => {
    const { ac, unlink } = chainedAbort(outer);
    // Every scan's requests listen on this signal: expected, not a leak.
    setMaxListeners(8 * (query.parallel ?? 1) + 16, ac.signal);
    try {
      const segments = await discoverSegments(exec, query, ac.signal);
      const run = query.ordered ? runOrdered : runUnordered;
      await run(exec, segments, query.parallel ?? 1, ac.signal, emit, afterChunk);
    } catch (error) {
      ac.abort(error);
      throw error;
    } finally {
      unlink();
    }
  };
}

/** A cold Observable over a fan-out listing; unsubscribing aborts every scan. */
export function fanoutObservable(exec: RequestExecutor, node: ListObjectsNode, outer?: AbortSignal): Observable<ObjectInfo> {
  const produce = fanoutProducer(exec, node);
  return pumpObservable(outer, (signal, emit) => produce(signal, emit, () => undefined));
}

/** A fan-out listing as a pull-based async iterable; `break` aborts every scan. */
export function fanoutIterable(exec: RequestExecutor, node: ListObjectsNode, outer?: AbortSignal): AsyncIterable<ObjectInfo> {
  return pullIterable(fanoutProducer(exec, node), outer);
}
