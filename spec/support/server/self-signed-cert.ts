import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { runLogged } from "./run-logged.js";

/**
 * Writes a fresh self-signed certificate for 127.0.0.1 / localhost (RSA 2048,
 * valid 2 days) as MinIO expects it — `public.crt` and `private.key` in
 * `certsDir` — and returns the certificate PEM, which is also its own CA.
 * Needs the `openssl` command (1.1.1 or later, for `-addext`).
 */
export async function writeSelfSignedCert(certsDir: string, logFile: string): Promise<string> {
  await mkdir(certsDir, { recursive: true });
  const crt = join(certsDir, "public.crt");
  await runLogged(
    "openssl",
    [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
      "-subj", "/CN=127.0.0.1",
      "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "-keyout", join(certsDir, "private.key"),
      "-out", crt,
    ],
    { cwd: certsDir, env: process.env, logFile },
  );
  return readFile(crt, "utf8");
}
