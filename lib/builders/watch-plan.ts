/**
 * Options of `ObjectsQuery.watch()` and the listener template they make (validated before
 * anything is sent; the planner fills in the prefix and suffix it pushes down).
 */
import type { NotificationEvent } from "../model/notification.js";
import type { ListenBucketNotificationNode } from "../plan/nodes.js";
import { listenNode, type ListenOptions } from "./listen-plan.js";

/** The events a watch listens to when none are given: new objects (as mc find --watch). */
export const DEFAULT_WATCH_EVENTS: readonly NotificationEvent[] = Object.freeze(["s3:ObjectCreated:*"]);

/** Options of `ObjectsQuery.watch()`. */
export interface WatchOptions extends Pick<ListenOptions, "reconnect" | "idleTimeoutMs"> {
  /** Ends the watch (the Observable errors with the abort reason) and closes the connection. */
  readonly signal?: AbortSignal;
  /**
   * Event names to listen to (default `s3:ObjectCreated:*`). Each record is mapped to an
   * ObjectInfo (removal records carry no size) and the query's predicates run on it.
   */
  readonly events?: readonly NotificationEvent[];
}

/** The listener of a watch, before push-down (prefix and suffix empty). */
export function watchListener(bucket: string, options: WatchOptions): ListenBucketNotificationNode {
  return listenNode(bucket, {
    events: options.events ?? DEFAULT_WATCH_EVENTS,
    ...(options.reconnect !== undefined ? { reconnect: options.reconnect } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
  });
}
