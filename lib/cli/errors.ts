/**
 * Turns any failure into one clear line and an exit status (the stack only with --debug).
 */
import { CommanderError } from "commander";
import { CredentialsError, InvalidArgumentError, InvalidResponseError, S3Error, ServerError } from "../errors.js";
import { NetworkError } from "../exec/transport.js";
import { CliError, ExitCode, type ExitStatus } from "./exit-codes.js";

const NOT_FOUND_CODES = new Set(["NoSuchKey", "NoSuchBucket", "NoSuchVersion", "NoSuchUpload", "NotFound"]);

/** Whether `error` is the rejection of an aborted operation (Ctrl-C). */
export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || (error as { code?: unknown }).code === "ABORT_ERR");
}

/** The exit status a failure maps to. */
export function exitCodeOf(error: unknown): ExitStatus {
  if (error instanceof CliError) return error.exitCode;
  if (isAbort(error)) return ExitCode.INTERRUPTED;
  if (error instanceof InvalidArgumentError || error instanceof CommanderError) return ExitCode.USAGE;
  if (error instanceof S3Error) return NOT_FOUND_CODES.has(error.code) ? ExitCode.NOT_FOUND : ExitCode.FAILURE;
  if (error instanceof NetworkError) return ExitCode.NETWORK;
  if (error instanceof Error && (error as NodeJS.ErrnoException).code === "ENOENT") return ExitCode.NOT_FOUND;
  return ExitCode.FAILURE;
}

/** One line describing `error` for stderr (never a secret: messages of Quarry's errors carry none). */
export function errorLine(error: unknown): string {
  if (isAbort(error)) return "quarry: interrupted";
  if (error instanceof S3Error) {
    const where = [error.bucketName, error.objectName].filter((x) => x).join("/");
    return `quarry: ${error.code}: ${error.message}${where ? ` (${where})` : ""}`;
  }
  if (error instanceof NetworkError) return `quarry: network error: ${error.message}`;
  if (error instanceof ServerError || error instanceof InvalidResponseError) return `quarry: server error: ${error.message}`;
  if (error instanceof CredentialsError) return `quarry: credentials: ${error.message}`;
  if (error instanceof Error) return `quarry: ${error.message}`;
  return `quarry: ${String(error)}`;
}
