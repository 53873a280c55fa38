/**
 * Throughput of the listener's body decoding (line split + JSON parse + typed record) on a
 * synthetic MinIO-shaped body, cut into 16 KiB chunks, with keep-alive padding between lines.
 * Run: npx tsx bench/listen/parse.ts
 */
import { LineSplitter } from "../../lib/exec/line-splitter.js";
import { parseNotificationLine } from "../../lib/exec/notification-parse.js";

const RECORDS = 50_000;
const record = (i: number) => ({
  eventVersion: "2.0", eventSource: "minio:s3", awsRegion: "", eventTime: "2026-11-30T14:00:00.000Z", eventName: "s3:ObjectCreated:Put",
  userIdentity: { principalId: "minioadmin" },
  requestParameters: { principalId: "minioadmin", region: "", sourceIPAddress: "127.0.0.1" },
  responseElements: { "x-amz-id-2": "dd9025bab4ad464b049177c95eb6ebf374d3b3fd1af9251148b658df7ac2e3e8", "x-amz-request-id": "18193DB1B0A0F8C2", "x-minio-deployment-id": "0b5b2e3c-7f6c-4a0f-9b0a-3a7a7f6f6f6f", "x-minio-origin-endpoint": "http://127.0.0.1:9000" },
  s3: {
    s3SchemaVersion: "1.0", configurationId: "Config",
    bucket: { name: "photos", ownerIdentity: { principalId: "minioadmin" }, arn: "arn:aws:s3:::photos" },
    object: { key: `in/2026/11/30/image-${i}.jpg`, size: 123456, eTag: "d41d8cd98f00b204e9800998ecf8427e", contentType: "image/jpeg", userMetadata: { "content-type": "image/jpeg" }, sequencer: "18193DB1B0C1E2A4" },
  },
  source: { host: "127.0.0.1", port: "", userAgent: "MinIO (linux; amd64) minio-go/v7.0.90" },
});
const body = Buffer.from(Array.from({ length: RECORDS }, (_, i) => (i % 10 === 0 ? "  " : "") + JSON.stringify({ Records: [record(i)] }) + "\n").join(""));
const chunks: Buffer[] = [];
for (let at = 0; at < body.length; at += 16 * 1024) chunks.push(body.subarray(at, at + 16 * 1024));

for (let round = 1; round <= 5; round++) {
  const t0 = process.hrtime.bigint();
  const splitter = new LineSplitter();
  let n = 0;
  for (const c of chunks) for (const line of splitter.push(c)) n += parseNotificationLine(line).length;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (n !== RECORDS) throw new Error(`parsed ${n} records, expected ${RECORDS}`);
  console.log(`round ${round}: ${RECORDS} records, ${(body.length / 1e6).toFixed(1)} MB in ${ms.toFixed(0)} ms: ${Math.round(RECORDS / (ms / 1000))} records/s, ${(body.length / 1e6 / (ms / 1000)).toFixed(0)} MB/s`);
}
