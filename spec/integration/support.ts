import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { S3, type S3Options } from "../../lib/index.js";
import { startFaultProxy, type Fault } from "../support/fault-proxy.js";

/** The servers the global setup started (or found). */
export function servers() {
  return inject("s3");
}

/** A client for the plain (HTTP) test server. */
export function plainClient(extra: Partial<S3Options> = {}): S3 {
  const s = servers().plain;
  return new S3({ endpoint: s.endpoint, accessKey: s.accessKey, secretKey: s.secretKey, ...extra });
}

/**
 * A client that talks to the plain server through a proxy injecting `script` faults (the
 * proxy also counts the requests while its script runs); fixed region, 5 ms retry base.
 */
export async function viaFaultProxy(script: Fault[], extra: Partial<S3Options> = {}) {
  const s = servers().plain;
  const url = new URL(s.endpoint);
  const proxy = await startFaultProxy({ host: url.hostname, port: Number(url.port) }, script);
  const client = new S3({
    endpoint: proxy.endpoint, accessKey: s.accessKey, secretKey: s.secretKey, region: "us-east-1", retry: { baseDelayMs: 5 }, ...extra,
  });
  return { proxy, client };
}

/** A fresh, unique, valid bucket name. */
export function bucketName(tag: string): string {
  return `q-${tag}-${randomBytes(4).toString("hex")}`.slice(0, 63);
}

/** Creates a bucket and returns its name plus a cleanup that empties (all versions) and removes it. */
export async function tempBucket(s3: S3, tag: string, options: { objectLock?: boolean } = {}) {
  const name = bucketName(tag);
  await s3.bucket(name).create(options);
  const cleanup = async () => {
    const b = s3.bucket(name);
    for await (const o of b.objects().recursive().versions()) {
      const ref = o.versionId ? b.object(o.objectName).version(o.versionId) : b.object(o.objectName);
      await ref.remove({ bypassGovernance: true });
    }
    await b.remove();
  };
  return { name, bucket: s3.bucket(name), cleanup };
}

/** Reads a Node stream to a Buffer. */
export async function drain(stream: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(typeof c === "string" ? Buffer.from(c) : c);
  return Buffer.concat(parts);
}
