/** minio-js 8: listObjectsV2 stream, putObject (multipart for large), getObject, removeObjects, presignedGetObject. */
import { drainCount, sourceStream } from "../../transfer/source.js";
import { nodeClient } from "./in-process.js";
import { SIGN_FIXTURE } from "./sign-request.js";

export const minioJs = nodeClient({
  name: "minio-js 8",
  async load() {
    const Minio = await import("minio");
    return (at) => {
      const url = new URL(at.endpoint);
      const client = new Minio.Client({
        endPoint: url.hostname, port: Number(url.port || 80), useSSL: false,
        accessKey: at.accessKey, secretKey: at.secretKey, region: at.region,
      });
      const presigner = new Minio.Client({
        endPoint: "127.0.0.1", port: 9000, useSSL: false,
        accessKey: SIGN_FIXTURE.accessKey, secretKey: SIGN_FIXTURE.secretKey, region: SIGN_FIXTURE.region,
      });
      return {
        list: () =>
          new Promise<number>((resolve, reject) => {
            let n = 0;
            const stream = client.listObjectsV2(at.bucket, "", true);
            stream.on("data", () => void n++);
            stream.once("error", reject);
            stream.once("end", () => resolve(n));
          }),
        put: async (key, size) => void (await client.putObject(at.bucket, key, sourceStream(size), size)),
        get: async (key) => drainCount(await client.getObject(at.bucket, key)),
        putSmall: async (key, body) => void (await client.putObject(at.bucket, key, body, body.length)),
        getSmall: async (key) => drainCount(await client.getObject(at.bucket, key)),
        async remove(keys) {
          const errors = await client.removeObjects(at.bucket, [...keys]);
          if (errors.length > 0) throw new Error(`${errors.length} keys failed to be removed`);
          return keys.length;
        },
        presign: (key) => presigner.presignedGetObject(SIGN_FIXTURE.bucket, key, 3600),
        // minio-js uses http.globalAgent (keep-alive on Node ≥ 19): nothing to close.
      };
    };
  },
});
