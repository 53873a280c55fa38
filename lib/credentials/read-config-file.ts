import { readFile } from "node:fs/promises";
import { CredentialsError } from "../errors.js";

/**
 * Reads a configuration or token file as text; a failure is a CredentialsError naming the
 * file and the system error code (`NotFound` when it does not exist), never its content.
 */
export async function readConfigFile(provider: string, filename: string): Promise<string> {
  try {
    return await readFile(filename, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CredentialsError(provider, `cannot read ${filename} (${code ?? (err as Error).name})`, { code: code === "ENOENT" ? "NotFound" : (code ?? "ReadError") });
  }
}
