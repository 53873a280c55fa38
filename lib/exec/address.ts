import { uriEncode } from "../sign/uri-encode.js";
import type { Endpoint } from "./endpoint.js";

/** Host header and wire path for one request. */
export interface Address {
  readonly host: string;
  /** Path as sent and signed: every key byte outside the unreserved set encoded once. */
  readonly path: string;
}

/**
 * Addresses a request: virtual-host style (`bucket.host/key`) when asked for and the bucket
 * name allows it (no dots over TLS, DNS-compatible), path style (`host/bucket/key`) otherwise.
 * AWS endpoints without a region in their host get `s3.<region>.amazonaws.com`.
 */
export function address(endpoint: Endpoint, region: string, virtualHost: boolean, bucket?: string, key?: string): Address {
  let host = endpoint.host;
  if (endpoint.isAws && !endpoint.awsRegion && endpoint.hostname === "s3.amazonaws.com" && region !== "us-east-1") {
    host = `s3.${region}.amazonaws.com`;
  }
  const encodedKey = key === undefined ? "" : uriEncode(key, false);
  if (bucket === undefined) return { host, path: "/" };
  if (virtualHost && canUseVirtualHost(endpoint, bucket)) {
    return { host: `${bucket}.${host}`, path: `/${encodedKey}` };
  }
  return { host, path: key === undefined ? `/${bucket}` : `/${bucket}/${encodedKey}` };
}

function canUseVirtualHost(endpoint: Endpoint, bucket: string): boolean {
  if (endpoint.secure && bucket.includes(".")) return false;
  return /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(bucket);
}
