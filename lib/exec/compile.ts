import { match } from "ts-pattern";
import { createHash } from "node:crypto";
import type { ConfigName, ConfigTarget, SingleRequestNode } from "../plan/nodes.js";
import { SUBRESOURCE } from "../xml/configs/codec.js";
import { createBucketConfiguration } from "../xml/create-bucket.js";
import { selectRequestXml } from "../xml/select.js";
import { deleteObjectsBody } from "../xml/delete-objects.js";
import type { HttpRequest } from "./http-request.js";
import { listenRequest } from "./listen-request.js";
import { pageQuery } from "./page-query.js";

function withVersion(query: Readonly<Record<string, string>>, versionId?: string): Array<[string, string]> {
  const q: Array<[string, string]> = Object.entries(query);
  if (versionId !== undefined) q.push(["versionId", versionId]);
  return q;
}

/**
 * Compiles a plan node into the HTTP request that carries it out (the first page, for a
 * listing). Pure: no addressing, signing or I/O — the executor does those. `region` is the
 * region the bucket is created in (MakeBucket only).
 */
export function compileRequest(node: SingleRequestNode, region = "us-east-1"): HttpRequest {
  return match<SingleRequestNode, HttpRequest>(node)
    .with({ kind: "ListBuckets" }, () => ({ method: "GET", query: [], headers: {}, idempotent: true }))
    .with({ kind: "MakeBucket" }, (n) => {
      const xml = createBucketConfiguration(n.region ?? region);
      const headers: Record<string, string> = {};
      if (n.objectLock) headers["x-amz-bucket-object-lock-enabled"] = "true";
      if (xml !== undefined) headers["content-type"] = "application/xml";
      return { method: "PUT", bucket: n.bucket, query: [], headers, ...(xml !== undefined ? { body: Buffer.from(xml, "utf8") } : {}), idempotent: true };
    })
    .with({ kind: "HeadBucket" }, (n) => ({ method: "HEAD", bucket: n.bucket, query: [], headers: {}, idempotent: true, notFoundCode: "NoSuchBucket" }))
    .with({ kind: "RemoveBucket" }, (n) => ({ method: "DELETE", bucket: n.bucket, query: [], headers: {}, idempotent: true, notFoundCode: "NoSuchBucket" }))
    .with({ kind: "GetBucketLocation" }, (n) => ({ method: "GET", bucket: n.bucket, query: [["location", ""]], headers: {}, idempotent: true, notFoundCode: "NoSuchBucket" }))
    .with({ kind: "PutObject" }, (n) => ({
      method: "PUT", bucket: n.bucket, key: n.key, query: [], headers: { ...n.headers, ...n.sse?.headers(), "content-length": String(n.size) }, idempotent: true,
    }))
    .with({ kind: "GetObject" }, (n) => {
      const headers: Record<string, string> = { ...n.headers, ...n.ssec?.headers() };
      if (n.range) {
        const { offset, length } = n.range;
        headers["range"] = length === undefined ? `bytes=${offset}-` : `bytes=${offset}-${offset + length - 1}`;
      }
      return { method: "GET", bucket: n.bucket, key: n.key, query: withVersion(n.query, n.versionId), headers, idempotent: true };
    })
    .with({ kind: "HeadObject" }, (n) => ({
      method: "HEAD", bucket: n.bucket, key: n.key, query: withVersion(n.query, n.versionId), headers: { ...n.headers, ...n.ssec?.headers() }, idempotent: true, notFoundCode: "NoSuchKey",
    }))
    .with({ kind: "DeleteObject" }, (n) => ({
      method: "DELETE", bucket: n.bucket, key: n.key, query: withVersion({}, n.versionId),
      headers: n.bypassGovernance ? { "x-amz-bypass-governance-retention": "true" } : ({} as Record<string, string>), idempotent: true,
    }))
    .with({ kind: "ListObjects" }, (n) => ({
      method: "GET", bucket: n.bucket, query: pageQuery(n, undefined), headers: {}, idempotent: true, notFoundCode: "NoSuchBucket",
    }))
    .with({ kind: "GetConfig" }, (n) => ({ method: "GET", bucket: n.bucket, key: n.key, query: configQuery(n), headers: {}, idempotent: true }))
    .with({ kind: "PutConfig" }, (n) => {
      const body = Buffer.from(n.body, "utf8");
      const headers: Record<string, string> = {
        ...n.headers,
        "content-type": n.contentType,
        // S3 requires an integrity header on several configuration PUTs; send it on all.
        "content-md5": createHash("md5").update(body).digest("base64"),
      };
      return { method: "PUT", bucket: n.bucket, key: n.key, query: configQuery(n), headers, body, idempotent: true };
    })
    .with({ kind: "AbortUpload" }, (n) => ({ method: "DELETE", bucket: n.bucket, key: n.key, query: [["uploadId", n.uploadId]], headers: {}, idempotent: true }))
    .with({ kind: "SelectObjectContent" }, (n) => ({
      method: "POST", bucket: n.bucket, key: n.key, query: withVersion({ select: "", "select-type": "2" }, n.versionId),
      headers: { ...n.ssec?.headers(), "content-type": "application/xml" }, body: Buffer.from(selectRequestXml(n.request), "utf8"),
      // Read-only: safe to send again until a response (and its body) is handed on.
      idempotent: true, notFoundCode: "NoSuchKey",
    }))
    .with({ kind: "DeleteObjects" }, (n) => {
      const body = Buffer.from(deleteObjectsBody(n.objects, n.quiet), "utf8");
      const headers: Record<string, string> = {
        "content-type": "application/xml",
        // S3 refuses DeleteObjects without an integrity header.
        "content-md5": createHash("md5").update(body).digest("base64"),
      };
      if (n.bypassGovernance) headers["x-amz-bypass-governance-retention"] = "true";
      // Deleting a key twice leaves the same state: safe to retry.
      return { method: "POST", bucket: n.bucket, query: [["delete", ""]], headers, body, idempotent: true, notFoundCode: "NoSuchBucket" };
    })
    .with({ kind: "DeleteConfig" }, (n) => ({ method: "DELETE", bucket: n.bucket, key: n.key, query: configQuery(n), headers: {}, idempotent: true }))
    .with({ kind: "ListenBucketNotification" }, (n) => listenRequest(n))
    .exhaustive();
}

function configQuery(n: ConfigTarget & { readonly config: ConfigName }): Array<[string, string]> {
  const q: Array<[string, string]> = [[SUBRESOURCE[n.config], ""]];
  if (n.versionId !== undefined) q.push(["versionId", n.versionId]);
  return q;
}
