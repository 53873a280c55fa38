/**
 * A compact, append-only log of per-key mutation results, kept so late subscribers get
 * the replay. Records are packed as bytes in 64 KiB chunks — a status byte (the status in
 * its low two bits, a skip reason in the next two, its top bit set for a mirror's extra), then the key
 * and version id as length-prefixed UTF-8 — instead of one object per key: a million
 * results of 40-byte keys take 37 MB this way against 140 MB as plain result objects
 * (measured on Node 20; spec/unit/result-log.spec.ts checks the packed size). Failed
 * records keep their code and message in the (small) error list, looked up by their order.
 */
import type { MutationError, MutationResult, MutationStatus, SkipReason } from "./mutation-result.js";

const CHUNK = 64 * 1024;
const STATUS: readonly MutationStatus[] = ["done", "skipped", "failed"];
const STATUS_CODE: Readonly<Record<MutationStatus, number>> = { done: 0, skipped: 1, failed: 2 };
/** Set in the status byte of a mirror's extra (see MutationResult.extra). */
const EXTRA_BIT = 0x80;
const STATUS_MASK = 0x03;
/** A skipped record's reason, 1–3 in bits 2–3 of the status byte (0: none). */
const REASONS: readonly (SkipReason | undefined)[] = [undefined, "dryRun", "unchanged", "deleteMarker"];
const REASON_SHIFT = 2;

/** A position in a {@link ResultLog}, advanced by {@link ResultLog.read}. */
export interface LogCursor {
  /** Records read so far. */
  index: number;
  chunk: number;
  offset: number;
  /** Failed records read so far (the index of the next one in the error list). */
  failed: number;
}

/** Append-only packed storage of {@link MutationResult}s with sequential cursors. */
export class ResultLog {
  readonly #chunks: Buffer[] = [];
  /** Where the records of each full chunk end (all chunks but the last). */
  readonly #ends: number[] = [];
  #used = 0;
  #count = 0;
  /** Failed keys, in order; shared with the summary. */
  readonly errors: MutationError[] = [];

  /** Number of records appended. */
  get length(): number {
    return this.#count;
  }

  /** Appends a result (a failed one also goes to {@link errors}). */
  append(r: MutationResult): void {
    const nameLen = Buffer.byteLength(r.objectName, "utf8");
    const versionLen = r.versionId === undefined ? 0 : Buffer.byteLength(r.versionId, "utf8");
    const size = 1 + 5 + nameLen + 5 + versionLen;
    let buf = this.#chunks[this.#chunks.length - 1];
    if (buf === undefined || this.#used + size > buf.length) {
      if (buf !== undefined) this.#ends.push(this.#used);
      buf = Buffer.allocUnsafe(Math.max(CHUNK, size));
      this.#chunks.push(buf);
      this.#used = 0;
    }
    let at = this.#used;
    const reason = r.reason === undefined ? 0 : REASONS.indexOf(r.reason);
    buf[at++] = STATUS_CODE[r.status] | (reason << REASON_SHIFT) | (r.extra === true ? EXTRA_BIT : 0);
    at = writeVarint(buf, at, nameLen);
    at += buf.write(r.objectName, at, "utf8");
    // 0: no version id; n + 1: a version id of n bytes.
    at = writeVarint(buf, at, r.versionId === undefined ? 0 : versionLen + 1);
    if (r.versionId !== undefined) at += buf.write(r.versionId, at, "utf8");
    this.#used = at;
    this.#count++;
    if (r.status === "failed") {
      this.errors.push({ objectName: r.objectName, ...(r.versionId !== undefined ? { versionId: r.versionId } : {}), code: r.code ?? "", message: r.message ?? "", ...(r.extra === true ? { extra: true as const } : {}) });
    }
  }

  /** A cursor at the first record. */
  cursor(): LogCursor {
    return { index: 0, chunk: 0, offset: 0, failed: 0 };
  }

  /** The record at the cursor (advancing it), or undefined when the cursor is at the end. */
  read(c: LogCursor): MutationResult | undefined {
    if (c.index >= this.#count) return undefined;
    if (c.chunk < this.#ends.length && c.offset >= this.#ends[c.chunk]!) {
      c.chunk++;
      c.offset = 0;
    }
    const buf = this.#chunks[c.chunk]!;
    let at = c.offset;
    const code = buf[at++]!;
    const status = STATUS[code & STATUS_MASK]!;
    const reason = REASONS[(code >> REASON_SHIFT) & 0x03];
    const extra = { ...(reason !== undefined ? { reason } : {}), ...((code & EXTRA_BIT) !== 0 ? { extra: true as const } : {}) };
    const [nameLen, a1] = readVarint(buf, at);
    const objectName = buf.toString("utf8", a1, a1 + nameLen);
    const [v, a2] = readVarint(buf, a1 + nameLen);
    const versionId = v === 0 ? undefined : buf.toString("utf8", a2, a2 + v - 1);
    c.offset = a2 + (v === 0 ? 0 : v - 1);
    c.index++;
    if (status === "failed") {
      const e = this.errors[c.failed++]!;
      return { objectName, ...(versionId !== undefined ? { versionId } : {}), status, code: e.code, message: e.message, ...extra };
    }
    if ((code & (EXTRA_BIT | (0x03 << REASON_SHIFT))) !== 0) return { objectName, ...(versionId !== undefined ? { versionId } : {}), status, ...extra };
    return versionId === undefined ? { objectName, status } : { objectName, versionId, status };
  }

  /** Bytes held by the packed records (not counting the error list). */
  get bytes(): number {
    return this.#chunks.reduce((n, b) => n + b.length, 0);
  }
}

function writeVarint(buf: Buffer, at: number, n: number): number {
  while (n >= 0x80) {
    buf[at++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  buf[at++] = n;
  return at;
}

function readVarint(buf: Buffer, at: number): [number, number] {
  let n = 0;
  let shift = 0;
  for (;;) {
    const b = buf[at++]!;
    n |= (b & 0x7f) << shift;
    if (b < 0x80) return [n >>> 0, at];
    shift += 7;
  }
}
