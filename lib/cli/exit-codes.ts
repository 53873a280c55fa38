/**
 * Exit statuses of the `quarry` command line, stable for scripts.
 */

/** What `quarry` exits with. */
export const ExitCode = Object.freeze({
  /** Everything succeeded. */
  OK: 0,
  /** The server refused the request, or another failure. */
  FAILURE: 1,
  /** Bad command line: unknown command or flag, malformed argument (nothing was sent). */
  USAGE: 2,
  /** The bucket, object or alias does not exist. */
  NOT_FOUND: 3,
  /** The server could not be reached (connection refused, reset, timeout). */
  NETWORK: 4,
  /** A bulk operation finished but some keys failed. */
  PARTIAL: 5,
  /** Interrupted by Ctrl-C (SIGINT), after cleaning up. */
  INTERRUPTED: 130,
});

/** One of the {@link ExitCode} values. */
export type ExitStatus = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure of the command line itself (not of the server), with its exit status. */
export class CliError extends Error {
  override name = "CliError";
  /** The status `quarry` exits with. */
  readonly exitCode: ExitStatus;

  constructor(message: string, exitCode: ExitStatus = ExitCode.USAGE) {
    super(message);
    this.exitCode = exitCode;
  }
}
