import { InvalidArgumentError } from "../errors.js";
import { checkInteger } from "./numbers.js";

/** The longest delay Node's timers honour (a larger one silently fires after 1 ms). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The transport settings {@link checkTransportOptions} checks (a structural view of TransportOptions). */
export interface TransportOptionsShape {
  readonly ca?: unknown;
  readonly rejectUnauthorized?: unknown;
  readonly maxSockets?: unknown;
  readonly timeoutMs?: unknown;
  readonly connectTimeoutMs?: unknown;
}

/** The retry settings {@link checkRetryOptions} checks (a structural view of RetryOptions). */
export interface RetryOptionsShape {
  readonly maxAttempts?: unknown;
  readonly baseDelayMs?: unknown;
  readonly maxDelayMs?: unknown;
}

function checkObject(value: unknown, what: string): asserts value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InvalidArgumentError(`${what} must be an object, got ${value === null ? "null" : typeof value}`);
  }
}

/** Checks that `options` is an object whose listed fields, when given, are integers in [min, max]. */
function checkIntegerFields(options: unknown, what: string, bounds: Readonly<Record<string, readonly [number, number]>>): asserts options is Record<string, unknown> {
  checkObject(options, what);
  for (const [field, [min, max]] of Object.entries(bounds)) {
    if (options[field] !== undefined) checkInteger(options[field], `${what}.${field}`, min, max);
  }
}

/** Checks an optional boolean option; `what` names it in the message. */
export function checkOptionalBoolean(value: unknown, what: string): void {
  if (value !== undefined && typeof value !== "boolean") throw new InvalidArgumentError(`${what} must be true or false, got ${String(value)}`);
}

/** Checks an optional string option that ends up in a header or a signature (no line breaks). */
export function checkOptionalHeaderText(value: unknown, what: string): void {
  if (value === undefined) return;
  if (typeof value !== "string") throw new InvalidArgumentError(`${what} must be a string, got ${typeof value}`);
  if (/[\r\n\0]/.test(value)) throw new InvalidArgumentError(`${what} must not contain line breaks`);
}

/**
 * Checks transport options at client construction, so that a bad value is an
 * InvalidArgumentError naming the option — not a RangeError from Node at the first request,
 * nor a timer that fires at once or never.
 */
export function checkTransportOptions(options: unknown): asserts options is TransportOptionsShape | undefined {
  if (options === undefined) return;
  checkIntegerFields(options, "transport", { maxSockets: [1, 65_536], timeoutMs: [1, MAX_TIMER_MS], connectTimeoutMs: [1, MAX_TIMER_MS] });
  checkOptionalBoolean(options.rejectUnauthorized, "transport.rejectUnauthorized");
  const ca = options.ca;
  if (ca !== undefined) {
    const list = Array.isArray(ca) ? ca : [ca];
    if (!list.every((c) => typeof c === "string" || Buffer.isBuffer(c))) {
      throw new InvalidArgumentError("transport.ca must be a PEM string, a Buffer, or an array of them");
    }
  }
}

/** Checks retry options at client construction (attempts at least 1, delays within Node's timer range). */
export function checkRetryOptions(options: unknown): asserts options is RetryOptionsShape | undefined {
  if (options === undefined) return;
  checkIntegerFields(options, "retry", { maxAttempts: [1, 100], baseDelayMs: [0, MAX_TIMER_MS], maxDelayMs: [0, MAX_TIMER_MS] });
}

/** Checks `appInfo` (it becomes part of the User-Agent header). */
export function checkAppInfo(appInfo: unknown): void {
  if (appInfo === undefined) return;
  checkObject(appInfo, "appInfo");
  if (typeof appInfo.name !== "string" || appInfo.name === "") throw new InvalidArgumentError("appInfo.name must be a non-empty string");
  if (typeof appInfo.version !== "string" || appInfo.version === "") throw new InvalidArgumentError("appInfo.version must be a non-empty string");
  checkOptionalHeaderText(appInfo.name, "appInfo.name");
  checkOptionalHeaderText(appInfo.version, "appInfo.version");
}
