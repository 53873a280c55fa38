/**
 * Quarry through its fluent API. Removal uses batched `removeObjects` when the bucket builder
 * has it (branch feat/remove); until that is merged it removes one DELETE per key, 32 in
 * flight, and the row says so.
 */
import { drainCount, sourceStream } from "../../transfer/source.js";
import { nodeClient, withLatencies } from "./in-process.js";
import { SIGN_FIXTURE, signKey } from "./sign-request.js";

interface BatchRemover {
  removeObjects(keys: readonly string[]): Promise<{ done: number; failed: number }>;
}

/** Whether the builder has batched removal (merged from feat/remove). */
function batchRemover(bucket: object): BatchRemover | undefined {
  return typeof (bucket as Partial<BatchRemover>).removeObjects === "function" ? (bucket as BatchRemover) : undefined;
}

export const quarry = nodeClient({
  name: "quarry",
  async load() {
    const { S3 } = await import("../../../lib/index.js");
    const { signRequest } = await import("../../../lib/sign/sigv4.js");
    const { SigningKeyCache } = await import("../../../lib/sign/signing-key-cache.js");
    const keyCache = new SigningKeyCache();
    const creds = { accessKey: SIGN_FIXTURE.accessKey, secretKey: SIGN_FIXTURE.secretKey };
    return (at) => {
      const s3 = new S3({ endpoint: at.endpoint, accessKey: at.accessKey, secretKey: at.secretKey, region: at.region });
      const b = s3.bucket(at.bucket);
      const batch = batchRemover(b);
      return {
        async list() {
          let n = 0;
          for await (const _o of b.objects().recursive()) n++;
          return n;
        },
        put: async (key, size) => void (await b.object(key).put(sourceStream(size), { size })),
        get: async (key, parallel) => drainCount(await b.object(key).get(parallel ? { parallel } : {})),
        putSmall: async (key, body) => void (await b.object(key).put(body)),
        getSmall: async (key) => drainCount(await b.object(key).get()),
        async remove(keys) {
          if (batch) {
            const s = await batch.removeObjects(keys);
            if (s.failed > 0) throw new Error(`${s.failed} keys failed to be removed`);
            return s.done;
          }
          await withLatencies(keys.length, 32, (i) => b.object(keys[i]!).remove());
          return keys.length;
        },
        sign: (i) =>
          signRequest(
            { method: SIGN_FIXTURE.method, host: SIGN_FIXTURE.host, path: `/${SIGN_FIXTURE.bucket}/${signKey(i)}`, query: [], headers: { "x-amz-content-sha256": SIGN_FIXTURE.payloadHash } },
            creds,
            { region: SIGN_FIXTURE.region, date: new Date(), payloadHash: SIGN_FIXTURE.payloadHash, keyCache },
          ),
        presign: (key) => b.object(key).presign({ expires: 3600 }),
        close: () => s3.close(),
        notes: { remove: batch ? "removeObjects (batched DeleteObjects)" : "per-object DELETE ×32: batched removal not merged yet" },
      };
    };
  },
});
