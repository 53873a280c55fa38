/**
 * Progress bars on stderr for transfers (bytes, rate, ETA; one line per active transfer) and
 * bulk mutations (keys done). Drawn only when both stdout and stderr are terminals and
 * neither `--json` nor `--quiet` was given; otherwise every call is a no-op.
 */
import cliProgress from "cli-progress";
import { humanSize } from "./units.js";

/** One bar: update it as the work advances, stop it when done. */
export interface ProgressBar {
  /** Reports `loaded` units of `total` (null: unknown total). */
  update(loaded: number, total: number | null): void;
  /** Removes the bar. */
  stop(): void;
}

const NO_BAR: ProgressBar = Object.freeze({ update: () => undefined, stop: () => undefined });

interface Payload {
  readonly name: string;
  readonly unit: "bytes" | "keys";
  readonly totalKnown: boolean;
}

/** Draws the bars of one command run. */
export class ProgressDisplay {
  readonly #multi: cliProgress.MultiBar | undefined;
  #live = 0;

  /** `enabled`: whether to draw at all (see the module comment for when it is). */
  constructor(enabled: boolean) {
    this.#multi = enabled
      ? new cliProgress.MultiBar({ format: formatLine, stream: process.stderr, hideCursor: true, clearOnComplete: true, etaBuffer: 20, fps: 8 })
      : undefined;
  }

  /** Whether bars are drawn. */
  get enabled(): boolean {
    return this.#multi !== undefined;
  }

  /** A bar for a transfer (`unit` bytes) or a bulk mutation (`unit` keys). */
  bar(name: string, unit: "bytes" | "keys" = "bytes"): ProgressBar {
    const multi = this.#multi;
    if (multi === undefined) return NO_BAR;
    const payload: Payload = { name, unit, totalKnown: false };
    const bar = multi.create(1, 0, payload);
    this.#live++;
    let stopped = false;
    const done = () => {
      if (!stopped) this.#live--;
      stopped = true;
    };
    return {
      update(loaded, total) {
        const known = total !== null;
        bar.setTotal(known ? Math.max(total, 1) : Math.max(loaded, 1));
        bar.update(loaded, { ...payload, totalKnown: known });
      },
      stop() {
        done();
        multi.remove(bar);
      },
    };
  }

  /** Prints a line above the bars (so that it does not garble them); false when no bar is drawn now. */
  log(line: string): boolean {
    if (this.#multi === undefined || this.#live === 0) return false;
    this.#multi.log(line);
    return true;
  }

  /** Stops drawing (restores the cursor). */
  stop(): void {
    this.#multi?.stop();
  }
}

function formatLine(options: cliProgress.Options, params: cliProgress.Params, payload: Payload): string {
  const width = options.barsize ?? 30;
  const done = payload.totalKnown ? Math.round(params.progress * width) : 0;
  const bar = payload.totalKnown ? "█".repeat(done) + "░".repeat(width - done) : "·".repeat(width);
  const secs = Math.max((Date.now() - params.startTime) / 1000, 0.001);
  const fmt = payload.unit === "bytes" ? humanSize : String;
  const amount = payload.totalKnown ? `${fmt(params.value)}/${fmt(params.total)}` : fmt(params.value);
  const rate = payload.unit === "bytes" ? `${humanSize(Math.round(params.value / secs))}/s` : `${Math.round(params.value / secs)}/s`;
  const eta = payload.totalKnown && Number.isFinite(params.eta) ? `ETA ${params.eta}s` : "";
  return `${bar} ${amount} ${rate} ${eta} ${payload.name}`.replace(/ +/g, " ").trimEnd();
}
