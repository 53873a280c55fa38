import { InvalidArgumentError } from "../errors.js";
import { SelectRequest, type SelectProgress } from "../model/select.js";
import { SseCustomerKey } from "../model/sse.js";
import { freezeNode } from "../plan/nodes.js";
import type { SelectObjectContentNode } from "../plan/select-node.js";

/** Options of `ObjectRef.select()`. */
export interface SelectOptions {
  /** Aborts the request and the reading of its records. */
  readonly signal?: AbortSignal;
  /** Customer key, for an object written with SSE-C (HTTPS only). */
  readonly ssec?: SseCustomerKey;
  /** Receives each Progress event (when the request set `requestProgress`). */
  readonly onProgress?: (progress: SelectProgress) => void;
}

/** The SelectObjectContent plan for an object (or version) and a request. */
export function planSelect(target: { readonly bucketName: string; readonly objectName: string; readonly versionId: string | undefined }, request: SelectRequest, options: SelectOptions): SelectObjectContentNode {
  if (!(request instanceof SelectRequest)) throw new InvalidArgumentError("select() needs a SelectRequest");
  if (options.ssec !== undefined && !(options.ssec instanceof SseCustomerKey)) throw new InvalidArgumentError("ssec must be an SseCustomerKey");
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") throw new InvalidArgumentError("onProgress must be a function");
  return freezeNode({
    kind: "SelectObjectContent",
    bucket: target.bucketName,
    key: target.objectName,
    ...(target.versionId !== undefined ? { versionId: target.versionId } : {}),
    request: request.spec,
    ...(options.ssec ? { ssec: options.ssec } : {}),
  });
}
