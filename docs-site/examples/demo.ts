/**
 * The demo: starts a local MinIO (built from source and cached on first run), then runs
 * an example pipeline with Quarry — create a bucket, upload a small photo library, list it
 * lazily through an RxJS pipeline, read a byte range, stat, and clean up.
 *
 *   npm run demo
 */
import { bufferCount, filter, firstValueFrom, map, reduce, toArray } from "rxjs";
import { Minio, S3 } from "../../lib/index.js";
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

    // Upload 300 small "photos" across three years, 16 at a time.
    const keys = Array.from({ length: 300 }, (_, i) => `${2022 + (i % 3)}/${String(i).padStart(4, "0")} photo ü+%.jpg`);
    for (let i = 0; i < keys.length; i += 16) {
      await Promise.all(keys.slice(i, i + 16).map((k, j) =>
        bucket.object(k).put(Buffer.alloc(1000 + ((i + j) * 37) % 5000, i + j), { contentType: "image/jpeg", metadata: { camera: "demo" } })));
    }
    console.log(`uploaded ${keys.length} objects`);

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

    // The seed-parity facade over the same server.
    const minio = new Minio(server.endpoint, { accessKey: server.accessKey, secretKey: server.secretKey });
    console.log(`facade listBuckets: ${(await minio.listBuckets()).map((b) => b.name).join(", ")}`);

    // Clean up with for-await over the listing.
    let removed = 0;
    for await (const o of bucket.objects().recursive()) {
      await bucket.object(o.objectName).remove();
      removed++;
    }
    await bucket.remove();
    console.log(`removed ${removed} objects and the bucket; done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
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
