import type { BucketInfo } from "../model/object-info.js";
import { freezeNode, type ListBucketsNode } from "../plan/nodes.js";
import type { PlanRunner } from "../plan/runner.js";
import type { SignalOption } from "./object-ref.js";

/** Every bucket the credentials can see. */
export class BucketsQuery {
  readonly #runner: PlanRunner;

  /** @internal Use `S3.buckets()`. */
  constructor(runner: PlanRunner) {
    this.#runner = runner;
  }

  /** The plan `list()` runs. */
  explain(): ListBucketsNode {
    return freezeNode({ kind: "ListBuckets" });
  }

  /** Lists the buckets. */
  async list(options: SignalOption = {}): Promise<BucketInfo[]> {
    return this.#runner.run(this.explain(), { signal: options.signal });
  }
}
