/** The request every signing client signs: a GET of one object with the headers an SDK sends. */
export const SIGN_FIXTURE = {
  method: "GET",
  host: "127.0.0.1:9000",
  bucket: "bench-bucket",
  region: "us-east-1",
  accessKey: "BENCHACCESSKEY000000",
  /** A fixed, fake secret for a no-server loop. */
  secretKey: "benchSecretKey/0000000000000000000000000",
  payloadHash: "UNSIGNED-PAYLOAD",
} as const;

/** Key of the i-th signed request (1000 distinct keys, cycled). */
export function signKey(i: number): string {
  return `photos/2026/03/${String(i % 1000).padStart(4, "0")}-img.jpg`;
}
