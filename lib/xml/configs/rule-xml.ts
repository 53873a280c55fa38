/**
 * XML pieces shared by the lifecycle and replication codecs: the rule `<Filter>`, and
 * strict readers of numbers, booleans, dates and statuses.
 */
import type { create } from "xmlbuilder2";
import { InvalidArgumentError } from "../../errors.js";
import { AndOperator, Filter, Tag, type RuleStatus } from "../../model/filter.js";
import { malformed } from "../decode.js";
import { child, childText, children, type XmlElement } from "../tree.js";
import { literal } from "../literal-text.js";

/** An xmlbuilder2 element under construction. */
export type XmlNode = ReturnType<typeof create>;

/** Appends `<name>text</name>` when `value` is defined. */
export function optional(parent: XmlNode, name: string, value: string | number | boolean | undefined): void {
  if (value !== undefined) parent.ele(name).txt(literal(String(value)));
}

/** Writes a date as S3 does (`2030-01-01T00:00:00.000Z`). */
export function isoDate(date: Date | undefined): string | undefined {
  return date?.toISOString();
}

/** Appends `<Filter>` for `filter`; an empty filter is `<Filter/>` (every object). */
export function encodeFilter(parent: XmlNode, filter: Filter): void {
  const el = parent.ele("Filter");
  optional(el, "Prefix", filter.prefix);
  if (filter.tag) encodeTag(el, filter.tag.key, filter.tag.value);
  optional(el, "ObjectSizeGreaterThan", filter.objectSizeGreaterThan);
  optional(el, "ObjectSizeLessThan", filter.objectSizeLessThan);
  const and = filter.andOperator;
  if (and) {
    const a = el.ele("And");
    optional(a, "Prefix", and.prefix);
    for (const [key, value] of and.tags) encodeTag(a, key, value);
    optional(a, "ObjectSizeGreaterThan", and.objectSizeGreaterThan);
    optional(a, "ObjectSizeLessThan", and.objectSizeLessThan);
  }
}

function encodeTag(parent: XmlNode, key: string, value: string): void {
  const t = parent.ele("Tag");
  t.ele("Key").txt(literal(key));
  t.ele("Value").txt(literal(value));
}

/** Reads a `<Filter>` element. */
export function decodeFilter(el: XmlElement): Filter {
  const and = child(el, "And");
  const tag = child(el, "Tag");
  return new Filter({
    prefix: childText(el, "Prefix"),
    tag: tag ? decodeTag(tag) : undefined,
    objectSizeGreaterThan: intText(el, "ObjectSizeGreaterThan"),
    objectSizeLessThan: intText(el, "ObjectSizeLessThan"),
    andOperator: and
      ? new AndOperator({
          prefix: childText(and, "Prefix"),
          tags: children(and, "Tag").map((t) => {
            const { key, value } = decodeTag(t);
            return [key, value] as const;
          }),
          objectSizeGreaterThan: intText(and, "ObjectSizeGreaterThan"),
          objectSizeLessThan: intText(and, "ObjectSizeLessThan"),
        })
      : undefined,
  });
}

function decodeTag(el: XmlElement): Tag {
  return new Tag(childText(el, "Key") ?? "", childText(el, "Value") ?? "");
}

/** The whole number in child `name`, if present. @throws InvalidResponseError if it is not one */
export function intText(el: XmlElement, name: string): number | undefined {
  const text = childText(el, name)?.trim();
  if (text === undefined) return undefined;
  if (!/^-?\d{1,15}$/.test(text)) throw malformed(`<${name}> is not a whole number: ${JSON.stringify(text.slice(0, 64))}`);
  return Number(text);
}

/** The boolean in child `name`, if present. @throws InvalidResponseError if it is not `true`/`false` */
export function boolText(el: XmlElement, name: string): boolean | undefined {
  const text = childText(el, name)?.trim();
  if (text === undefined) return undefined;
  if (text !== "true" && text !== "false") throw malformed(`<${name}> is not a boolean: ${JSON.stringify(text.slice(0, 64))}`);
  return text === "true";
}

/** The date in child `name`, if present. @throws InvalidResponseError if it is not a date */
export function dateText(el: XmlElement, name: string): Date | undefined {
  const text = childText(el, name)?.trim();
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw malformed(`<${name}> is not a date: ${JSON.stringify(text.slice(0, 64))}`);
  return date;
}

/** The `<Status>` of `el` (trimmed; validated by the model constructor). */
export function statusText(el: XmlElement): RuleStatus {
  return (childText(el, "Status")?.trim() ?? "") as RuleStatus;
}

/** Checks the root element's name. @throws InvalidResponseError */
export function expectRoot(root: XmlElement, name: string, what: string): void {
  if (root.name !== name) throw malformed(`unexpected root element <${root.name}> in a ${what} configuration`);
}

/**
 * Builds a model from a response, turning the model's InvalidArgumentError (the server
 * sent something S3 would refuse) into InvalidResponseError.
 */
export function fromResponse<T>(what: string, build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof InvalidArgumentError) throw malformed(`invalid ${what} configuration: ${err.message}`);
    throw err;
  }
}
