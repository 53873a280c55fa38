/**
 * The demo: starts a local MinIO (built from source and cached on first run), then runs
 * an example pipeline with Quarry — create a bucket, listen to its events while a small photo
 * library arrives as one snowball archive, list it lazily through an RxJS pipeline, read a byte
 * range, stat, query a CSV with S3 Select, hand out a presigned link, and clean up with one
 * batched removal.
 *
 *   npm run demo
 */
import { bufferCount, filter, firstValueFrom, map, reduce, take, toArray } from "rxjs";
import { CSVInputSerialization, CSVOutputSerialization, Minio, S3, SelectRequest } from "../../lib/index.js";
import { ensureMinioBinary } from "../../spec/support/server/minio-binary.js";
import { startMinio } from "../../spec/support/server/minio-process.js";

const log = (s: string) => console.log(s);

async function main(): Promise<void> {
  const t0 = performance.now();
  await ensureMinioBinary(log);
  const server = await startMinio({ log });
  console.log(`MinIO ready at ${server.endpoint} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const s3 = new S3({ endpoint: server.endpoint, accessKey: server.accessKey, secretKey: server.secretKey });
  try {
    const bucket = s3.bucket("demo-photos");
    await bucket.create();
    console.log(`created bucket ${bucket.name}; exists: ${await bucket.exists()}`);

    // Listen to the bucket while 300 small "photos" arrive as one snowball (tar) archive that
    // MinIO unpacks into 300 objects: the listener sees one event per object.
    const keys = Array.from({ length: 300 }, (_, i) => `${2022 + (i % 3)}/${String(i).padStart(4, "0")} photo ü+%.jpg`);
    const heard = firstValueFrom(bucket.listen({ events: ["s3:ObjectCreated:*"] }).pipe(take(keys.length), toArray()));
    await new Promise((r) => setTimeout(r, 300)); // let the listener connect
    const sent = await bucket.putMany(keys.map((name, i) => ({ name, data: Buffer.alloc(1000 + (i * 37) % 5000, i) })), {
      contentType: "image/jpeg", metadata: { camera: "demo" },
    });
    console.log(`uploaded ${sent.objects} objects (${sent.bytes} B) in ${sent.batches} snowball archive(s)`);
    console.log(`listener heard ${(await heard).length} ObjectCreated events`);

    // What will the listing do? Builders compile to a plan you can print before running it.
    const query = bucket.objects().prefix("2023/").recursive().pageSize(25);
    console.log("plan:", JSON.stringify(query.explain()));

    // A lazy, paginated Observable through an RxJS pipeline: pages are fetched as consumed.
    const big = await firstValueFrom(query.stream().pipe(
      filter((o) => (o.size ?? 0) > 4000),
      map((o) => `${o.objectName} (${o.size} B)`),
      toArray(),
    ));
    console.log(`2023 photos over 4000 bytes: ${big.length}, e.g. ${big.slice(0, 3).join(", ")}`);

    const perYear = await firstValueFrom(bucket.objects().recursive(false).stream().pipe(
      map((o) => o.objectName), toArray()));
    console.log(`top level (non-recursive): ${perYear.join(" ")}`);

    const total = await firstValueFrom(bucket.objects().recursive().stream().pipe(
      bufferCount(100), reduce((n, batch) => n + batch.reduce((s, o) => s + (o.size ?? 0), 0), 0)));
    console.log(`total bytes in the bucket: ${total}`);

    // Read a byte range and stat one object.
    const one = bucket.object(keys[7]!);
    const info = await one.stat();
    const chunks: Buffer[] = [];
    for await (const c of await one.get({ offset: 10, length: 16 })) chunks.push(c as Buffer);
    console.log(`stat ${info.objectName}: ${info.size} B, etag ${info.etag}, type ${info.contentType}, camera=${info.metadata?.["x-amz-meta-camera"]}`);
    console.log(`range [10, 26): ${Buffer.concat(chunks).toString("hex")}`);

    // S3 Select: SQL over a CSV object, decoded from the event stream as it arrives.
    const csv = bucket.object("cameras.csv");
    await csv.put("name,year,megapixels\nleica,2022,24\nfuji,2023,40\ncanon,2024,45\n", { contentType: "text/csv" });
    const result = await csv.select(new SelectRequest(
      "SELECT s.name FROM S3Object s WHERE CAST(s.megapixels AS INT) > 30",
      new CSVInputSerialization({ fileHeaderInfo: "USE" }),
      new CSVOutputSerialization(),
    ));
    const rows: string[] = [];
    for await (const bytes of result) rows.push(Buffer.from(bytes).toString("utf8"));
    const stats = await result.stats();
    console.log(`select: ${rows.join("").trim().split("\n").join(", ")} (scanned ${stats.bytesScanned} B)`);

    // A presigned link anyone can fetch for an hour, signed locally.
    const url = await one.presign({ expires: 3600 });
    const fetched = await fetch(url);
    console.log(`presigned GET: ${fetched.status}, ${(await fetched.arrayBuffer()).byteLength} B`);

    // The seed-parity facade over the same server.
    const minio = new Minio(server.endpoint, { accessKey: server.accessKey, secretKey: server.secretKey });
    console.log(`facade listBuckets: ${(await minio.listBuckets()).map((b) => b.name).join(", ")}`);

    // Clean up: one batched removal over the whole listing (1000 keys a request), started at once.
    const summary = await bucket.objects().recursive().remove();
    await bucket.remove();
    console.log(`removed ${summary.done} objects (${summary.failed} failed) and the bucket; done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    minio.close();
  } finally {
    s3.close();
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
