/**
 * Addresses on the command line: `alias/bucket/key` as mc writes them (the first segment
 * names a known alias), `s3://bucket/key` as the AWS CLI writes them, anything else a local path.
 */

/** The pseudo-alias of `s3://` addresses (the AWS environment). */
export const AWS_ALIAS = "s3://";

/** A remote location: an alias, and optionally a bucket and a key (or key prefix). */
export interface RemoteAddress {
  readonly type: "remote";
  /** An mc alias, or {@link AWS_ALIAS}. */
  readonly alias: string;
  /** Bucket name; empty for the alias itself (its list of buckets). */
  readonly bucket: string;
  /** Key or prefix inside the bucket; may be empty. */
  readonly key: string;
}

/** A path on the local file system. */
export interface LocalAddress {
  readonly type: "local";
  readonly path: string;
}

/** Either kind of address. */
export type Address = RemoteAddress | LocalAddress;

/**
 * Parses one argument. `isAlias` says whether a first path segment is a known mc alias;
 * an argument whose first segment is not one is a local path.
 */
export function parseAddress(arg: string, isAlias: (name: string) => boolean): Address {
  if (arg.startsWith(AWS_ALIAS)) return remote(AWS_ALIAS, arg.slice(AWS_ALIAS.length));
  const slash = arg.indexOf("/");
  const first = slash < 0 ? arg : arg.slice(0, slash);
  if (first !== "" && first !== "." && first !== ".." && isAlias(first)) return remote(first, slash < 0 ? "" : arg.slice(slash + 1));
  return { type: "local", path: arg };
}

function remote(alias: string, rest: string): RemoteAddress {
  const slash = rest.indexOf("/");
  if (slash < 0) return { type: "remote", alias, bucket: rest, key: "" };
  return { type: "remote", alias, bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
}

/** The address as the user would write it (`alias/bucket/key` or `s3://bucket/key`). */
export function formatAddress(a: Address): string {
  if (a.type === "local") return a.path;
  const path = [a.bucket, a.key].filter((x, i) => i === 0 || x !== "").join("/");
  return a.alias === AWS_ALIAS ? `${AWS_ALIAS}${path}` : path === "" ? a.alias : `${a.alias}/${path}`;
}

/** The same remote address with another key. */
export function withKey(a: RemoteAddress, key: string): RemoteAddress {
  return { ...a, key };
}

/** Whether an address names a "directory": a trailing slash, or a bucket (or alias) without a key. */
export function isDirLike(a: Address): boolean {
  if (a.type === "local") return a.path.endsWith("/");
  return a.key === "" || a.key.endsWith("/");
}

/** The last segment of a key or path (without a trailing slash). */
export function baseName(path: string): string {
  const trimmed = path.endsWith("/") ? path.slice(0, -1) : path;
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}
