/**
 * Listing a bucket's incomplete multipart uploads (ListMultipartUploads, every page).
 */
import type { IncompleteUpload } from "../../model/incomplete-upload.js";
import type { ListUploadsNode } from "../../plan/nodes.js";
import { parseListMultipartUploads } from "../../xml/multipart.js";
import type { RequestExecutor } from "../executor.js";
import { readText } from "../read-body.js";

/**
 * Every incomplete upload under the node's prefix, in key order. MinIO reads `prefix` as an
 * exact object name (measured: prefix "b/" finds no upload of "b/1"), so an empty answer to a
 * prefixed request is checked against the whole listing, filtered here.
 */
export async function listUploads(exec: RequestExecutor, node: ListUploadsNode, signal?: AbortSignal): Promise<IncompleteUpload[]> {
  const found = await listPages(exec, node.bucket, node.prefix, signal);
  if (found.length > 0 || node.prefix === "") return found;
  return (await listPages(exec, node.bucket, "", signal)).filter((u) => u.objectName.startsWith(node.prefix));
}

async function listPages(exec: RequestExecutor, bucket: string, prefix: string, signal?: AbortSignal): Promise<IncompleteUpload[]> {
  const node = { bucket, prefix };
  const out: IncompleteUpload[] = [];
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const query: Array<[string, string]> = [["uploads", ""], ["max-uploads", "1000"]];
    if (node.prefix !== "") query.push(["prefix", node.prefix]);
    if (keyMarker !== undefined) query.push(["key-marker", keyMarker]);
    if (uploadIdMarker !== undefined) query.push(["upload-id-marker", uploadIdMarker]);
    const res = await exec.send({ method: "GET", bucket: node.bucket, query, headers: {}, idempotent: true, notFoundCode: "NoSuchBucket" }, signal);
    const page = parseListMultipartUploads(await readText(res));
    for (const u of page.uploads) {
      out.push({
        bucketName: node.bucket, objectName: u.key, uploadId: u.uploadId,
        ...(u.initiated ? { initiated: new Date(u.initiated) } : {}), ...(u.storageClass ? { storageClass: u.storageClass } : {}),
      });
    }
    if (!page.isTruncated || page.nextKeyMarker === undefined) return out;
    keyMarker = page.nextKeyMarker;
    uploadIdMarker = page.nextUploadIdMarker;
  }
}
