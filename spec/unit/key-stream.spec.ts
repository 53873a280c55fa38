import { Observable, Subject } from "rxjs";
import { describe, expect, it } from "vitest";
import { keyStream } from "../../lib/exec/key-stream.js";
import { DeleteObject, InvalidArgumentError } from "../../lib/index.js";

async function collect<T>(source: Iterable<T> | AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of source) out.push(x);
  return out;
}

describe("keys to remove, from any source", () => {
  it("strings, DeleteObjects and listed objects become key (+ version) targets", async () => {
    const targets = await collect(keyStream(["a", new DeleteObject("b", "v1"), { objectName: "c", versionId: "v2" }, { name: "d" }]));
    expect(targets).toEqual([{ key: "a" }, { key: "b", versionId: "v1" }, { key: "c", versionId: "v2" }, { key: "d" }]);
  });

  it("arrays and iterables stay synchronous (no promise per key); async sources stay async", () => {
    expect(typeof (keyStream(["a"]) as Iterable<unknown>)[Symbol.iterator]).toBe("function");
    async function* gen() {
      yield "a";
    }
    expect(typeof (keyStream(gen()) as AsyncIterable<unknown>)[Symbol.asyncIterator]).toBe("function");
  });

  it("an Observable is subscribed on the first pull, queued, and unsubscribed when the consumer stops", async () => {
    const subject = new Subject<string>();
    let subscribed = 0;
    let unsubscribed = 0;
    const source = new Observable<string>((sub) => {
      subscribed++;
      const s = subject.subscribe(sub);
      return () => {
        unsubscribed++;
        s.unsubscribe();
      };
    });
    const it = (keyStream(source) as AsyncIterable<{ key: string }>)[Symbol.asyncIterator]();
    expect(subscribed).toBe(0);
    const first = it.next();
    subject.next("a");
    subject.next("b");
    expect(await first).toEqual({ done: false, value: { key: "a" } });
    expect(await it.next()).toEqual({ done: false, value: { key: "b" } });
    await it.return?.();
    expect([subscribed, unsubscribed]).toEqual([1, 1]);
  });

  it("an Observable's error ends the keys with that error, after the keys before it", async () => {
    const source = new Observable<string>((sub) => {
      sub.next("a");
      sub.error(new Error("upstream broke"));
    });
    const seen: string[] = [];
    await expect((async () => {
      for await (const t of keyStream(source) as AsyncIterable<{ key: string }>) seen.push(t.key);
    })()).rejects.toThrow("upstream broke");
    expect(seen).toEqual(["a"]);
  });

  it("a bad key is an InvalidArgumentError when it is reached", () => {
    const it = (keyStream(["ok", { objectName: 7 } as unknown as string]) as Iterable<unknown>)[Symbol.iterator]();
    expect(it.next().value).toEqual({ key: "ok" });
    expect(() => it.next()).toThrow(InvalidArgumentError);
  });
});
