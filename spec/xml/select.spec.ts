import { describe, expect, it } from "vitest";
import { InvalidArgumentError, InvalidResponseError } from "../../lib/errors.js";
import {
  CSVInputSerialization, CSVOutputSerialization, JSONInputSerialization, JSONOutputSerialization, ParquetInputSerialization, S3, SelectRequest,
  SseCustomerKey,
} from "../../lib/index.js";
import { parseSelectStats, selectRequestXml } from "../../lib/xml/select.js";
import { testRequest } from "../support/test-request.js";

const HEAD = '<?xml version="1.0" encoding="UTF-8"?><SelectObjectContentRequest xmlns="http://s3.amazonaws.com/doc/2006-03-01/">';
const s3 = new S3({ endpoint: "http://127.0.0.1:9000", accessKey: "AKIAEXAMPLE", secretKey: "secret" });

describe("SelectObjectContentRequest body", () => {
  it("encodes a gzip CSV → JSON request with progress, every CSV option in order (CR as a character reference)", () => {
    const req = new SelectRequest(
      "select s.name from S3Object s where s.age > '30' and s.note <> '<&>'",
      new CSVInputSerialization({
        compressionType: "GZIP", allowQuotedRecordDelimiter: true, comments: "#", fieldDelimiter: ";", fileHeaderInfo: "USE",
        quoteCharacter: "'", quoteEscapeCharacter: "\\", recordDelimiter: "\r\n",
      }),
      new JSONOutputSerialization({ recordDelimiter: "\n" }),
      { requestProgress: true },
    );
    expect(selectRequestXml(req.spec)).toBe(
      HEAD +
        "<Expression>select s.name from S3Object s where s.age &gt; '30' and s.note &lt;&gt; '&lt;&amp;&gt;'</Expression><ExpressionType>SQL</ExpressionType>" +
        "<InputSerialization><CompressionType>GZIP</CompressionType><CSV><AllowQuotedRecordDelimiter>TRUE</AllowQuotedRecordDelimiter>" +
        "<Comments>#</Comments><FieldDelimiter>;</FieldDelimiter><FileHeaderInfo>USE</FileHeaderInfo><QuoteCharacter>'</QuoteCharacter>" +
        "<QuoteEscapeCharacter>\\</QuoteEscapeCharacter><RecordDelimiter>&#13;\n</RecordDelimiter></CSV></InputSerialization>" +
        "<OutputSerialization><JSON><RecordDelimiter>\n</RecordDelimiter></JSON></OutputSerialization>" +
        "<RequestProgress><Enabled>true</Enabled></RequestProgress></SelectObjectContentRequest>",
    );
  });

  it("encodes JSON LINES → CSV output with a scan range, leaving unset options to the server", () => {
    const req = new SelectRequest(
      "select * from S3Object",
      new JSONInputSerialization({ compressionType: "BZIP2", jsonType: "LINES" }),
      new CSVOutputSerialization({ quoteFields: "ALWAYS", fieldDelimiter: "|" }),
      { scanStartRange: 10, scanEndRange: 99 },
    );
    expect(selectRequestXml(req.spec)).toBe(
      HEAD +
        "<Expression>select * from S3Object</Expression><ExpressionType>SQL</ExpressionType>" +
        "<InputSerialization><CompressionType>BZIP2</CompressionType><JSON><Type>LINES</Type></JSON></InputSerialization>" +
        "<OutputSerialization><CSV><FieldDelimiter>|</FieldDelimiter><QuoteFields>ALWAYS</QuoteFields></CSV></OutputSerialization>" +
        "<RequestProgress><Enabled>false</Enabled></RequestProgress><ScanRange><Start>10</Start><End>99</End></ScanRange></SelectObjectContentRequest>",
    );
  });

  it("encodes Parquet input without a compression type, and a start-only scan range", () => {
    const req = new SelectRequest("select count(*) from S3Object", new ParquetInputSerialization(), new CSVOutputSerialization(), { scanStartRange: 4 });
    expect(selectRequestXml(req.spec)).toContain("<InputSerialization><Parquet/></InputSerialization><OutputSerialization><CSV/></OutputSerialization>");
    expect(selectRequestXml(req.spec)).toContain("<ScanRange><Start>4</Start></ScanRange>");
  });
});

describe("Select models validate in their constructors", () => {
  const csv = new CSVInputSerialization();
  const out = new JSONOutputSerialization();
  it.each([
    ["an empty expression", () => new SelectRequest("  ", csv, out)],
    ["a non-serialization input", () => new SelectRequest("select 1", {} as CSVInputSerialization, out)],
    ["an input as output", () => new SelectRequest("select 1", csv, csv as unknown as JSONOutputSerialization)],
    ["a negative scan start", () => new SelectRequest("select 1", csv, out, { scanStartRange: -1 })],
    ["a fractional scan end", () => new SelectRequest("select 1", csv, out, { scanEndRange: 1.5 })],
    ["a scan end before its start", () => new SelectRequest("select 1", csv, out, { scanStartRange: 10, scanEndRange: 9 })],
    ["a non-boolean requestProgress", () => new SelectRequest("select 1", csv, out, { requestProgress: "yes" as unknown as boolean })],
    ["an unknown compression", () => new CSVInputSerialization({ compressionType: "ZSTD" as "GZIP" })],
    ["an unknown file header info", () => new CSVInputSerialization({ fileHeaderInfo: "use" as "USE" })],
    ["a two-character quote", () => new CSVInputSerialization({ quoteCharacter: "''" })],
    ["an empty field delimiter", () => new CSVInputSerialization({ fieldDelimiter: "" })],
    ["a three-character record delimiter", () => new CSVOutputSerialization({ recordDelimiter: "abc" })],
    ["an unknown JSON type", () => new JSONInputSerialization({ jsonType: "ARRAY" as "LINES" })],
    ["an unknown quoteFields", () => new CSVOutputSerialization({ quoteFields: "NEVER" as "ALWAYS" })],
  ])("refuses %s", (_what, make) => {
    expect(make).toThrow(InvalidArgumentError);
  });

  it("is frozen plain data", () => {
    const req = new SelectRequest("select 1", new CSVInputSerialization({ fileHeaderInfo: "USE" }), out);
    expect(Object.isFrozen(req)).toBe(true);
    expect(Object.isFrozen(req.spec.input)).toBe(true);
    expect(req.spec).toEqual({ expression: "select 1", input: { format: "CSV", compressionType: "NONE", fileHeaderInfo: "USE" }, output: { format: "JSON" }, requestProgress: false });
  });
});

describe("SelectObjectContent plan and request", () => {
  const req = new SelectRequest("select * from S3Object", new CSVInputSerialization(), new CSVOutputSerialization());

  it("explain() shows the request as JSON-safe data and an SSE-C key as its MD5 only", () => {
    const key = new SseCustomerKey(Buffer.alloc(32, 7));
    const node = s3.bucket("data").object("t.csv").version("v9").explain("select", req, { ssec: key });
    expect(node).toMatchObject({ kind: "SelectObjectContent", bucket: "data", key: "t.csv", versionId: "v9", request: req.spec });
    const printed = JSON.stringify(node);
    expect(printed).toContain(`"ssec":{"type":"SSE-C","keyMd5":"`);
    expect(printed).not.toContain(Buffer.alloc(32, 7).toString("base64"));
    expect(Object.isFrozen(node)).toBe(true);
  });

  it("compiles to POST ?select&select-type=2 with the XML body", () => {
    const r = testRequest(s3.bucket("data").object("dir/t.csv").version("v9").explain("select", req), { pathStyle: true });
    expect(r).toMatchObject({
      method: "POST", path: "/data/dir/t.csv", query: "select=&select-type=2&versionId=v9",
      headers: { "content-type": "application/xml" }, body: selectRequestXml(req.spec),
    });
  });

  it("refuses a bad request before sending anything", () => {
    expect(() => s3.bucket("data").object("k").explain("select", { spec: req.spec } as SelectRequest)).toThrow(InvalidArgumentError);
    expect(() => s3.bucket("data").object("k").selectNow(req, { ssec: "key" as unknown as SseCustomerKey })).toThrow(InvalidArgumentError);
  });
});

describe("Stats and Progress payloads", () => {
  it("reads the three counts (MinIO's -1 for unknown included)", () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?><Stats><BytesScanned>-1</BytesScanned><BytesProcessed>20</BytesProcessed><BytesReturned>3</BytesReturned></Stats>';
    expect(parseSelectStats(xml, "Stats")).toEqual({ bytesScanned: -1, bytesProcessed: 20, bytesReturned: 3 });
  });

  it("refuses a wrong root or a missing count", () => {
    expect(() => parseSelectStats("<Progress><BytesScanned>1</BytesScanned></Progress>", "Stats")).toThrow(InvalidResponseError);
    expect(() => parseSelectStats("<Stats><BytesScanned>1</BytesScanned><BytesProcessed>x</BytesProcessed><BytesReturned>1</BytesReturned></Stats>", "Stats")).toThrow(/BytesProcessed/);
  });
});
