import { InvalidArgumentError, S3Error } from "../../errors.js";
import type { BucketInfo } from "../../model/object-info.js";
import type { GetBucketLocationNode, HeadBucketNode, ListBucketsNode, MakeBucketNode, RemoveBucketNode } from "../../plan/nodes.js";
import { parseListBuckets } from "../../xml/list-buckets.js";
import { compileRequest } from "../compile.js";
import type { RequestExecutor } from "../executor.js";
import { readText } from "../read-body.js";

/** ListBuckets. */
export async function listBuckets(exec: RequestExecutor, node: ListBucketsNode, signal?: AbortSignal): Promise<BucketInfo[]> {
  const res = await exec.send(compileRequest(node), signal);
  return parseListBuckets(await readText(res));
}

/** CreateBucket in the requested (or client's) region, optionally with object lock. */
export async function makeBucket(exec: RequestExecutor, node: MakeBucketNode, signal?: AbortSignal): Promise<void> {
  const clientRegion = exec.config.region ?? exec.config.endpoint.awsRegion;
  if (node.region !== undefined && clientRegion !== undefined && node.region !== clientRegion) {
    throw new InvalidArgumentError(`region ${node.region} differs from the client's region ${clientRegion}`);
  }
  const region = node.region ?? clientRegion ?? "us-east-1";
  const res = await exec.send(compileRequest(node, region), signal, region);
  res.resume();
  exec.regions.set(node.bucket, region);
}

/** HeadBucket → true, or false when the bucket does not exist. */
export async function headBucket(exec: RequestExecutor, node: HeadBucketNode, signal?: AbortSignal): Promise<boolean> {
  try {
    const res = await exec.send(compileRequest(node), signal);
    res.resume();
    return true;
  } catch (err) {
    if (err instanceof S3Error && err.code === "NoSuchBucket") return false;
    throw err;
  }
}

/** DeleteBucket. */
export async function removeBucket(exec: RequestExecutor, node: RemoveBucketNode, signal?: AbortSignal): Promise<void> {
  const res = await exec.send(compileRequest(node), signal);
  res.resume();
  exec.regions.delete(node.bucket);
}

/** GetBucketLocation (also primes the region cache). */
export async function getBucketLocation(exec: RequestExecutor, node: GetBucketLocationNode, signal?: AbortSignal): Promise<string> {
  return exec.regionOf(node.bucket, signal);
}
