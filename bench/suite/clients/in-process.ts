/**
 * Turns a Node library's per-operation functions into a suite {@link Client}: times each job
 * with performance.now() and process.cpuUsage() around it (the client shares this process, so
 * its CPU is this process's CPU while the job runs), runs small-object jobs with a fixed number
 * of requests in flight and records each request's latency, and samples RSS during listings.
 */
import type { Client, Job, Measurement, Op } from "../types.js";

/** What a Node library offers; each function is one operation on one key (or one listing). */
export interface NodeOps {
  /** Lists the whole bucket recursively; resolves with the key count. */
  list?(): Promise<number>;
  /** Streams `size` bytes into `key`. */
  put?(key: string, size: number): Promise<void>;
  /** Downloads `key` and drains it (by `parallel` ranges at once, when the library can); resolves with the byte count. */
  get?(key: string, parallel?: number): Promise<number>;
  putSmall?(key: string, body: Buffer): Promise<void>;
  /** Resolves with the byte count. */
  getSmall?(key: string): Promise<number>;
  /** Removes `keys`; resolves with the number removed. */
  remove?(keys: readonly string[]): Promise<number>;
  /** Signs one request's headers (no I/O). */
  sign?(i: number): Promise<unknown> | unknown;
  /** Presigns one GET URL (no I/O). */
  presign?(key: string): Promise<string> | string;
  close?(): Promise<void> | void;
  /** Notes per op about how this client does it (shown in the tables). */
  readonly notes?: Partial<Record<Op, string>>;
}

/** A Node client factory: `make(at)` builds the library's client for one endpoint (cached per endpoint+bucket). */
export interface NodeClientSpec {
  readonly name: string;
  readonly notes?: Partial<Record<Op, string>>;
  /** Loads the library (import inside, so a missing library fails only its own row). */
  load(): Promise<(at: Job["at"]) => NodeOps>;
}

const SMALL_BODY_CACHE = new Map<number, Buffer>();

/** The 4 KiB (or other) body every client writes. */
export function smallBody(size: number): Buffer {
  let b = SMALL_BODY_CACHE.get(size);
  if (!b) SMALL_BODY_CACHE.set(size, (b = Buffer.alloc(size, 0x71)));
  return b;
}

/** Runs `work(i)` for i in [0, n) with `concurrency` in flight, recording each call's latency. */
export async function withLatencies(n: number, concurrency: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  const latencies = new Array<number>(n);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      const t0 = performance.now();
      await work(i);
      latencies[i] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return latencies;
}

/** Wraps a {@link NodeClientSpec} as a suite client. */
export function nodeClient(spec: NodeClientSpec): Client {
  let make: ((at: Job["at"]) => NodeOps) | undefined;
  let probe: NodeOps | undefined;
  const made = new Map<string, NodeOps>();
  const opsFor = (at: Job["at"]) => {
    const id = `${at.endpoint}/${at.bucket}`;
    let ops = made.get(id);
    if (!ops) made.set(id, (ops = make!(at)));
    return ops;
  };
  const supported = new Set<Op>();
  const notes: Partial<Record<Op, string>> = { ...spec.notes };
  return {
    name: spec.name,
    runs: "node",
    ops: supported,
    notes,
    async setup() {
      make = await spec.load();
      probe = make({ endpoint: "http://127.0.0.1:9", accessKey: "probe", secretKey: "probe", region: "us-east-1", bucket: "probe" });
      for (const op of ["list", "put", "get", "putSmall", "getSmall", "remove", "sign", "presign"] as const) {
        if (typeof probe[op] === "function") supported.add(op);
      }
      Object.assign(notes, probe.notes);
    },
    async run(job) {
      const ops = opsFor(job.at);
      const fn = ops[job.op];
      if (typeof fn !== "function") throw new Error(`${spec.name} does not support ${job.op}`);
      return timed(job, ops);
    },
    async close() {
      for (const ops of [...made.values(), ...(probe ? [probe] : [])]) await ops.close?.();
      made.clear();
    },
  };
}

async function timed(job: Job, ops: NodeOps): Promise<Measurement> {
  let rss: number[] | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (job.rssEveryMs) {
    rss = [process.memoryUsage.rss() / 2 ** 20];
    timer = setInterval(() => rss!.push(process.memoryUsage.rss() / 2 ** 20), job.rssEveryMs);
  }
  (globalThis as { gc?: () => void }).gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let units: number;
  let latenciesMs: number[] | undefined;
  try {
    switch (job.op) {
      case "list":
        units = await ops.list!();
        if (job.size !== undefined && units !== job.size) throw new Error(`listed ${units} keys, expected ${job.size}`);
        break;
      case "put":
        await ops.put!(job.key!, job.size!);
        units = job.size!;
        break;
      case "get":
        units = await ops.get!(job.key!, job.parallel);
        if (units !== job.size) throw new Error(`read ${units} bytes, expected ${job.size}`);
        break;
      case "putSmall": {
        const keys = job.keys!;
        const body = smallBody(job.size!);
        latenciesMs = await withLatencies(keys.length, job.concurrency ?? 1, (i) => ops.putSmall!(keys[i]!, body));
        units = keys.length;
        break;
      }
      case "getSmall": {
        const keys = job.keys!;
        latenciesMs = await withLatencies(keys.length, job.concurrency ?? 1, async (i) => {
          const n = await ops.getSmall!(keys[i]!);
          if (n !== job.size) throw new Error(`${keys[i]}: read ${n} bytes, expected ${job.size}`);
        });
        units = keys.length;
        break;
      }
      case "remove":
        units = await ops.remove!(job.keys!);
        if (units !== job.keys!.length) throw new Error(`removed ${units} keys, expected ${job.keys!.length}`);
        break;
      case "sign":
        for (let i = 0; i < job.count!; i++) await ops.sign!(i);
        units = job.count!;
        break;
      case "presign":
        for (let i = 0; i < job.count!; i++) await ops.presign!(`photos/2026/${i % 1000}.jpg`);
        units = job.count!;
        break;
    }
  } finally {
    if (timer) clearInterval(timer);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (rss) rss.push(process.memoryUsage.rss() / 2 ** 20);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, units, ...(latenciesMs ? { latenciesMs } : {}), ...(rss ? { rssMiB: rss } : {}) };
}
