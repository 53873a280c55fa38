/**
 * Reading one listing page, with recovery mid-body (issue 11): the body is parsed as it
 * streams; if it breaks off (reset, cut, idle timeout: a NetworkError), the page is requested
 * again with the same cursor and read from the start, and the entries it already delivered
 * are skipped ({@link PageReplay}), within the client's retry budget, with backoff. Progress
 * (a new entry delivered) resets the count of failures, as for downloads.
 */
import type { IncomingMessage } from "node:http";
import type { ObjectInfo } from "../model/object-info.js";
import type { ListObjectsNode } from "../plan/nodes.js";
import { ListObjectsParser, type ListPageMeta } from "../xml/list-objects.js";
import { bodyChunks } from "./body-chunks.js";
import { PageReplay } from "./page-replay.js";
import { backoffDelay, sleep, type RetryOptions } from "./retry.js";
import { NetworkError } from "./transport.js";

/** What {@link readListingPage} needs besides the response. */
export interface PageReading {
  readonly node: ListObjectsNode;
  readonly signal: AbortSignal;
  readonly retry: RetryOptions;
  /** Receives every entry of the page once, in order. */
  readonly emit: (o: ObjectInfo) => void;
  /** Called once per page (not per attempt) with the page header, as soon as it is parsed. */
  readonly onHeader: (header: ListPageMeta) => void;
  /** After each chunk; may return a promise to hold parsing until the consumer catches up. */
  readonly afterChunk?: () => Promise<void> | undefined;
  /** Requests the same page again. */
  readonly refetch: () => Promise<IncomingMessage>;
  /** After each chunk: true ends the page early (the rest is not wanted; the response is destroyed). */
  readonly stop?: () => boolean;
}

const context = () => "the listing body broke off";

/**
 * Parses the page in `res`, delivering its entries; resolves with the page metadata, or
 * undefined when `stop` ended the page early.
 * @throws NetworkError once the retry budget is spent; InvalidResponseError for a malformed
 * body (not retried); S3Error for an `<Error>` body; the signal's reason on abort.
 */
export async function readListingPage(res: IncomingMessage, r: PageReading): Promise<ListPageMeta | undefined> {
  const { node, signal } = r;
  const maxAttempts = Math.max(1, r.retry.maxAttempts ?? 4);
  const page = new PageReplay(r.emit);
  let looked = false;
  for (let failures = 0; ; ) {
    const parser = new ListObjectsParser(node.api, node.bucket, { urlDecode: node.urlEncoding, onItem: page.onItem });
    try {
      for await (const chunk of bodyChunks(res, context)) {
        parser.write(chunk);
        if (!looked) {
          const header = parser.headerMeta();
          if (header !== undefined) {
            looked = true;
            r.onHeader(header);
          }
        }
        signal.throwIfAborted();
        if (r.stop?.()) {
          res.destroy();
          return undefined;
        }
        const wait = r.afterChunk?.();
        if (wait !== undefined) await wait;
      }
      return parser.end();
    } catch (err) {
      if (!(err instanceof NetworkError) || signal.aborted) throw err;
      failures = page.progressed() ? 1 : failures + 1;
      if (failures >= maxAttempts) throw err;
      await sleep(backoffDelay(failures - 1, r.retry), signal);
      page.replay();
      res = await r.refetch();
    }
  }
}
