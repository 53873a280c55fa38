/**
 * A bucket's incomplete multipart uploads: list them, abort one, or abort every one under a
 * prefix (the clean-up after crashed clients).
 */
import { InvalidArgumentError } from "../errors.js";
import type { IncompleteUpload } from "../model/incomplete-upload.js";
import { freezeNode, type AbortUploadNode, type ListUploadsNode } from "../plan/nodes.js";
import type { PlanRunner } from "../plan/runner.js";
import { checkObjectName } from "../validate/index.js";
import type { SignalOption } from "./object-ref.js";

/** Options of {@link UploadsRef.list} and {@link UploadsRef.abortAll}. */
export interface ListUploadsOptions extends SignalOption {
  /** Only uploads of keys starting with this prefix. */
  readonly prefix?: string;
}

/** The incomplete multipart uploads of one bucket. Immutable, no I/O until a terminal call. */
export class UploadsRef {
  readonly #runner: PlanRunner;
  /** Bucket name. */
  readonly bucketName: string;

  /** @internal Use `BucketRef.uploads()`. */
  constructor(runner: PlanRunner, bucketName: string) {
    this.#runner = runner;
    this.bucketName = bucketName;
    Object.freeze(this);
  }

  /** The plan of a listing. */
  explain(options: ListUploadsOptions = {}): ListUploadsNode {
    const prefix = options.prefix ?? "";
    if (typeof prefix !== "string") throw new InvalidArgumentError("prefix must be a string");
    return freezeNode({ kind: "ListUploads", bucket: this.bucketName, prefix });
  }

  /** Every incomplete upload (under a prefix), in key order. */
  async list(options: ListUploadsOptions = {}): Promise<IncompleteUpload[]> {
    return this.#runner.run(this.explain(options), { signal: options.signal });
  }

  /** Aborts one upload; its parts are deleted. */
  async abort(objectName: string, uploadId: string, options: SignalOption = {}): Promise<void> {
    checkObjectName(objectName);
    if (typeof uploadId !== "string" || uploadId === "") throw new InvalidArgumentError("uploadId must be a non-empty string");
    const node: AbortUploadNode = freezeNode({ kind: "AbortUpload", bucket: this.bucketName, key: objectName, uploadId });
    return this.#runner.run(node, { signal: options.signal });
  }

  /** Aborts every incomplete upload (under a prefix); resolves with how many were aborted. */
  async abortAll(options: ListUploadsOptions = {}): Promise<number> {
    const uploads = await this.list(options);
    for (const u of uploads) await this.abort(u.objectName, u.uploadId, options);
    return uploads.length;
  }
}
