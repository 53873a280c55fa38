import type { IncomingMessage } from "node:http";
import type { Observable } from "rxjs";
import { InvalidResponseError } from "../errors.js";
import type { ObjectInfo } from "../model/object-info.js";
import { pullIterable } from "./push-pull.js";
import type { ListObjectsNode } from "../plan/nodes.js";
import { compareUtf8 } from "../xml/listing-values.js";
import type { RequestExecutor } from "./executor.js";
import { compileRequest } from "./compile.js";
import { readListingPage } from "./listing-page.js";
import { nextCursor, pageQuery, type Cursor } from "./page-query.js";
import { pumpObservable } from "./pump-observable.js";

/**
 * Runs a listing page by page, parsing each body as it streams and calling `emit` for
 * every entry. The next page is requested as soon as its cursor is known — while the
 * current page is still being parsed and consumed — and never more than one page ahead.
 * `afterChunk` may return a promise to hold parsing until the consumer catches up.
 * A page whose body breaks off is read again, resuming after its last delivered entry.
 */
export async function pumpListing(
  exec: RequestExecutor,
  node: ListObjectsNode,
  signal: AbortSignal,
  emitEntry: (o: ObjectInfo) => void,
  afterChunk?: () => Promise<void> | undefined,
): Promise<void> {
  // A query's stop key: entries at or after it are dropped, and no page is requested past
  // the first page that reaches it — the read-ahead waits for the page's end to know. A long
  // range (more than READ_AHEAD_AFTER whole pages inside it) reads ahead again: pipelining is
  // worth more there than the one request past the stop key it may cost (aborted unread).
  // Entries before `startAt` (a scan from an inclusive key starts early) are dropped too.
  const { stopAt, startAt } = node;
  const READ_AHEAD_AFTER = 4; // whole pages inside the range before reading ahead again
  let stopped = false;
  let pagesInside = 0;
  const emit = stopAt === undefined && startAt === undefined ? emitEntry : (o: ObjectInfo) => {
    if (stopAt !== undefined && compareUtf8(o.objectName, stopAt) >= 0) stopped = true;
    else if (startAt === undefined || compareUtf8(o.objectName, startAt) >= 0) emitEntry(o);
  };
  const region = await exec.regionOf(node.bucket, signal);
  const fetchPage = (cursor: Cursor | undefined): Promise<IncomingMessage> => {
    const p = exec.send({ ...compileRequest(node), query: pageQuery(node, cursor) }, signal, region);
    p.catch(() => undefined); // observed when awaited; never an unhandled rejection if we stop first
    return p;
  };
  let pending: Promise<IncomingMessage> | undefined = fetchPage(undefined);
  let current: Cursor | undefined; // the cursor of the page being parsed
  let next: Cursor | undefined;
  const advance = (cursor: Cursor): void => {
    if (JSON.stringify(cursor) === JSON.stringify(current)) {
      throw new InvalidResponseError(200, "application/xml", "listing is truncated but repeats its continuation marker");
    }
    next = cursor;
    pending = fetchPage(cursor);
  };
  try {
    while (pending !== undefined) {
      const res: IncomingMessage = await pending;
      pending = undefined;
      current = next;
      const meta = await readListingPage(res, {
        node, signal, retry: exec.config.retry, emit, afterChunk,
        refetch: () => fetchPage(current), // a body broken off mid-page: the same page again
        onHeader: (header) => {
          // The page header (truncation, next token) precedes the entries: ask for the next
          // page now, so the server prepares it while this one is parsed and consumed.
          if (stopAt !== undefined && pagesInside < READ_AHEAD_AFTER) return;
          const cursor = nextCursor(node.api, header);
          if (cursor !== undefined) advance(cursor);
        },
        // Keys come in order in a recursive listing: nothing after the stop key is wanted.
        stop: () => stopped && node.delimiter === undefined,
      });
      if (stopped || meta === undefined) return;
      pagesInside++;
      if (pending === undefined && meta.isTruncated) {
        const cursor = nextCursor(node.api, meta);
        if (cursor === undefined) {
          throw new InvalidResponseError(200, "application/xml", "listing is truncated but gives no continuation marker");
        }
        advance(cursor);
      }
    }
  } finally {
    // A page requested ahead that will not be read: free its socket.
    if (pending !== undefined) pending.then((r) => r.destroy(), () => undefined);
  }
}

/** A cold Observable over a listing; unsubscribing aborts the request in flight. */
export function listObservable(exec: RequestExecutor, node: ListObjectsNode, outer?: AbortSignal): Observable<ObjectInfo> {
  return pumpObservable(outer, (signal, emit) => pumpListing(exec, node, signal, emit));
}

/**
 * The listing as an async iterable: the parser runs at most one network chunk ahead of
 * the consumer (plus the one page requested ahead); `break` aborts what is in flight.
 */
export function listIterable(exec: RequestExecutor, node: ListObjectsNode, outer?: AbortSignal): AsyncIterable<ObjectInfo> {
  return pullIterable((signal, emit, afterChunk) => pumpListing(exec, node, signal, emit, afterChunk), outer);
}
