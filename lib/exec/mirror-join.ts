/**
 * The diff of a mirror: a merge-join of sorted listings (no HEAD per key). The query's matches
 * and the target listing are walked together in UTF-8 key order — mapping a source key to its
 * target key keeps that order, since every source key starts with the stripped prefix — and
 * each match comes out as "copy" (absent or different in the target) or "same"; with
 * `sourceKeys`, each target key with no source object at all comes out as "extra".
 */
import type { ObjectInfo } from "../model/object-info.js";
import { compareUtf8 } from "../xml/listing-values.js";

/** What the mirror does with one key. */
export type MirrorStep =
  | { readonly type: "copy" | "same"; readonly source: ObjectInfo; readonly targetKey: string }
  | { readonly type: "extra"; readonly targetKey: string };

/** A multipart ETag (`<hex>-<parts>`): not an MD5 of the bytes, and not kept by a server-side copy. */
export function isMultipartETag(etag: string | undefined): boolean {
  return etag !== undefined && /-\d+$/.test(etag);
}

/**
 * Whether `target` already holds `source`'s content: same size and the same ETag — or, when
 * either ETag is a multipart one (a copy of a multipart object gets a new ETag), a target
 * modified no earlier than the source (the source did not change after the copy).
 */
export function sameContent(source: ObjectInfo, target: ObjectInfo): boolean {
  if (source.size !== target.size) return false;
  if (source.etag !== undefined && source.etag === target.etag) return true;
  if (!isMultipartETag(source.etag) && !isMultipartETag(target.etag)) return false;
  const s = source.lastModified?.getTime();
  const t = target.lastModified?.getTime();
  return s !== undefined && t !== undefined && t >= s;
}

/** Pull-one-ahead over an async iterable of listing entries, skipping common prefixes. */
class Cursor {
  readonly #it: AsyncIterator<ObjectInfo>;
  #head: ObjectInfo | undefined;
  #ready = false;
  #done = false;

  constructor(source: AsyncIterable<ObjectInfo>) {
    this.#it = source[Symbol.asyncIterator]();
  }

  async peek(): Promise<ObjectInfo | undefined> {
    while (!this.#ready && !this.#done) {
      const r = await this.#it.next();
      if (r.done) this.#done = true;
      else if (!r.value.isDir) {
        this.#head = r.value;
        this.#ready = true;
      }
    }
    return this.#ready ? this.#head : undefined;
  }

  take(): void {
    this.#ready = false;
    this.#head = undefined;
  }

  async close(): Promise<void> {
    if (!this.#done) await this.#it.return?.();
  }
}

/** Inputs of {@link mirrorJoin}. */
export interface MirrorJoinInput {
  /** The query's matches, in key order. */
  readonly matches: AsyncIterable<ObjectInfo>;
  /** The target listing under the target prefix, in key order. */
  readonly target: AsyncIterable<ObjectInfo>;
  /** Source key → target key (order-preserving). */
  readonly targetKey: (sourceKey: string) => string;
  /**
   * To report extras: every source object under the source prefix, in key order, or
   * "matches" when the matches are all of them. Absent: no extras are reported.
   */
  readonly sourceKeys?: AsyncIterable<ObjectInfo> | "matches";
}

/** Merge-joins the matches with the target listing; see the module comment. */
export async function* mirrorJoin(input: MirrorJoinInput): AsyncGenerator<MirrorStep, void, undefined> {
  const m = new Cursor(input.matches);
  const all = input.sourceKeys === undefined || input.sourceKeys === "matches" ? undefined : new Cursor(input.sourceKeys);
  const reportExtras = input.sourceKeys !== undefined;
  try {
    for await (const t of input.target) {
      if (t.isDir) continue;
      let match = await m.peek();
      while (match !== undefined && compareUtf8(input.targetKey(match.objectName), t.objectName) < 0) {
        yield { type: "copy", source: match, targetKey: input.targetKey(match.objectName) };
        m.take();
        match = await m.peek();
      }
      if (match !== undefined && input.targetKey(match.objectName) === t.objectName) {
        m.take();
        yield { type: sameContent(match, t) ? "same" : "copy", source: match, targetKey: t.objectName };
        continue;
      }
      if (!reportExtras) continue;
      if (all !== undefined) {
        let s = await all.peek();
        while (s !== undefined && compareUtf8(input.targetKey(s.objectName), t.objectName) < 0) {
          all.take();
          s = await all.peek();
        }
        if (s !== undefined && input.targetKey(s.objectName) === t.objectName) continue; // a source object the predicates left out
      }
      yield { type: "extra", targetKey: t.objectName };
    }
    for (let match = await m.peek(); match !== undefined; match = await m.peek()) {
      m.take();
      yield { type: "copy", source: match, targetKey: input.targetKey(match.objectName) };
    }
  } finally {
    await Promise.all([m.close(), all?.close()]);
  }
}
