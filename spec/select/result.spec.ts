import { firstValueFrom, lastValueFrom, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, InvalidResponseError, S3Error } from "../../lib/errors.js";
import type { SelectProgress } from "../../lib/model/select.js";
import { SelectResult } from "../../lib/select/result.js";
import type { SelectSource } from "../../lib/select/source.js";
import { selectErrorMessage, selectEventMessage, statsXml } from "../support/event-stream-encoder.js";

const context = { bucket: "b", key: "k", status: 200 };

/** A scripted response body: chunks handed out one per pull; records how far it was read. */
function scripted(chunks: Uint8Array[], options: { delayEach?: boolean } = {}) {
  const seen = { pulled: 0, returned: false, signal: undefined as AbortSignal | undefined };
  const start = async (signal: AbortSignal): Promise<SelectSource> => {
    seen.signal = signal;
    async function* body() {
      try {
        for (const c of chunks) {
          if (signal.aborted) throw signal.reason;
          if (options.delayEach) await new Promise((r) => setTimeout(r, 1));
          seen.pulled++;
          yield c;
        }
      } finally {
        seen.returned = true;
      }
    }
    return { chunks: body(), context };
  };
  return { start, seen };
}

const ok = () => [
  selectEventMessage("Records", "a,1\n"),
  selectEventMessage("Progress", statsXml("Progress", 5, 10, 4)),
  selectEventMessage("Cont"),
  selectEventMessage("Records", "b,2\n"),
  selectEventMessage("Stats", statsXml("Stats", 50, 100, 8)),
  selectEventMessage("End"),
];

const text = (chunks: Uint8Array[]) => Buffer.concat(chunks).toString();

describe("SelectResult", () => {
  it("yields the records with for await, then resolves stats; progress goes to the callback and the Observable", async () => {
    const got: SelectProgress[] = [];
    const { start } = scripted(ok());
    const r = new SelectResult(start, { onProgress: (p) => got.push(p) });
    const progress = lastValueFrom(r.progress().pipe(toArray()));
    const chunks: Uint8Array[] = [];
    for await (const c of r) chunks.push(c);
    expect(text(chunks)).toBe("a,1\nb,2\n");
    expect(await r.stats()).toEqual({ bytesScanned: 50, bytesProcessed: 100, bytesReturned: 8 });
    expect(got).toEqual([{ bytesScanned: 5, bytesProcessed: 10, bytesReturned: 4 }]);
    expect(await progress).toEqual(got);
  });

  it("records() is async-iterable too, and that also claims the records", async () => {
    const r = new SelectResult(scripted(ok()).start);
    const chunks: Uint8Array[] = [];
    for await (const c of r.records()) chunks.push(c);
    expect(text(chunks)).toBe("a,1\nb,2\n");
    expect(() => r[Symbol.asyncIterator]()).toThrow(/already taken by records\(\)/);
    expect((await r.stats()).bytesScanned).toBe(50);
  });

  it("decodes a body split at every byte the same way", async () => {
    const whole = Buffer.concat(ok());
    for (let i = 0; i < whole.length; i += 3) {
      const r = new SelectResult(scripted([whole.subarray(0, i), whole.subarray(i)]).start);
      expect(text(await lastValueFrom(r.records().pipe(toArray())))).toBe("a,1\nb,2\n");
      expect((await r.stats()).bytesReturned).toBe(8);
    }
  });

  it("reads the body only as fast as the async iterator is pulled (backpressure)", async () => {
    const { start, seen } = scripted(ok());
    const r = new SelectResult(start);
    const it = r[Symbol.asyncIterator]();
    expect(text([(await it.next()).value as Uint8Array])).toBe("a,1\n");
    expect(seen.pulled).toBe(1);
    expect(text([(await it.next()).value as Uint8Array])).toBe("b,2\n");
    expect(seen.pulled).toBe(4);
  });

  it("break aborts the request and rejects stats", async () => {
    const { start, seen } = scripted(ok());
    const r = new SelectResult(start);
    for await (const c of r) {
      expect(text([c])).toBe("a,1\n");
      break;
    }
    expect(seen.returned).toBe(true);
    expect(seen.signal?.aborted).toBe(true);
    await expect(r.stats()).rejects.toMatchObject({ name: "AbortError" });
  });

  it("unsubscribing from records() aborts the request", async () => {
    const { start, seen } = scripted(ok(), { delayEach: true });
    const r = new SelectResult(start);
    const first = await firstValueFrom(r.records());
    expect(text([first])).toBe("a,1\n");
    expect(seen.signal?.aborted).toBe(true);
    await expect(r.stats()).rejects.toMatchObject({ name: "AbortError" });
  });

  it("lets the records be read once: a second consumer gets a clear error", async () => {
    const r = new SelectResult(scripted(ok()).start);
    const all = lastValueFrom(r.records().pipe(toArray()));
    await expect(lastValueFrom(r.records())).rejects.toThrow(InvalidArgumentError);
    expect(() => r[Symbol.asyncIterator]()).toThrow(/read only once; they were already taken by records\(\)/);
    expect(text(await all)).toBe("a,1\nb,2\n");
  });

  it("turns an error event mid-stream into an S3Error with its code and message, after the records before it", async () => {
    const r = new SelectResult(scripted([
      selectEventMessage("Records", "a,1\n"),
      selectErrorMessage("InvalidTextEncoding", "bad UTF-8 at byte 9"),
      selectEventMessage("Records", "never"),
    ]).start);
    const chunks: string[] = [];
    let err: unknown;
    try {
      for await (const c of r) chunks.push(text([c]));
    } catch (e) {
      err = e;
    }
    expect(chunks).toEqual(["a,1\n"]);
    expect(err).toBeInstanceOf(S3Error);
    expect(err).toMatchObject({ code: "InvalidTextEncoding", message: "InvalidTextEncoding: bad UTF-8 at byte 9", bucketName: "b", objectName: "k" });
    await expect(r.stats()).rejects.toBe(err);
  });

  it("refuses a body that ends without an End event (no silent truncation)", async () => {
    const r = new SelectResult(scripted(ok().slice(0, 5)).start);
    await expect(lastValueFrom(r.records().pipe(toArray()))).rejects.toThrow(/ended without an End event/);
    await expect(r.stats()).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it("refuses a body cut inside a message", async () => {
    const whole = Buffer.concat(ok());
    const r = new SelectResult(scripted([whole.subarray(0, whole.length - 3)]).start);
    await expect(lastValueFrom(r.records())).rejects.toThrow(/ended inside a message/);
  });

  it("refuses a corrupt CRC with an InvalidResponseError", async () => {
    const msgs = ok();
    msgs[3]![msgs[3]!.length - 5] ^= 0xff;
    const r = new SelectResult(scripted(msgs).start);
    await expect(lastValueFrom(r.records().pipe(toArray()))).rejects.toThrow(/message CRC32 mismatch/);
  });

  it("stats() alone reads (and drops) the records", async () => {
    const { start, seen } = scripted(ok());
    const r = new SelectResult(start);
    expect(await r.stats()).toMatchObject({ bytesScanned: 50 });
    expect(seen.pulled).toBe(6);
    expect(() => r[Symbol.asyncIterator]()).toThrow(/already taken by stats\(\)/);
  });

  it("stats() called before the records are claimed in the same turn waits for that consumer", async () => {
    const r = new SelectResult(scripted(ok()).start);
    const [stats, records] = await Promise.all([r.stats(), lastValueFrom(r.records().pipe(toArray()))]);
    expect(stats.bytesProcessed).toBe(100);
    expect(text(records)).toBe("a,1\nb,2\n");
  });

  it("a failed request rejects ready, the records and stats; no unhandled rejection when nobody listens", async () => {
    const failure = new S3Error({ code: "NoSuchKey", message: "gone", status: 404 });
    const r = new SelectResult(() => Promise.reject(failure));
    await expect(r.ready).rejects.toBe(failure);
    await expect(r.stats()).rejects.toBe(failure);
    await expect(lastValueFrom(r.records())).rejects.toBe(failure);
    // Not awaited at all: must not crash the process.
    new SelectResult(() => Promise.reject(failure));
    await new Promise((res) => setTimeout(res, 10));
  });

  it("cancel() before anyone reads settles stats with an AbortError and refuses later readers", async () => {
    const { start, seen } = scripted(ok());
    const r = new SelectResult(start);
    await r.ready;
    r.cancel();
    expect(seen.signal?.aborted).toBe(true);
    await expect(r.stats()).rejects.toMatchObject({ name: "AbortError" });
    expect(() => r[Symbol.asyncIterator]()).toThrow(/already taken by cancel\(\)/);
    expect(seen.pulled).toBe(0);
  });

  it("an abort stops the reading even when the whole body is already buffered", async () => {
    const ac = new AbortController();
    const r = new SelectResult(scripted(ok()).start, { signal: ac.signal });
    const it = r[Symbol.asyncIterator]();
    expect((await it.next()).done).toBe(false);
    ac.abort(new Error("stop now"));
    await expect(it.next()).rejects.toThrow("stop now");
    await expect(r.stats()).rejects.toThrow("stop now");
  });

  it("an outer signal aborts the request", async () => {
    const ac = new AbortController();
    const { start, seen } = scripted(ok());
    const r = new SelectResult(start, { signal: ac.signal });
    await r.ready;
    ac.abort();
    expect(seen.signal?.aborted).toBe(true);
    await expect(lastValueFrom(r.records())).rejects.toBeDefined();
  });
});
