/**
 * Bucket policy: a JSON document, sent and returned as a string.
 */
import { InvalidArgumentError } from "../../errors.js";
import type { ConfigCodec } from "./codec.js";

/**
 * Bucket policy as a JSON string (`get()` returns the server's text — MinIO may reformat
 * it, so compare parsed). As in the seed, `get()` on a bucket without a policy rejects
 * with an S3Error whose code is `NoSuchBucketPolicy`; `set()` refuses text that is not a
 * JSON object before sending it.
 */
export const policyCodec: ConfigCodec<string, string, string> = {
  name: "policy",
  contentType: "application/json",
  encode(value) {
    if (typeof value !== "string") throw new InvalidArgumentError("policy().set() needs the policy as a JSON string");
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (err) {
      throw new InvalidArgumentError(`the bucket policy is not valid JSON: ${(err as Error).message}`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new InvalidArgumentError("the bucket policy must be a JSON object");
    }
    return value;
  },
  decode: (body) => body,
  absentCodes: [],
  deleteBy: "DELETE",
};
