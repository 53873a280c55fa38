import type { IncomingMessage } from "node:http";
import { Observable } from "rxjs";
import { InvalidResponseError } from "../errors.js";
import type { ObjectInfo } from "../model/object-info.js";
import type { ListObjectsNode } from "../plan/nodes.js";
import type { RequestExecutor } from "./executor.js";
import { compileRequest } from "./compile.js";
import { readListingPage } from "./listing-page.js";
import { nextCursor, pageQuery, type Cursor } from "./page-query.js";

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
  emit: (o: ObjectInfo) => void,
  afterChunk?: () => Promise<void> | undefined,
): Promise<void> {
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
          const cursor = nextCursor(node.api, header);
          if (cursor !== undefined) advance(cursor);
        },
      });
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
  return new Observable<ObjectInfo>((subscriber) => {
    const ac = new AbortController();
    const onOuter = () => ac.abort(outer!.reason);
    outer?.addEventListener("abort", onOuter, { once: true });
    if (outer?.aborted) ac.abort(outer.reason);
    pumpListing(exec, node, ac.signal, (o) => subscriber.next(o)).then(
      () => subscriber.complete(),
      (err: unknown) => subscriber.error(err),
    );
    return () => {
      outer?.removeEventListener("abort", onOuter);
      ac.abort();
    };
  });
}

/**
 * The listing as an async iterable: the parser runs at most one network chunk ahead of
 * the consumer (plus the one page requested ahead); `break` aborts what is in flight.
 */
export function listIterable(exec: RequestExecutor, node: ListObjectsNode, outer?: AbortSignal): AsyncIterable<ObjectInfo> {
  return {
    async *[Symbol.asyncIterator]() {
      const ac = new AbortController();
      const onOuter = () => ac.abort(outer!.reason);
      outer?.addEventListener("abort", onOuter, { once: true });
      if (outer?.aborted) ac.abort(outer.reason);
      let buffer: ObjectInfo[] = [];
      let wakeConsumer: (() => void) | undefined;
      let releaseProducer: (() => void) | undefined;
      let done = false;
      let failure: { error: unknown } | undefined;
      const wake = () => {
        const w = wakeConsumer;
        wakeConsumer = undefined;
        w?.();
      };
      pumpListing(exec, node, ac.signal, (o) => buffer.push(o), () => {
        if (buffer.length === 0) return undefined;
        wake();
        return new Promise<void>((resolve) => (releaseProducer = resolve));
      }).then(
        () => { done = true; wake(); },
        (error: unknown) => { failure = { error }; done = true; wake(); },
      );
      try {
        for (;;) {
          if (buffer.length > 0) {
            const batch = buffer;
            buffer = [];
            const release = releaseProducer;
            releaseProducer = undefined;
            release?.(); // let the parser fill the next batch while this one is consumed
            for (const item of batch) yield item;
          } else if (done) {
            if (failure) throw failure.error;
            return;
          } else {
            await new Promise<void>((resolve) => (wakeConsumer = resolve));
          }
        }
      } finally {
        outer?.removeEventListener("abort", onOuter);
        if (!done) ac.abort();
        releaseProducer?.();
      }
    },
  };
}
