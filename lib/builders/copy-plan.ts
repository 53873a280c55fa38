import { freezeNode, type ComposeObjectNode, type CopyObjectNode } from "../plan/nodes.js";
import type { SignalOption } from "./object-ref.js";
import type { ObjectTarget } from "./upload-plan.js";

/** The source of a copy. (Scaffolding: the copy work replaces it with the seed's CopySource.) */
export type CopySource = unknown;
/** A source of a compose. (Scaffolding: the copy work replaces it with the seed's ComposeSource.) */
export type ComposeSource = unknown;
/** Options of `ObjectRef.copyFrom`. */
export interface CopyOptions extends SignalOption {}
/** Options of `ObjectRef.compose`. */
export interface ComposeOptions extends SignalOption {}

/** Plans a server-side copy. */
export function planCopy(target: ObjectTarget, _source: CopySource, _options: CopyOptions): CopyObjectNode {
  return freezeNode({ kind: "CopyObject", bucket: target.bucketName, key: target.objectName });
}

/** Plans a server-side compose. */
export function planCompose(target: ObjectTarget, _sources: readonly ComposeSource[], _options: ComposeOptions): ComposeObjectNode {
  return freezeNode({ kind: "ComposeObject", bucket: target.bucketName, key: target.objectName });
}
