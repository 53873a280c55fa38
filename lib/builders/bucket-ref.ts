import { freezeNode, type HeadBucketNode, type MakeBucketNode, type RemoveBucketNode } from "../plan/nodes.js";
import type { PlanRunner } from "../plan/runner.js";
import { checkBucketName, checkRegion } from "../validate/index.js";
import { ObjectRef, type SignalOption } from "./object-ref.js";
import { ObjectsQuery } from "./objects-query.js";

/** Options of {@link BucketRef.create}. */
export interface CreateBucketOptions extends SignalOption {
  /** Region to create the bucket in (default: the client's region, or us-east-1). */
  readonly region?: string;
  /** Enable object lock (and versioning) on the new bucket. */
  readonly objectLock?: boolean;
}

/** What {@link BucketRef.explain} can show. */
export type BucketOperation = "create" | "exists" | "remove";

/**
 * A bucket. Immutable, no I/O until a terminal call.
 *
 * @example
 * ```ts
 * const b = s3.bucket("photos");
 * if (!(await b.exists())) await b.create({ region: "us-east-1" });
 * ```
 */
export class BucketRef {
  readonly #runner: PlanRunner;
  /** Bucket name. */
  readonly name: string;

  /** @internal Use `S3.bucket()`. */
  constructor(runner: PlanRunner, name: string) {
    checkBucketName(name);
    this.#runner = runner;
    this.name = name;
    Object.freeze(this);
  }

  /** An object in this bucket. */
  object(key: string): ObjectRef {
    return new ObjectRef(this.#runner, this.name, key);
  }

  /** A listing of this bucket's objects (configure it, then stream or iterate it). */
  objects(): ObjectsQuery {
    return ObjectsQuery.of(this.#runner, this.name);
  }

  /** The plan a terminal call would run. */
  explain(operation: "create", options?: CreateBucketOptions): MakeBucketNode;
  explain(operation: "exists" | "remove"): HeadBucketNode | RemoveBucketNode;
  explain(operation: BucketOperation, options: CreateBucketOptions = {}): MakeBucketNode | HeadBucketNode | RemoveBucketNode {
    if (operation === "create") return this.#createNode(options);
    if (operation === "exists") return freezeNode({ kind: "HeadBucket", bucket: this.name });
    return freezeNode({ kind: "RemoveBucket", bucket: this.name });
  }

  #createNode(options: CreateBucketOptions): MakeBucketNode {
    checkBucketName(this.name, true);
    if (options.region !== undefined) checkRegion(options.region);
    return freezeNode({
      kind: "MakeBucket",
      bucket: this.name,
      ...(options.region !== undefined ? { region: options.region } : {}),
      objectLock: options.objectLock === true,
    });
  }

  /** Creates the bucket. */
  async create(options: CreateBucketOptions = {}): Promise<void> {
    return this.#runner.run(this.#createNode(options), { signal: options.signal });
  }

  /** Whether the bucket exists (false on NoSuchBucket; other errors reject). */
  async exists(options: SignalOption = {}): Promise<boolean> {
    return this.#runner.run(freezeNode({ kind: "HeadBucket", bucket: this.name }), { signal: options.signal });
  }

  /** Removes the (empty) bucket. */
  async remove(options: SignalOption = {}): Promise<void> {
    return this.#runner.run(freezeNode({ kind: "RemoveBucket", bucket: this.name }), { signal: options.signal });
  }

  /** The bucket's region (GetBucketLocation, cached). */
  async location(options: SignalOption = {}): Promise<string> {
    return this.#runner.run(freezeNode({ kind: "GetBucketLocation", bucket: this.name }), { signal: options.signal });
  }
}
