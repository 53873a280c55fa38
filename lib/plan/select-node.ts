import type { SseCustomerKey } from "../model/sse.js";

/** Whole-object compression of a Select input (Parquet objects take NONE only). */
export type SelectCompression = "NONE" | "GZIP" | "BZIP2";

/** How the first line of a CSV input is treated: USE (column names), IGNORE (skipped), NONE (data). */
export type FileHeaderInfo = "USE" | "IGNORE" | "NONE";

/** JSON input layout: one document, or one document per line. */
export type JsonType = "DOCUMENT" | "LINES";

/** When CSV output quotes fields: ALWAYS, or ASNEEDED. */
export type QuoteFields = "ALWAYS" | "ASNEEDED";

/** A CSV input as plain data (absent fields take the server's defaults). */
export interface CsvInputSpec {
  /** Discriminant. */
  readonly format: "CSV";
  /** Whole-object compression: NONE (default), GZIP or BZIP2. */
  readonly compressionType: SelectCompression;
  /** Allow record delimiters inside quoted fields (slower). */
  readonly allowQuotedRecordDelimiter?: boolean;
  /** Lines starting with this character are skipped (default "#"). */
  readonly comments?: string;
  /** Field separator (default ","). */
  readonly fieldDelimiter?: string;
  /** USE: the first line names the columns; IGNORE: skip it; NONE: it is data. */
  readonly fileHeaderInfo?: FileHeaderInfo;
  /** Quote character (default `"`). */
  readonly quoteCharacter?: string;
  /** Escape character inside quoted fields (default `"`). */
  readonly quoteEscapeCharacter?: string;
  /** Record separator (default "\n"). */
  readonly recordDelimiter?: string;
}

/** A JSON input as plain data. */
export interface JsonInputSpec {
  /** Discriminant. */
  readonly format: "JSON";
  /** Whole-object compression: NONE (default), GZIP or BZIP2. */
  readonly compressionType: SelectCompression;
  /** DOCUMENT (one JSON document) or LINES (one document per line). */
  readonly jsonType?: JsonType;
}

/** A Parquet input (no whole-object compression). */
export interface ParquetInputSpec {
  /** Discriminant. */
  readonly format: "Parquet";
}

/** The input serialization of a Select request, as plain data. */
export type SelectInputSpec = CsvInputSpec | JsonInputSpec | ParquetInputSpec;

/** CSV output as plain data. */
export interface CsvOutputSpec {
  /** Discriminant. */
  readonly format: "CSV";
  /** Field separator (default ","). */
  readonly fieldDelimiter?: string;
  /** Quote character (default `"`). */
  readonly quoteCharacter?: string;
  /** Escape character inside quoted fields. */
  readonly quoteEscapeCharacter?: string;
  /** ALWAYS quote fields, or ASNEEDED (default). */
  readonly quoteFields?: QuoteFields;
  /** Record separator (default "\n"). */
  readonly recordDelimiter?: string;
}

/** JSON output as plain data. */
export interface JsonOutputSpec {
  /** Discriminant. */
  readonly format: "JSON";
  /** Separator written after each record (default "\n"). */
  readonly recordDelimiter?: string;
}

/** The output serialization of a Select request, as plain data. */
export type SelectOutputSpec = CsvOutputSpec | JsonOutputSpec;

/** A whole Select request as plain, JSON-printable data (what the request body encodes). */
export interface SelectRequestSpec {
  /** The SQL expression. */
  readonly expression: string;
  /** How the object is read. */
  readonly input: SelectInputSpec;
  /** How the records are written. */
  readonly output: SelectOutputSpec;
  /** Ask the server for periodic Progress events. */
  readonly requestProgress: boolean;
  /** Byte range of the object to scan (start and/or end, inclusive), when given. */
  readonly scanRange?: { readonly start?: number; readonly end?: number };
}

/** SelectObjectContent: run SQL over one object (POST ?select&select-type=2). */
export interface SelectObjectContentNode {
  readonly kind: "SelectObjectContent";
  /** Bucket of the object to query. */
  readonly bucket: string;
  /** Key of the object to query. */
  readonly key: string;
  /** Version to query (the latest when absent). */
  readonly versionId?: string;
  /** The SQL, how to read the object and how to write the records. */
  readonly request: SelectRequestSpec;
  /** Customer key of an SSE-C object (shown by explain() as its MD5 only). */
  readonly ssec?: SseCustomerKey;
}
