/** The request header of reads that ask for the object's checksums. Pure. */

/** `headers` plus `x-amz-checksum-mode: ENABLED` when `enabled`. */
export function withChecksumMode(headers: Record<string, string>, enabled: boolean): Record<string, string> {
  if (enabled) headers["x-amz-checksum-mode"] = "ENABLED";
  return headers;
}
