/**
 * What commands print: human lines, or with `--json` one JSON object per line on stdout.
 * Messages and warnings go to stderr so that stdout stays parseable.
 */
import type { Writable } from "node:stream";

/** The printer a command writes to. */
export class Output {
  /** Whether `--json` was given. */
  readonly json: boolean;
  readonly #out: Writable;
  readonly #err: Writable;

  constructor(json: boolean, out: Writable = process.stdout, err: Writable = process.stderr) {
    this.json = json;
    this.#out = out;
    this.#err = err;
  }

  /** One result: `human` as a line, or `record` as a JSON line. */
  result(human: string, record: object): void {
    this.#out.write(this.json ? `${JSON.stringify(record)}\n` : `${human}\n`);
  }

  /** Raw bytes or text to stdout (cat, select). */
  raw(chunk: Uint8Array | string): boolean {
    return this.#out.write(chunk);
  }

  /** The stdout stream (for piping). */
  get stdout(): Writable {
    return this.#out;
  }

  /** A note for people on stderr (not in --json mode). */
  note(message: string): void {
    if (!this.json) this.#err.write(`${message}\n`);
  }

  /** A warning on stderr (both modes). */
  warn(message: string): void {
    this.#err.write(`quarry: ${message}\n`);
  }
}
