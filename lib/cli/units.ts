/**
 * Sizes and durations as people type and read them: `64MiB`, `1.5GB`, `30d`, `7d12h`.
 */
import { InvalidArgumentError } from "../errors.js";

const SIZE_UNITS: Readonly<Record<string, number>> = {
  "": 1, b: 1,
  k: 1024, ki: 1024, kib: 1024, m: 1024 ** 2, mi: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gi: 1024 ** 3, gib: 1024 ** 3, t: 1024 ** 4, ti: 1024 ** 4, tib: 1024 ** 4,
  kb: 1000, mb: 1000 ** 2, gb: 1000 ** 3, tb: 1000 ** 4,
};

/** Bytes of `64MiB`, `1.5GB`, `100` (KiB/MiB/GiB powers of 1024, KB/MB/GB of 1000). */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? SIZE_UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new InvalidArgumentError(`not a size: "${text}" (e.g. 500, 64KiB, 10MB, 1.5GiB)`);
  return Math.round(Number(m[1]) * unit);
}

const DURATION_UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Milliseconds of `30d`, `12h`, `7d12h30m`, `45s` (s/m/h/d/w units). */
export function parseDuration(text: string): number {
  const parts = /^(?:\d+(?:\.\d+)?[smhdw])+$/.test(text.trim()) ? text.trim().match(/\d+(?:\.\d+)?[smhdw]/g) : null;
  if (!parts) throw new InvalidArgumentError(`not a duration: "${text}" (e.g. 45s, 30m, 12h, 7d, 2w, 1d12h)`);
  return parts.reduce((ms, p) => ms + Number(p.slice(0, -1)) * DURATION_UNITS[p.slice(-1)]!, 0);
}

/** A size for people: `0B`, `999B`, `1.0KiB`, `12.3MiB`. */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  const units = ["KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)}${units[i]}`;
}

/** A date as mc prints it: `[2024-05-01 10:20:30 UTC]`. */
export function humanDate(date: Date | undefined): string {
  if (date === undefined) return "[                       ]";
  return `[${date.toISOString().slice(0, 19).replace("T", " ")} UTC]`;
}
