/**
 * S3 Select: the `SelectObjectContentRequest` body, and the `Stats` / `Progress` event payloads.
 */
import { create } from "xmlbuilder2";
import type { SelectStats } from "../model/select.js";
import type { SelectInputSpec, SelectOutputSpec, SelectRequestSpec } from "../plan/select-node.js";
import { optional, type XmlNode as XMLBuilder } from "./configs/rule-xml.js";
import { S3_XMLNS } from "./create-bucket.js";
import { malformed } from "./decode.js";
import { literal } from "./literal-text.js";
import { childText, parseXmlTree } from "./tree.js";

/** Appends the defined fields, in order. */
function fields(parent: XMLBuilder, values: ReadonlyArray<readonly [string, string | undefined]>): void {
  for (const [name, value] of values) optional(parent, name, value);
}

function input(parent: XMLBuilder, spec: SelectInputSpec): void {
  const el = parent.ele("InputSerialization");
  if (spec.format === "Parquet") {
    el.ele("Parquet");
    return;
  }
  el.ele("CompressionType").txt(spec.compressionType);
  if (spec.format === "CSV") {
    const quoted = spec.allowQuotedRecordDelimiter;
    fields(el.ele("CSV"), [
      ["AllowQuotedRecordDelimiter", quoted === undefined ? undefined : quoted ? "TRUE" : "FALSE"], ["Comments", spec.comments],
      ["FieldDelimiter", spec.fieldDelimiter], ["FileHeaderInfo", spec.fileHeaderInfo], ["QuoteCharacter", spec.quoteCharacter],
      ["QuoteEscapeCharacter", spec.quoteEscapeCharacter], ["RecordDelimiter", spec.recordDelimiter],
    ]);
  } else {
    optional(el.ele("JSON"), "Type", spec.jsonType);
  }
}

function output(parent: XMLBuilder, spec: SelectOutputSpec): void {
  const el = parent.ele("OutputSerialization");
  if (spec.format === "CSV") {
    fields(el.ele("CSV"), [
      ["FieldDelimiter", spec.fieldDelimiter], ["QuoteCharacter", spec.quoteCharacter], ["QuoteEscapeCharacter", spec.quoteEscapeCharacter],
      ["QuoteFields", spec.quoteFields], ["RecordDelimiter", spec.recordDelimiter],
    ]);
  } else {
    optional(el.ele("JSON"), "RecordDelimiter", spec.recordDelimiter);
  }
}

/** Builds the body of a SelectObjectContent request. */
export function selectRequestXml(spec: SelectRequestSpec): string {
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(S3_XMLNS, "SelectObjectContentRequest");
  root.ele("Expression").txt(literal(spec.expression));
  root.ele("ExpressionType").txt("SQL");
  input(root, spec.input);
  output(root, spec.output);
  root.ele("RequestProgress").ele("Enabled").txt(spec.requestProgress ? "true" : "false");
  if (spec.scanRange) {
    const range = root.ele("ScanRange");
    optional(range, "Start", spec.scanRange.start);
    optional(range, "End", spec.scanRange.end);
  }
  // Text goes through literal(): a CR (a "\r\n" delimiter) travels as a character reference, which parsers keep.
  return root.end();
}

function count(text: string | undefined, name: string): number {
  const t = text?.trim();
  // MinIO reports -1 for counts it does not know (BytesScanned of a Parquet select).
  if (t === undefined || !/^-?\d+$/.test(t)) throw malformed(`a Select ${name} that is not a byte count: ${JSON.stringify(text?.slice(0, 64))}`);
  return Number(t);
}

/**
 * Parses the payload of a `Stats` or `Progress` event (`<Stats>` / `<Progress>` with
 * BytesScanned, BytesProcessed, BytesReturned).
 * @throws InvalidResponseError if the root is not `root` or a count is missing.
 */
export function parseSelectStats(xml: string, root: "Stats" | "Progress"): SelectStats {
  const el = parseXmlTree(xml);
  if (el.name !== root) throw malformed(`unexpected root element <${el.name}> in a Select ${root} event`);
  return {
    bytesScanned: count(childText(el, "BytesScanned"), "BytesScanned"),
    bytesProcessed: count(childText(el, "BytesProcessed"), "BytesProcessed"),
    bytesReturned: count(childText(el, "BytesReturned"), "BytesReturned"),
  };
}
