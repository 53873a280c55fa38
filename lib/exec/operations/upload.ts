import type { ObjectWriteResult } from "../../model/results.js";
import type { MultipartUploadNode, UploadFileNode } from "../../plan/nodes.js";
import type { RunOptions } from "../../plan/runner.js";
import type { RequestExecutor } from "../executor.js";

/** Multipart upload of a body. (Scaffolding until the upload work lands.) */
export async function multipartUpload(_exec: RequestExecutor, _node: MultipartUploadNode, _options: RunOptions): Promise<ObjectWriteResult> {
  throw new Error("multipart upload is not implemented yet");
}

/** Upload of a local file. (Scaffolding until the upload work lands.) */
export async function uploadFile(_exec: RequestExecutor, _node: UploadFileNode, _options: RunOptions): Promise<ObjectWriteResult> {
  throw new Error("file upload is not implemented yet");
}
