/** `quarry select`: run an S3 Select SQL expression on an object (CSV, JSON or Parquet) and print the records (mc sql). */
import { once } from "node:events";
import type { Command } from "commander";
import {
  CSVInputSerialization, CSVOutputSerialization, JSONInputSerialization, JSONOutputSerialization, ParquetInputSerialization, SelectRequest,
  type InputSerialization, type SelectCompression,
} from "../../model/select.js";
import { action, type RunState } from "../command.js";
import type { CliContext } from "../context.js";
import { CliError } from "../exit-codes.js";

interface SelectOptions {
  readonly query: string;
  readonly inputFormat?: string;
  readonly compression?: string;
  readonly csvHeader?: string;
  readonly csvDelimiter?: string;
  readonly jsonType?: string;
  readonly output?: string;
}

function inputOf(key: string, o: SelectOptions): InputSerialization {
  const lower = key.toLowerCase();
  const format = o.inputFormat ?? (lower.includes(".parquet") ? "parquet" : lower.includes(".json") ? "json" : "csv");
  const compressionType = (o.compression ?? (lower.endsWith(".gz") ? "GZIP" : lower.endsWith(".bz2") ? "BZIP2" : "NONE")).toUpperCase() as SelectCompression;
  if (format === "parquet") return new ParquetInputSerialization();
  if (format === "json") return new JSONInputSerialization({ compressionType, jsonType: (o.jsonType ?? "LINES").toUpperCase() as "LINES" | "DOCUMENT" });
  if (format !== "csv") throw new CliError(`--input-format must be csv, json or parquet, got "${format}"`);
  return new CSVInputSerialization({
    compressionType, fileHeaderInfo: (o.csvHeader ?? "USE").toUpperCase() as "USE" | "IGNORE" | "NONE", ...(o.csvDelimiter ? { fieldDelimiter: o.csvDelimiter } : {}),
  });
}

async function select(ctx: CliContext, args: string[], options: SelectOptions): Promise<void> {
  const a = ctx.bucketAddress(args[0]!);
  if (a.key === "") throw new CliError(`"${args[0]}" names no object`);
  const output = (options.output ?? (ctx.out.json ? "json" : "csv")).toLowerCase();
  if (output !== "csv" && output !== "json") throw new CliError(`--output must be csv or json, got "${output}"`);
  const request = new SelectRequest(options.query, inputOf(a.key, options), output === "json" ? new JSONOutputSerialization() : new CSVOutputSerialization());
  const result = await ctx.bucket(a).object(a.key).select(request, { signal: ctx.signal });
  for await (const chunk of result.records()) if (!ctx.out.raw(chunk)) await once(ctx.out.stdout, "drain");
}

/** Registers `select`. */
export function registerSelect(program: Command, state: RunState): void {
  program.command("select").description("run an SQL expression on an object (S3 Select) and print the records")
    .argument("<target>", "alias/bucket/key or s3://bucket/key")
    .requiredOption("-q, --query <sql>", "e.g. \"select * from S3Object s where s.city = 'Oslo'\"")
    .option("--input-format <fmt>", "csv, json or parquet (default: from the key's extension, else csv)")
    .option("--compression <c>", "NONE, GZIP or BZIP2 (default: from the extension)")
    .option("--csv-header <h>", "USE, IGNORE or NONE (default USE)")
    .option("--csv-delimiter <d>", "field delimiter of the CSV input")
    .option("--json-type <t>", "LINES or DOCUMENT (default LINES)")
    .option("--output <fmt>", "csv or json records (default csv; json with --json)")
    .action(action(state, select));
}
