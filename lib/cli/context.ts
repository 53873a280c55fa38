/**
 * What every command gets: the parsed global flags, the printer, the progress display, the
 * Ctrl-C abort signal, and one client per alias (created on first use, closed at the end).
 */
import { S3 } from "../client.js";
import type { BucketRef } from "../builders/bucket-ref.js";
import { parseAddress, type Address, type RemoteAddress } from "./address.js";
import { AliasResolver } from "./aliases.js";
import { CliError } from "./exit-codes.js";
import { Output } from "./output.js";
import { ProgressDisplay } from "./progress.js";

/** Flags every command accepts. */
export interface GlobalFlags {
  /** One JSON object per line on stdout. */
  readonly json?: boolean;
  /** Print the stack of a failure. */
  readonly debug?: boolean;
  /** No progress bars. */
  readonly quiet?: boolean;
  /** mc's config directory (instead of `$MC_CONFIG_DIR` / `~/.mc`). */
  readonly configDir?: string;
}

/** The run-wide state commands use. */
export class CliContext {
  /** The printer. */
  readonly out: Output;
  /** Progress bars (no-ops when not drawn). */
  readonly progress: ProgressDisplay;
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
  /** The global flags. */
  readonly flags: GlobalFlags;
  readonly #aliases: AliasResolver;
  readonly #clients = new Map<string, S3>();

  constructor(flags: GlobalFlags, signal: AbortSignal, env: NodeJS.ProcessEnv = process.env) {
    this.flags = flags;
    this.signal = signal;
    const tty = process.stdout.isTTY === true && process.stderr.isTTY === true;
    this.progress = new ProgressDisplay(tty && !flags.json && !flags.quiet);
    this.out = new Output(flags.json === true, process.stdout, process.stderr, (line) => this.progress.log(line));
    this.#aliases = new AliasResolver({ env, configDir: flags.configDir });
  }

  /** Parses an address argument. */
  address(arg: string): Address {
    return parseAddress(arg, (name) => this.#aliases.has(name));
  }

  /** Parses an argument that must be remote. */
  remote(arg: string, what = "a remote address (alias/bucket/key or s3://bucket/key)"): RemoteAddress {
    const a = this.address(arg);
    if (a.type !== "remote") throw new CliError(`"${arg}" is not ${what}; known aliases come from MC_HOST_<alias> or mc's config.json`);
    return a;
  }

  /** Parses an argument that must name at least a bucket. */
  bucketAddress(arg: string): RemoteAddress {
    const a = this.remote(arg);
    if (a.bucket === "") throw new CliError(`"${arg}" names no bucket`);
    return a;
  }

  /** The client of an alias. */
  client(alias: string): S3 {
    let c = this.#clients.get(alias);
    if (c === undefined) {
      c = new S3({ ...this.#aliases.options(alias), appInfo: { name: "quarry-cli", version: "0" } });
      this.#clients.set(alias, c);
    }
    return c;
  }

  /** The bucket of a remote address. */
  bucket(a: RemoteAddress): BucketRef {
    if (a.bucket === "") throw new CliError(`"${a.alias}" names no bucket`);
    return this.client(a.alias).bucket(a.bucket);
  }

  /** Closes every client and the progress display. */
  close(): void {
    this.progress.stop();
    for (const c of this.#clients.values()) c.close();
  }
}
