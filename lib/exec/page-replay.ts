/**
 * Exactly-once delivery across a listing page read more than once (issue 11): when a page's
 * body breaks off mid-parse, the page is requested again with the same cursor, and the
 * entries it already delivered are recognised (by key, prefix or key + version id) and skipped.
 */
import type { ObjectInfo } from "../model/object-info.js";

/** The identity of an entry within one listing: its kind, name and version. */
function identity(o: ObjectInfo): string {
  return `${o.isDir ? "P" : "K"}${o.versionId ?? ""}\u0000${o.objectName}`;
}

/**
 * Tracks what one page has delivered. {@link onItem} forwards entries to `emit`; after
 * {@link replay}, entries delivered by an earlier attempt of the page are dropped.
 */
export class PageReplay {
  readonly #emit: (o: ObjectInfo) => void;
  /** Entries delivered from this page, in order (references only: no copy on the hot path). */
  readonly #delivered: ObjectInfo[] = [];
  #skip: Set<string> | undefined;
  #mark = 0;

  /** @param emit - Receives every entry once. */
  constructor(emit: (o: ObjectInfo) => void) {
    this.#emit = emit;
  }

  /** The parser's entry callback. */
  readonly onItem = (o: ObjectInfo): void => {
    const skip = this.#skip;
    if (skip !== undefined && skip.size > 0 && skip.delete(identity(o))) return;
    this.#delivered.push(o);
    this.#emit(o);
  };

  /** Prepares for another reading of the page: what was delivered so far will be skipped. */
  replay(): void {
    this.#skip = new Set(this.#delivered.map(identity));
    this.#mark = this.#delivered.length;
  }

  /** Whether the current attempt delivered an entry earlier attempts had not. */
  progressed(): boolean {
    return this.#delivered.length > this.#mark;
  }
}
