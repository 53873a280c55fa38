/**
 * S3 Select benchmark, two parts:
 *  1. the event-stream decoder alone: BENCH_DECODE_MIB MiB (default 256) of 128 KiB Records
 *     messages fed in 64 KiB chunks (as a socket delivers them), MiB/s;
 *  2. end to end on one MinIO: `SELECT * FROM S3Object` over a BENCH_MIB-MiB CSV (default 32),
 *     Quarry (for await over SelectResult) vs the AWS SDK v3 (SelectObjectContentCommand),
 *     BENCH_ROUNDS interleaved rounds (default 5), median MiB/s of records received and the
 *     client's CPU (process.cpuUsage, user + system) per MiB — the fairer number on a busy machine,
 *     since the server's SQL evaluation bounds the throughput.
 * (minio-js 8 is left out: its selectObjectContent buffers the whole response and keeps only
 * the last Records payload, so it does not return the same data.)
 *
 *   npx tsx bench/select/run.ts
 *
 * Env: BENCH_MIB, BENCH_DECODE_MIB, BENCH_ROUNDS, S3_BENCH_ENDPOINT / S3_BENCH_ACCESS_KEY /
 * S3_BENCH_SECRET_KEY (use that server instead of starting one).
 */
import { S3Client, SelectObjectContentCommand, CreateBucketCommand } from "@aws-sdk/client-s3";
import { CSVInputSerialization, CSVOutputSerialization, S3, SelectRequest } from "../../lib/index.js";
import { EventStreamDecoder } from "../../lib/select/event-stream.js";
import { selectEventMessage } from "../../spec/support/event-stream-encoder.js";
import { getServer } from "../support/server.js";

const MiB = 1024 * 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function decoderBench(): number {
  const total = Number(process.env.BENCH_DECODE_MIB ?? 256) * MiB;
  const msg = selectEventMessage("Records", Buffer.alloc(128 * 1024, 0x61));
  const stream = Buffer.concat(Array.from({ length: Math.ceil(total / msg.length) }, () => msg));
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const d = new EventStreamDecoder();
    let payload = 0;
    const t0 = process.hrtime.bigint();
    for (let at = 0; at < stream.length; at += 64 * 1024) for (const m of d.push(stream.subarray(at, at + 64 * 1024))) payload += m.payload.length;
    d.end();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    runs.push(payload / MiB / s);
  }
  return median(runs);
}

async function main(): Promise<void> {
  const log = (line: string) => console.error(`[bench] ${line}`);
  console.log(`decoder: ${decoderBench().toFixed(0)} MiB/s of Records payload (median of 5)`);
  const server = await getServer(log);
  try {
    const mib = Number(process.env.BENCH_MIB ?? 32);
    const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
    const s3 = new S3({ endpoint: server.endpoint, accessKey: server.accessKey, secretKey: server.secretKey, region: server.region });
    const aws = new S3Client({ endpoint: server.endpoint, region: server.region, forcePathStyle: true, credentials: { accessKeyId: server.accessKey, secretAccessKey: server.secretKey } });
    const bucket = `bench-select-${Date.now()}`;
    await aws.send(new CreateBucketCommand({ Bucket: bucket }));
    const line = "12345,some-name-here,Oslo,42,2024-01-01T00:00:00Z\n";
    const csv = Buffer.from("id,name,city,age,ts\n" + line.repeat(Math.ceil((mib * MiB) / line.length)));
    await s3.bucket(bucket).object("data.csv").put(csv);
    log(`put ${(csv.length / MiB).toFixed(1)} MiB CSV`);
    const sql = "SELECT * FROM S3Object";
    const quarry = async () => {
      const r = await s3.bucket(bucket).object("data.csv").select(new SelectRequest(sql, new CSVInputSerialization({ fileHeaderInfo: "USE" }), new CSVOutputSerialization()));
      let n = 0;
      for await (const c of r) n += c.length;
      await r.stats();
      return n;
    };
    const awsRun = async () => {
      const out = await aws.send(new SelectObjectContentCommand({
        Bucket: bucket, Key: "data.csv", Expression: sql, ExpressionType: "SQL",
        InputSerialization: { CSV: { FileHeaderInfo: "USE" }, CompressionType: "NONE" }, OutputSerialization: { CSV: {} },
      }));
      let n = 0;
      for await (const ev of out.Payload!) if (ev.Records?.Payload) n += ev.Records.Payload.length;
      return n;
    };
    const results: Record<string, number[]> = { quarry: [], "aws-sdk-v3": [] };
    const cpu: Record<string, number[]> = { quarry: [], "aws-sdk-v3": [] };
    const runners: Array<[string, () => Promise<number>]> = [["quarry", quarry], ["aws-sdk-v3", awsRun]];
    for (let r = 0; r < rounds; r++) {
      for (const [name, run] of r % 2 === 0 ? runners : [...runners].reverse()) {
        const t0 = process.hrtime.bigint();
        const c0 = process.cpuUsage();
        const bytes = await run();
        const c = process.cpuUsage(c0);
        const s = Number(process.hrtime.bigint() - t0) / 1e9;
        results[name]!.push(bytes / MiB / s);
        cpu[name]!.push((c.user + c.system) / (bytes / MiB));
      }
    }
    for (const [name, xs] of Object.entries(results)) {
      console.log(`${name}: ${median(xs).toFixed(1)} MiB/s of records, client CPU ${median(cpu[name]!).toFixed(0)} µs/MiB (medians of ${rounds}; MiB/s: ${xs.map((x) => x.toFixed(1)).join(", ")})`);
    }
    await s3.bucket(bucket).object("data.csv").remove();
    await s3.bucket(bucket).remove();
    s3.close();
    aws.destroy();
  } finally {
    await server.stop();
  }
}

await main();
