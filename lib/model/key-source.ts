/**
 * What an explicit removal accepts: keys given as strings, {@link DeleteObject}s, or
 * anything with a `name` or `objectName` (an {@link ObjectInfo} from a listing), in an
 * array, a sync or async iterable, or an Observable.
 */
import { isObservable, type Observable } from "rxjs";
import { InvalidArgumentError } from "../errors.js";
import { checkObjectName } from "../validate/index.js";
import type { DeleteObject } from "./delete-object.js";

/** One key to remove: a key, a `DeleteObject`, or an object with `objectName` (and maybe `versionId`). */
export type KeyLike = string | DeleteObject | { readonly name: string; readonly versionId?: string } | { readonly objectName: string; readonly versionId?: string };

/** A source of keys: an array, a sync or async iterable, or an Observable. */
export type KeySource = Iterable<KeyLike> | AsyncIterable<KeyLike> | Observable<KeyLike>;

/** What kind of source it is (for the plan), or an InvalidArgumentError. */
export function keySourceKind(source: unknown): "array" | "iterable" | "async iterable" | "observable" {
  if (Array.isArray(source)) return "array";
  if (typeof source === "string") throw new InvalidArgumentError("give the keys to remove as an array, iterable or Observable, not a string");
  if (isObservable(source)) return "observable";
  if (source !== null && typeof source === "object") {
    if (typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function") return "async iterable";
    if (typeof (source as Iterable<unknown>)[Symbol.iterator] === "function") return "iterable";
  }
  throw new InvalidArgumentError(`the keys to remove must be an array, an iterable, an async iterable or an Observable, got ${source === null ? "null" : typeof source}`);
}

/** A key and version to remove, from any {@link KeyLike}; bad input is an InvalidArgumentError. */
export function toDeleteTarget(item: unknown): { key: string; versionId?: string } {
  let key: unknown;
  let versionId: unknown;
  if (typeof item === "string") key = item;
  else if (item !== null && typeof item === "object") {
    const o = item as { name?: unknown; objectName?: unknown; versionId?: unknown };
    key = o.objectName ?? o.name;
    versionId = o.versionId;
  } else {
    throw new InvalidArgumentError(`a key to remove must be a string, a DeleteObject or an object with objectName, got ${item === null ? "null" : typeof item}`);
  }
  checkObjectName(key);
  if (versionId === undefined || versionId === null) return { key };
  if (typeof versionId !== "string" || versionId === "") throw new InvalidArgumentError(`versionId of ${JSON.stringify(key)} must be a non-empty string`);
  return { key, versionId };
}
