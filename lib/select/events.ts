/**
 * What the messages of a Select response mean: Records, Stats, Progress, Cont, End, and
 * error events (which become S3Errors carrying the event's :error-code and :error-message).
 */
import { match, P } from "ts-pattern";
import { InvalidResponseError, S3Error } from "../errors.js";
import type { SelectStats } from "../model/select.js";
import { parseSelectStats } from "../xml/select.js";
import type { EventStreamMessage } from "./event-stream.js";

/** One Select event. */
export type SelectEvent =
  | { readonly type: "records"; readonly payload: Uint8Array }
  | { readonly type: "stats"; readonly stats: SelectStats }
  | { readonly type: "progress"; readonly progress: SelectStats }
  | { readonly type: "cont" }
  | { readonly type: "end" }
  /** An event type this client does not know (ignored, as AWS asks of clients). */
  | { readonly type: "unknown"; readonly eventType: string };

/** Which object a Select ran over, for the errors it raises. */
export interface SelectContext {
  /** Bucket of the queried object. */
  readonly bucket: string;
  /** Key of the queried object. */
  readonly key: string;
  /** HTTP status of the response that carried the events. */
  readonly status: number;
}

/** A string header, or undefined when absent or of another type. */
export function stringHeader(msg: EventStreamMessage, name: string): string | undefined {
  const h = msg.headers.get(name);
  return h?.type === "string" ? h.value : undefined;
}

const utf8 = new TextDecoder();

/**
 * Interprets one message.
 * @throws S3Error for an error (or exception) event; InvalidResponseError for a message that
 * is neither an event nor an error, or a malformed Stats / Progress payload.
 */
export function selectEvent(msg: EventStreamMessage, ctx: SelectContext): SelectEvent {
  const messageType = stringHeader(msg, ":message-type");
  const target = { status: ctx.status, bucketName: ctx.bucket, objectName: ctx.key };
  return match(messageType)
    .with("event", () => eventOf(msg))
    .with("error", () => {
      throw new S3Error({
        ...target,
        code: stringHeader(msg, ":error-code") ?? "SelectError",
        message: stringHeader(msg, ":error-message") ?? "the server reported an error in the Select event stream",
      });
    })
    .with("exception", () => {
      throw new S3Error({ ...target, code: stringHeader(msg, ":exception-type") ?? "SelectException", message: utf8.decode(msg.payload) });
    })
    .with(P.union(P.string, undefined), (t) => {
      throw new InvalidResponseError(ctx.status, "application/vnd.amazon.eventstream", `a Select message of unknown :message-type ${JSON.stringify(t)}`);
    })
    .exhaustive();
}

function eventOf(msg: EventStreamMessage): SelectEvent {
  const eventType = stringHeader(msg, ":event-type") ?? "";
  return match<string, SelectEvent>(eventType)
    .with("Records", () => ({ type: "records", payload: msg.payload }))
    .with("Stats", () => ({ type: "stats", stats: parseSelectStats(utf8.decode(msg.payload), "Stats") }))
    .with("Progress", () => ({ type: "progress", progress: parseSelectStats(utf8.decode(msg.payload), "Progress") }))
    .with("Cont", () => ({ type: "cont" }))
    .with("End", () => ({ type: "end" }))
    .otherwise((t) => ({ type: "unknown", eventType: t }));
}
