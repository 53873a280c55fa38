/**
 * S3 Select request models — the seed's `minio/select.py` names, camelCase fields, required
 * arguments positional and optional ones in a final options object. Every constructor checks
 * its input (InvalidArgumentError) so a bad request is refused before anything is sent.
 */
import { InvalidArgumentError } from "../errors.js";
import type {
  CsvInputSpec, CsvOutputSpec, FileHeaderInfo, JsonInputSpec, JsonOutputSpec, JsonType, ParquetInputSpec, QuoteFields,
  SelectCompression, SelectInputSpec, SelectOutputSpec, SelectRequestSpec,
} from "../plan/select-node.js";
import { checkInteger } from "../validate/index.js";

export type { FileHeaderInfo, JsonType, QuoteFields, SelectCompression } from "../plan/select-node.js";

const COMPRESSIONS: readonly SelectCompression[] = ["NONE", "GZIP", "BZIP2"];
const HEADER_INFOS: readonly FileHeaderInfo[] = ["USE", "IGNORE", "NONE"];
const JSON_TYPES: readonly JsonType[] = ["DOCUMENT", "LINES"];
const QUOTE_FIELDS: readonly QuoteFields[] = ["ALWAYS", "ASNEEDED"];

function oneOf<T extends string>(value: T | undefined, allowed: readonly T[], what: string): T | undefined {
  if (value !== undefined && !allowed.includes(value)) {
    throw new InvalidArgumentError(`${what} must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
  }
  return value;
}

/** A delimiter: a non-empty string of at most `max` characters. */
function delimiter(value: string | undefined, what: string, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.length === 0 || [...value].length > max) {
    throw new InvalidArgumentError(`${what} must be a string of 1 to ${max} characters`);
  }
  return value;
}

/** A single character, or "" (no quoting / no comments). */
function character(value: string | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || [...value].length > 1) throw new InvalidArgumentError(`${what} must be one character (or empty)`);
  return value;
}

/** Copies the defined fields of `spec` into a frozen object (explain() shows no `undefined`s). */
function defined<T extends object>(spec: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) if (v !== undefined) out[k] = v;
  return Object.freeze(out) as T;
}

/** Options of {@link CSVInputSerialization}; absent fields take the server's defaults. */
export type CSVInputOptions = Partial<Omit<CsvInputSpec, "format">>;

/** CSV input of a Select request — the seed's `CSVInputSerialization`. */
export class CSVInputSerialization {
  /** The input as plain data. */
  readonly spec: CsvInputSpec;

  constructor(options: CSVInputOptions = {}) {
    if (options.allowQuotedRecordDelimiter !== undefined && typeof options.allowQuotedRecordDelimiter !== "boolean") {
      throw new InvalidArgumentError("allowQuotedRecordDelimiter must be a boolean");
    }
    this.spec = defined<CsvInputSpec>({
      format: "CSV",
      compressionType: oneOf(options.compressionType, COMPRESSIONS, "compressionType") ?? "NONE",
      allowQuotedRecordDelimiter: options.allowQuotedRecordDelimiter,
      comments: character(options.comments, "comments"),
      fieldDelimiter: delimiter(options.fieldDelimiter, "fieldDelimiter", 1),
      fileHeaderInfo: oneOf(options.fileHeaderInfo, HEADER_INFOS, "fileHeaderInfo"),
      quoteCharacter: character(options.quoteCharacter, "quoteCharacter"),
      quoteEscapeCharacter: character(options.quoteEscapeCharacter, "quoteEscapeCharacter"),
      recordDelimiter: delimiter(options.recordDelimiter, "recordDelimiter", 2),
    });
    Object.freeze(this);
  }
}

/** Options of {@link JSONInputSerialization}. */
export type JSONInputOptions = Partial<Omit<JsonInputSpec, "format">>;

/** JSON input of a Select request — the seed's `JSONInputSerialization`. */
export class JSONInputSerialization {
  /** The input as plain data. */
  readonly spec: JsonInputSpec;

  constructor(options: JSONInputOptions = {}) {
    this.spec = defined<JsonInputSpec>({
      format: "JSON",
      compressionType: oneOf(options.compressionType, COMPRESSIONS, "compressionType") ?? "NONE",
      jsonType: oneOf(options.jsonType, JSON_TYPES, "jsonType"),
    });
    Object.freeze(this);
  }
}

/** Parquet input of a Select request — the seed's `ParquetInputSerialization` (Parquet compresses columns itself). */
export class ParquetInputSerialization {
  /** The input as plain data. */
  readonly spec: ParquetInputSpec = Object.freeze({ format: "Parquet" as const });

  constructor() {
    Object.freeze(this);
  }
}

/** Options of {@link CSVOutputSerialization}; absent fields take the server's defaults. */
export type CSVOutputOptions = Partial<Omit<CsvOutputSpec, "format">>;

/** CSV output of a Select request — the seed's `CSVOutputSerialization`. */
export class CSVOutputSerialization {
  /** The output as plain data. */
  readonly spec: CsvOutputSpec;

  constructor(options: CSVOutputOptions = {}) {
    this.spec = defined<CsvOutputSpec>({
      format: "CSV",
      fieldDelimiter: delimiter(options.fieldDelimiter, "fieldDelimiter", 1),
      quoteCharacter: character(options.quoteCharacter, "quoteCharacter"),
      quoteEscapeCharacter: character(options.quoteEscapeCharacter, "quoteEscapeCharacter"),
      quoteFields: oneOf(options.quoteFields, QUOTE_FIELDS, "quoteFields"),
      recordDelimiter: delimiter(options.recordDelimiter, "recordDelimiter", 2),
    });
    Object.freeze(this);
  }
}

/** Options of {@link JSONOutputSerialization}. */
export type JSONOutputOptions = Partial<Omit<JsonOutputSpec, "format">>;

/** JSON output of a Select request — the seed's `JSONOutputSerialization`. */
export class JSONOutputSerialization {
  /** The output as plain data. */
  readonly spec: JsonOutputSpec;

  constructor(options: JSONOutputOptions = {}) {
    this.spec = defined<JsonOutputSpec>({ format: "JSON", recordDelimiter: delimiter(options.recordDelimiter, "recordDelimiter", 2) });
    Object.freeze(this);
  }
}

/** Any input serialization a {@link SelectRequest} accepts. */
export type InputSerialization = CSVInputSerialization | JSONInputSerialization | ParquetInputSerialization;

/** Any output serialization a {@link SelectRequest} accepts. */
export type OutputSerialization = CSVOutputSerialization | JSONOutputSerialization;

/** Options of {@link SelectRequest}. */
export interface SelectRequestOptions {
  /** Ask the server for periodic Progress events (default false). */
  readonly requestProgress?: boolean;
  /** First byte of the object to scan (CSV and JSON LINES inputs, uncompressed). */
  readonly scanStartRange?: number;
  /** Last byte (inclusive) of the object to scan. */
  readonly scanEndRange?: number;
}

/**
 * An S3 Select request — the seed's `SelectRequest`: an SQL expression over one object,
 * how to read the object, how to write the records.
 *
 * @example
 * ```ts
 * new SelectRequest("select * from S3Object s where s.city = 'Oslo'",
 *   new CSVInputSerialization({ compressionType: "GZIP", fileHeaderInfo: "USE" }),
 *   new JSONOutputSerialization(), { requestProgress: true });
 * ```
 */
export class SelectRequest {
  /** The request as plain data (what the plan carries and the body encodes). */
  readonly spec: SelectRequestSpec;

  constructor(expression: string, inputSerialization: InputSerialization, outputSerialization: OutputSerialization, options: SelectRequestOptions = {}) {
    if (typeof expression !== "string" || expression.trim() === "") throw new InvalidArgumentError("a Select expression must be a non-empty string");
    if (!(inputSerialization instanceof CSVInputSerialization || inputSerialization instanceof JSONInputSerialization || inputSerialization instanceof ParquetInputSerialization)) {
      throw new InvalidArgumentError("inputSerialization must be a CSVInputSerialization, JSONInputSerialization or ParquetInputSerialization");
    }
    if (!(outputSerialization instanceof CSVOutputSerialization || outputSerialization instanceof JSONOutputSerialization)) {
      throw new InvalidArgumentError("outputSerialization must be a CSVOutputSerialization or JSONOutputSerialization");
    }
    const { requestProgress = false, scanStartRange: start, scanEndRange: end } = options;
    if (typeof requestProgress !== "boolean") throw new InvalidArgumentError("requestProgress must be a boolean");
    if (start !== undefined) checkInteger(start, "scanStartRange", 0);
    if (end !== undefined) checkInteger(end, "scanEndRange", 0);
    if (start !== undefined && end !== undefined && end < start) {
      throw new InvalidArgumentError(`scanEndRange (${end}) must not be before scanStartRange (${start})`);
    }
    const input: SelectInputSpec = inputSerialization.spec;
    const output: SelectOutputSpec = outputSerialization.spec;
    const scanRange = start === undefined && end === undefined ? undefined : defined({ start, end });
    this.spec = Object.freeze({ expression, input, output, requestProgress, ...(scanRange ? { scanRange } : {}) });
    Object.freeze(this);
  }
}

/** Byte counts of a Select: the final `Stats` event, or a `Progress` event on the way (-1: the server does not know, as MinIO for Parquet). */
export interface SelectStats {
  /** Bytes of the object read (compressed size for compressed input). */
  readonly bytesScanned: number;
  /** Bytes processed (uncompressed size for compressed input). */
  readonly bytesProcessed: number;
  /** Bytes of records returned. */
  readonly bytesReturned: number;
}

/** A `Progress` event of a Select with `requestProgress: true` (the counts so far). */
export type SelectProgress = SelectStats;
