/**
 * The checksum of a parallel ranged GET (`object.get({ parallel, checksum: true })`). S3 (and
 * MinIO) return no checksum on a range, so the whole-object checksum comes from one HEAD with
 * `x-amz-checksum-mode: ENABLED`, pinned to the first range's ETag and version: an object
 * replaced in between fails with ObjectChangedError rather than checking new bytes against an
 * old checksum (or the reverse).
 */
import { ObjectChangedError, S3Error } from "../../errors.js";
import type { GetObjectNode, HeadObjectNode } from "../../plan/nodes.js";
import type { BodyWindow } from "../operations/resumable-get.js";
import { headObject } from "../operations/objects.js";
import type { RequestExecutor } from "../executor.js";
import { verifiableChecksum, type ExpectedChecksum } from "./verify.js";

/** The full-object checksum of the object `node` reads (as pinned by `pin`), or undefined when it has none to check. */
export async function pinnedChecksum(
  exec: RequestExecutor, node: GetObjectNode, pin: Pick<BodyWindow, "etag" | "versionId">, signal: AbortSignal | undefined,
): Promise<ExpectedChecksum | undefined> {
  const head: HeadObjectNode = {
    kind: "HeadObject",
    bucket: node.bucket,
    key: node.key,
    ...(pin.versionId !== undefined ? { versionId: pin.versionId } : {}),
    headers: { "x-amz-checksum-mode": "ENABLED", ...(pin.etag !== undefined ? { "if-match": pin.etag } : {}) },
    query: {},
    ...(node.ssec ? { ssec: node.ssec } : {}),
  };
  try {
    return verifiableChecksum(await headObject(exec, head, signal));
  } catch (err) {
    if (err instanceof S3Error && err.status === 412) throw new ObjectChangedError(err, `${node.bucket}/${node.key} changed while its ranges were read (it was ${pin.etag})`);
    throw err;
  }
}
