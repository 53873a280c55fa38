/**
 * The bench suite's vocabulary. A *workload* (workloads/*.ts) prepares data on an endpoint and
 * hands each client a {@link Job}; a *client* (clients/*.ts) runs jobs and returns a
 * {@link Measurement}. In-process Node clients implement per-operation functions (wrapped by
 * clients/in-process.ts, which times them and reads process.cpuUsage); other clients run a
 * subprocess that does the whole job and reports its own timings and CPU as JSON.
 */

/** The operations a client may support. */
export type Op = "list" | "put" | "get" | "putSmall" | "getSmall" | "remove" | "sign" | "presign";

/** Where a job runs: one S3 endpoint and bucket. Never print `secretKey`. */
export interface Endpoint {
  /** `http://host:port`, no trailing slash. */
  readonly endpoint: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly region: string;
  readonly bucket: string;
}

/** One unit of timed work for one client. */
export interface Job {
  readonly op: Op;
  readonly at: Endpoint;
  /** list: keys expected (a mismatch fails the sample). put/get: object size in bytes. */
  readonly size?: number;
  /** put/get: the object key. */
  readonly key?: string;
  /** get: ranged GETs at once, for clients that split a read (others read one stream). */
  readonly parallel?: number;
  /** putSmall/getSmall/remove: the keys. */
  readonly keys?: readonly string[];
  /** putSmall/getSmall: requests in flight. */
  readonly concurrency?: number;
  /** sign/presign: operations to run. */
  readonly count?: number;
  /** list: sample the client's RSS every this many ms (the RSS curve). */
  readonly rssEveryMs?: number;
}

/** What one job measured. */
export interface Measurement {
  /** Wall seconds of the timed region. */
  readonly seconds: number;
  /** Client CPU seconds (user+system) spent in the timed region. */
  readonly cpuSeconds: number;
  /** Units done: keys listed, bytes moved, objects written/read/removed, signatures. */
  readonly units: number;
  /** Per-request latencies in ms (small-object workloads). */
  readonly latenciesMs?: readonly number[];
  /** RSS samples (MiB) taken every `rssEveryMs`, from the client's own process. */
  readonly rssMiB?: readonly number[];
  /** A note the table shows (e.g. "per-object DELETE"). */
  readonly note?: string;
}

/** A contestant. */
export interface Client {
  /** Row label. */
  readonly name: string;
  /** Operations this client runs. */
  readonly ops: ReadonlySet<Op>;
  /** `node` clients run in this process (their CPU shares it); `subprocess` ones report their own. */
  readonly runs: "node" | "subprocess";
  /** A short note per op (e.g. removal done one DELETE per key), shown in the tables. */
  readonly notes?: Partial<Record<Op, string>>;
  /** Makes the client ready (outside every timed region); throw to drop it with a reason. */
  setup(log: (line: string) => void): Promise<void>;
  run(job: Job): Promise<Measurement>;
  close(): Promise<void>;
}

/** A running endpoint a workload can use. */
export interface Target {
  /** `minio` (the harness's MinIO) or `synthetic` (the in-memory endpoint). */
  readonly name: string;
  /** Endpoint details without the bucket; workloads pick buckets. */
  readonly base: Omit<Endpoint, "bucket">;
  /** Server pid, when known (for its CPU). */
  readonly pid?: number;
  /**
   * Synthetic only: an endpoint serving `keys` keys of `objectSize` bytes each (started on
   * first use per option set); returns the endpoint and the first keys' names.
   */
  keyspace?(keys: number, objectSize: number, sampleKeys: number, bandwidth?: number): Promise<{ at: Endpoint; sample: string[] }>;
  stop(): Promise<void>;
}

/** Sizes and counts of one run (full or --quick). */
export interface Scale {
  readonly quick: boolean;
  readonly rounds: number;
  readonly listKeys: number;
  readonly bigListKeys: number;
  readonly largeBytes: number;
  readonly smallCount: number;
  readonly smallSize: number;
  readonly smallConcurrency: number;
  readonly removeKeys: number;
  readonly signCount: number;
}

/** A metric a workload reports per client (median over rounds, with min–max). */
export interface MetricDef {
  readonly id: string;
  /** Column label, e.g. "keys/s". */
  readonly label: string;
  /** Whether larger is better (ratios are taken so that > 1 is better for Quarry). */
  readonly higherIsBetter: boolean;
  readonly from: (m: Measurement) => number | undefined;
  /** Digits after the point. */
  readonly digits: number;
}

/** One workload of the suite. */
export interface Workload {
  readonly id: string;
  /** Human title, sized: "list 20,000 keys". */
  title(scale: Scale): string;
  readonly op: Op;
  /** Targets it runs on (`none` = no server: signing). */
  readonly targets: readonly ("minio" | "synthetic" | "none")[];
  readonly metrics: readonly MetricDef[];
  /** The metric the ratio chart uses. */
  readonly headline: string;
  /**
   * Prepares the target (untimed) and returns a job factory; `prepareSample` runs before
   * every sample (untimed), e.g. re-populating keys for removal.
   */
  prepare(target: Target | undefined, scale: Scale, log: (line: string) => void): Promise<{
    job(client: Client, round: number): Promise<Job>;
    cleanup?(): Promise<void>;
  }>;
}
