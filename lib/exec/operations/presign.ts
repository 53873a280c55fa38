/**
 * Presigned URLs and POST policies. No request of their own: the bucket's region comes from
 * the client's `region`, the endpoint, or the region cache — only an unknown bucket region
 * costs one GetBucketLocation, once per bucket.
 */
import { InvalidArgumentError } from "../../errors.js";
import type { PresignedPost } from "../../model/post-policy.js";
import type { PresignObjectNode, PresignPostNode } from "../../plan/presign-nodes.js";
import { signPostPolicy } from "../../sign/post-policy.js";
import { presignQueryDetailed } from "../../sign/presign.js";
import type { Credentials } from "../../sign/types.js";
import { usableCredentials } from "../../credentials/usable.js";
import { address, type Address } from "../address.js";
import type { RequestExecutor } from "../executor.js";

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

async function credentialsOf(exec: RequestExecutor): Promise<Credentials> {
  const provider = exec.config.credentials;
  if (provider === undefined) throw new InvalidArgumentError("presigning needs credentials: this client is anonymous");
  return usableCredentials(provider);
}

function addressFor(exec: RequestExecutor, region: string, bucket: string, key?: string): Address {
  const { endpoint, pathStyle } = exec.config;
  return address(endpoint, region, pathStyle === undefined ? endpoint.virtualHostDefault : !pathStyle, bucket, key);
}

function queryOf(node: PresignObjectNode): Array<[string, string]> {
  const q: Array<[string, string]> = [];
  for (const k in node.query) q.push([k, node.query[k]!]);
  if (node.versionId !== undefined) q.push(["versionId", node.versionId]);
  return q;
}

/** Presigns a request on one object; resolves with the URL. */
export async function presignObject(exec: RequestExecutor, node: PresignObjectNode, signal?: AbortSignal): Promise<string> {
  const creds = await credentialsOf(exec);
  const region = await exec.regionOf(node.bucket, signal);
  const addr = addressFor(exec, region, node.bucket, node.key);
  const detail = presignQueryDetailed(
    { method: node.method, host: addr.host, path: addr.path, query: queryOf(node), headers: NO_HEADERS },
    creds,
    { region, date: node.requestDate === undefined ? new Date() : new Date(node.requestDate), expiresSeconds: node.expires, keyCache: exec.signingKeys },
  );
  return `${exec.config.endpoint.secure ? "https" : "http"}://${addr.host}${addr.path}?${detail.canonicalQuery}&X-Amz-Signature=${detail.signature}`;
}

/** Signs a POST policy; resolves with the bucket URL and the form fields. */
export async function presignPost(exec: RequestExecutor, node: PresignPostNode, signal?: AbortSignal): Promise<PresignedPost> {
  const creds = await credentialsOf(exec);
  const region = await exec.regionOf(node.bucket, signal);
  const addr = addressFor(exec, region, node.bucket);
  const fields = signPostPolicy(node, creds, { region, date: new Date(), keyCache: exec.signingKeys });
  return { url: `${exec.config.endpoint.secure ? "https" : "http"}://${addr.host}${addr.path}`, fields };
}
