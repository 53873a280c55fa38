import { S3Error } from "../../errors.js";
import type { DeleteConfigNode, GetConfigNode, PutConfigNode } from "../../plan/nodes.js";
import { CONFIG_CODECS } from "../../xml/configs/index.js";
import { compileRequest } from "../compile.js";
import type { RequestExecutor } from "../executor.js";
import { readText } from "../read-body.js";

/** GET a configuration and decode it; "no such configuration" becomes the codec's absent value or null. */
export async function getConfig(exec: RequestExecutor, node: GetConfigNode, signal?: AbortSignal): Promise<unknown> {
  const codec = CONFIG_CODECS[node.config];
  try {
    const res = await exec.send(compileRequest(node), signal);
    return codec.decode(await readText(res));
  } catch (err) {
    if (err instanceof S3Error && codec.absentCodes.includes(err.code)) return codec.absent ? codec.absent() : null;
    throw err;
  }
}

/** PUT or DELETE a configuration. */
export async function sendConfig(exec: RequestExecutor, node: PutConfigNode | DeleteConfigNode, signal?: AbortSignal): Promise<void> {
  const res = await exec.send(compileRequest(node), signal);
  res.resume();
}
