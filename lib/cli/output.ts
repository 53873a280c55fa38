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
  readonly #above: (line: string) => boolean;

  /** `above`: prints a human line above progress bars while they are drawn (returns false when none are). */
  constructor(json: boolean, out: Writable = process.stdout, err: Writable = process.stderr, above: (line: string) => boolean = () => false) {
    this.json = json;
    this.#out = out;
    this.#err = err;
    this.#above = above;
  }

  /** One result: `human` as a line, or `record` as a JSON line. */
  result(human: string, record: object): void {
    if (this.json) this.#out.write(`${JSON.stringify(record)}\n`);
    else if (!this.#above(`${human}\n`)) this.#out.write(`${human}\n`);
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
