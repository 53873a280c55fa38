// One bench-suite job with Bun's native S3 client (Bun.S3Client), run by `bun`: the Job
// (bench/suite/types.ts) as JSON on stdin, a Measurement as JSON on stdout. Plain JS so the
// Node typecheck needs no Bun types. Secrets arrive on stdin and are never printed.
const job = JSON.parse(await Bun.stdin.text());
const at = job.at;
const client = new Bun.S3Client({
  accessKeyId: at.accessKey,
  secretAccessKey: at.secretKey,
  endpoint: at.endpoint,
  bucket: at.bucket,
  region: at.region,
});
const CHUNK = new Uint8Array(8 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);

async function withLatencies(n, concurrency, work) {
  const lat = new Array(n);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      const t0 = performance.now();
      await work(i);
      lat[i] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return lat;
}

const rss = [process.memoryUsage().rss / 2 ** 20];
const timer = job.rssEveryMs ? setInterval(() => rss.push(process.memoryUsage().rss / 2 ** 20), job.rssEveryMs) : undefined;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const out = {};
let units = 0;
switch (job.op) {
  case "list": {
    let token;
    do {
      const page = await client.list({ maxKeys: 1000, ...(token ? { continuationToken: token } : {}) });
      units += page.contents?.length ?? 0;
      token = page.isTruncated ? page.nextContinuationToken : undefined;
    } while (token);
    break;
  }
  case "put": {
    const w = client.file(job.key).writer({ partSize: 16 * 1024 * 1024, queueSize: 4 });
    for (let left = job.size; left > 0; left -= CHUNK.length) {
      await w.write(left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left));
    }
    await w.end();
    units = job.size;
    break;
  }
  case "get": {
    for await (const chunk of client.file(job.key).stream()) units += chunk.length;
    break;
  }
  case "putSmall": {
    const body = new Uint8Array(job.size).fill(0x71);
    out.latenciesMs = await withLatencies(job.keys.length, job.concurrency, (i) => client.write(job.keys[i], body));
    units = job.keys.length;
    break;
  }
  case "getSmall": {
    out.latenciesMs = await withLatencies(job.keys.length, job.concurrency, async (i) => {
      const b = await client.file(job.keys[i]).arrayBuffer();
      if (b.byteLength !== job.size) throw new Error(`short read of ${job.keys[i]}`);
    });
    units = job.keys.length;
    break;
  }
  case "remove": {
    // Bun's client has no batched delete: one DELETE per key, 32 in flight.
    await withLatencies(job.keys.length, 32, (i) => client.delete(job.keys[i]));
    units = job.keys.length;
    break;
  }
  case "presign": {
    for (let i = 0; i < job.count; i++) client.presign(`photos/2026/${i % 1000}.jpg`, { expiresIn: 3600 });
    units = job.count;
    break;
  }
  default:
    throw new Error(`bun: unsupported op ${job.op}`);
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
if (timer) clearInterval(timer);
rss.push(process.memoryUsage().rss / 2 ** 20);
process.stdout.write(`${JSON.stringify({ ...out, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, units, rssMiB: rss })}\n`);
