import fc from "fast-check";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "../../lib/errors.js";
import { EventStreamDecoder, MAX_MESSAGE_LENGTH, type EventHeaderValue, type EventStreamMessage } from "../../lib/select/event-stream.js";
import { encodeMessage, selectEventMessage, statsXml } from "../support/event-stream-encoder.js";

/** Feeds `bytes` in the given chunks, then ends: every message decoded. */
function decodeAll(chunks: Uint8Array[]): EventStreamMessage[] {
  const d = new EventStreamDecoder();
  const out: EventStreamMessage[] = [];
  for (const c of chunks) out.push(...d.push(c));
  d.end();
  return out;
}

/** A comparable view of a header (binary values as hex: views of Buffers vs plain Uint8Arrays). */
function norm([k, v]: [string, EventHeaderValue]): unknown[] {
  return [k, v.type, v.value instanceof Uint8Array ? Buffer.from(v.value).toString("hex") : v.value];
}

/** A comparable view of a message. */
function plain(m: EventStreamMessage) {
  return { headers: [...m.headers.entries()].map(([k, v]) => [k, v.type, v.value instanceof Uint8Array ? Buffer.from(v.value).toString("hex") : v.value]), payload: Buffer.from(m.payload).toString("hex") };
}

const everyType: Array<[string, EventHeaderValue]> = [
  ["t", { type: "boolean", value: true }],
  ["f", { type: "boolean", value: false }],
  ["b", { type: "byte", value: -7 }],
  ["s", { type: "short", value: -1234 }],
  ["i", { type: "integer", value: 2_000_000_000 }],
  ["l", { type: "long", value: -(2n ** 62n) }],
  ["bin", { type: "binary", value: new Uint8Array([0, 255, 1]) }],
  ["str", { type: "string", value: "héllo ✓" }],
  ["ts", { type: "timestamp", value: new Date(1_700_000_000_123) }],
  ["id", { type: "uuid", value: "0123abcd-4567-89ef-0123-456789abcdef" }],
];

function stream(): Buffer {
  return Buffer.concat([
    encodeMessage(everyType, Buffer.from("payload-0")),
    selectEventMessage("Records", "a,1\nb,2\n"),
    selectEventMessage("Cont"),
    selectEventMessage("Progress", statsXml("Progress", 10, 20, 5)),
    selectEventMessage("Records", ""),
    selectEventMessage("Stats", statsXml("Stats", 100, 200, 50)),
    selectEventMessage("End"),
  ]);
}

describe("EventStreamDecoder", () => {
  it("decodes every header value type", () => {
    const [m] = decodeAll([encodeMessage(everyType, Buffer.from("xyz"))]);
    expect([...m!.headers.entries()].map(norm)).toEqual(everyType.map(norm));
    expect(Buffer.from(m!.payload).toString()).toBe("xyz");
  });

  it("gives the same messages whatever byte the input is split at (and byte by byte)", () => {
    const bytes = stream();
    const whole = decodeAll([bytes]).map(plain);
    expect(whole).toHaveLength(7);
    expect(whole[1]!.payload).toBe(Buffer.from("a,1\nb,2\n").toString("hex"));
    for (let i = 0; i <= bytes.length; i++) {
      expect(decodeAll([bytes.subarray(0, i), bytes.subarray(i)]).map(plain)).toEqual(whole);
    }
    for (let i = 0; i + 1 < bytes.length; i += 7) {
      expect(decodeAll([bytes.subarray(0, i), bytes.subarray(i, i + 1), bytes.subarray(i + 1)]).map(plain)).toEqual(whole);
    }
    expect(decodeAll([...bytes].map((b) => Uint8Array.of(b))).map(plain)).toEqual(whole);
  });

  it("emits a message as soon as its last byte arrives, not later", () => {
    const a = selectEventMessage("Records", "first");
    const b = selectEventMessage("End");
    const d = new EventStreamDecoder();
    expect(d.push(a.subarray(0, a.length - 1))).toEqual([]);
    expect(d.push(Buffer.concat([a.subarray(a.length - 1), b.subarray(0, 3)])).map((m) => Buffer.from(m.payload).toString())).toEqual(["first"]);
    expect(d.pending).toBe(true);
    expect(d.push(b.subarray(3))).toHaveLength(1);
    expect(() => d.end()).not.toThrow();
  });

  it("refuses a corrupt prelude CRC with a clear error, before waiting for the message", () => {
    const msg = selectEventMessage("Records", "data");
    msg[9] = msg[9]! ^ 0x01;
    const d = new EventStreamDecoder();
    expect(() => d.push(msg.subarray(0, 12))).toThrow(/prelude CRC32 mismatch/);
    // The decoder stays failed.
    expect(() => d.push(selectEventMessage("End"))).toThrow(InvalidResponseError);
  });

  it("refuses a changed length: the prelude CRC covers the lengths", () => {
    const msg = selectEventMessage("Records", "data");
    msg[3] = msg[3]! + 1; // total length changed, prelude CRC not updated
    expect(() => decodeAll([msg])).toThrow(/prelude CRC32 mismatch/);
  });

  it("refuses a corrupt message CRC (a flipped payload byte)", () => {
    const msg = selectEventMessage("Records", "some records");
    msg[msg.length - 6] = msg[msg.length - 6]! ^ 0x80;
    let err: unknown;
    try {
      decodeAll([msg]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect((err as Error).message).toMatch(/message CRC32 mismatch/);
  });

  it("refuses absurd lengths from the prelude alone (bounded memory)", () => {
    const prelude = (total: number, headers: number) => {
      const b = Buffer.alloc(12);
      b.writeUInt32BE(total, 0);
      b.writeUInt32BE(headers, 4);
      b.writeUInt32BE(crc32(b.subarray(0, 8)), 8);
      return b;
    };
    expect(() => new EventStreamDecoder().push(prelude(0xffff_fff0, 0))).toThrow(/exceeds the 16777216-byte limit/);
    expect(() => new EventStreamDecoder().push(prelude(MAX_MESSAGE_LENGTH + 1, 0))).toThrow(InvalidResponseError);
    expect(() => new EventStreamDecoder().push(prelude(15, 0))).toThrow(/shorter than the 16-byte frame/);
    expect(() => new EventStreamDecoder().push(prelude(100, 90))).toThrow(/does not fit/);
    expect(() => new EventStreamDecoder({ maxMessageLength: 64 }).push(prelude(65, 0))).toThrow(/64-byte limit/);
  });

  it("refuses a stream cut inside a message at end()", () => {
    const msg = selectEventMessage("Records", "abc");
    const d = new EventStreamDecoder();
    d.push(msg.subarray(0, msg.length - 2));
    expect(() => d.end()).toThrow(/ended inside a message/);
    const d2 = new EventStreamDecoder();
    d2.push(msg.subarray(0, 5));
    expect(() => d2.end()).toThrow(InvalidResponseError);
  });

  it("refuses malformed headers: unknown type, overrun, bad UTF-8", () => {
    const withHeaders = (hs: Buffer) => {
      const total = 16 + hs.length;
      const m = Buffer.alloc(total);
      m.writeUInt32BE(total, 0);
      m.writeUInt32BE(hs.length, 4);
      m.writeUInt32BE(crc32(m.subarray(0, 8)), 8);
      hs.copy(m, 12);
      m.writeUInt32BE(crc32(m.subarray(0, total - 4)), total - 4);
      return m;
    };
    expect(() => decodeAll([withHeaders(Buffer.from([1, 0x61, 10]))])).toThrow(/unknown value type 10/);
    expect(() => decodeAll([withHeaders(Buffer.from([1, 0x61, 7, 0, 9, 0x62]))])).toThrow(/runs past/);
    expect(() => decodeAll([withHeaders(Buffer.from([1, 0x61, 4, 0]))])).toThrow(/runs past/);
    expect(() => decodeAll([withHeaders(Buffer.from([2, 0xc3, 0x28, 0]))])).toThrow(/not UTF-8/);
    expect(() => decodeAll([withHeaders(Buffer.from([0, 0]))])).toThrow(/empty name/);
  });
});

const headerValue: fc.Arbitrary<EventHeaderValue> = fc.oneof(
  fc.boolean().map((value) => ({ type: "boolean" as const, value })),
  fc.integer({ min: -128, max: 127 }).map((value) => ({ type: "byte" as const, value })),
  fc.integer({ min: -32768, max: 32767 }).map((value) => ({ type: "short" as const, value })),
  fc.integer().map((value) => ({ type: "integer" as const, value })),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value) => ({ type: "long" as const, value })),
  fc.uint8Array({ maxLength: 40 }).map((value) => ({ type: "binary" as const, value })),
  fc.string({ maxLength: 40, unit: "grapheme" }).map((value) => ({ type: "string" as const, value })),
  fc.integer({ min: -8.64e15, max: 8.64e15 }).map((ms) => ({ type: "timestamp" as const, value: new Date(ms) })),
  fc.uuid().map((value) => ({ type: "uuid" as const, value })),
);

const message = fc.record({
  headers: fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 20, unit: "binary-ascii" }), headerValue), { maxLength: 6, selector: ([k]) => k }),
  payload: fc.uint8Array({ maxLength: 300 }),
});

/** Splits `bytes` at the given (sorted, deduplicated) cut points. */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const p of points) {
    out.push(bytes.subarray(at, p));
    at = p;
  }
  out.push(bytes.subarray(at));
  return out;
}

describe("EventStreamDecoder (properties)", () => {
  it("round-trips random messages split at random points", () => {
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 12 }), (msgs, cuts) => {
        const bytes = Buffer.concat(msgs.map((m) => encodeMessage(m.headers, m.payload)));
        const decoded = decodeAll(split(bytes, cuts));
        expect(decoded).toHaveLength(msgs.length);
        decoded.forEach((d, i) => {
          expect([...d.headers.entries()].map(norm)).toEqual(msgs[i]!.headers.map(norm));
          expect(Buffer.from(d.payload).equals(Buffer.from(msgs[i]!.payload))).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("ends every random corruption in a typed error, never a crash, hang or wrong data", () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
      fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    );
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 3 }), mutation, fc.array(fc.nat(), { maxLength: 6 }), (msgs, mut, cuts) => {
        const good = Buffer.concat(msgs.map((m) => encodeMessage(m.headers, m.payload)));
        const at = mut.at % good.length;
        let bad: Buffer;
        if (mut.kind === "flip") {
          bad = Buffer.from(good);
          bad[at] = bad[at]! ^ (1 << mut.bit);
        } else if (mut.kind === "set") {
          bad = Buffer.from(good);
          bad[at] = mut.value;
        } else if (mut.kind === "truncate") {
          bad = good.subarray(0, at);
        } else {
          bad = Buffer.concat([good.subarray(0, at), mut.bytes, good.subarray(at)]);
        }
        if (bad.equals(good)) return; // a no-op mutation (same value set)
        let decoded: EventStreamMessage[] | undefined;
        try {
          decoded = decodeAll(split(bad, cuts));
        } catch (err) {
          expect(err).toBeInstanceOf(InvalidResponseError);
          return;
        }
        // A cut exactly between messages is not the framing's to notice (the Select layer
        // refuses a stream without its End event): what decoded must be the messages before it.
        expect(mut.kind).toBe("truncate");
        expect(decoded.length).toBeLessThan(msgs.length);
        decoded.forEach((d, i) => expect(Buffer.from(d.payload).equals(Buffer.from(msgs[i]!.payload))).toBe(true));
      }),
      { numRuns: 500 },
    );
  });
});
