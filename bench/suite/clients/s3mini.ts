/**
 * s3mini (fetch-based): listObjectsPaged, a hand-driven multipart upload for large objects
 * (16 MiB parts, 4 in flight: it has no streaming upload helper), getObjectResponse,
 * deleteObjects, getPresignedUrl.
 */
import { CHUNK } from "../../transfer/source.js";
import { nodeClient, withLatencies } from "./in-process.js";
import { SIGN_FIXTURE } from "./sign-request.js";

const PART = 2 * CHUNK;

export const s3mini = nodeClient({
  name: "s3mini",
  notes: { put: "multipart driven by hand, 16 MiB parts ×4" },
  async load() {
    const { S3mini } = await import("s3mini");
    const { randomBytes } = await import("node:crypto");
    const part = randomBytes(PART);
    const presigner = new S3mini({
      endpoint: `http://${SIGN_FIXTURE.host}/${SIGN_FIXTURE.bucket}`, region: SIGN_FIXTURE.region,
      accessKeyId: SIGN_FIXTURE.accessKey, secretAccessKey: SIGN_FIXTURE.secretKey,
    });
    const drainResponse = async (res: Response | null): Promise<number> => {
      if (!res?.body) throw new Error("no body");
      let n = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) n += chunk.length;
      return n;
    };
    return (at) => {
      const s3 = new S3mini({ endpoint: `${at.endpoint}/${at.bucket}`, region: at.region, accessKeyId: at.accessKey, secretAccessKey: at.secretKey });
      return {
        async list() {
          let n = 0;
          let token: string | undefined;
          do {
            // s3mini's first argument is the request path ("/" = the bucket), not an S3 delimiter: this lists recursively.
            const page = await s3.listObjectsPaged("/", "", 1000, token);
            n += page?.objects?.length ?? 0;
            token = page?.nextContinuationToken;
          } while (token);
          return n;
        },
        async put(key, size) {
          const uploadId = await s3.getMultipartUploadId(key);
          const count = Math.ceil(size / PART);
          const parts = new Array<{ partNumber: number; etag: string }>(count);
          await withLatencies(count, 4, async (i) => {
            const len = Math.min(PART, size - i * PART);
            parts[i] = await s3.uploadPart(key, uploadId, len === PART ? part : part.subarray(0, len), i + 1);
          });
          await s3.completeMultipartUpload(key, uploadId, parts);
        },
        get: async (key) => drainResponse(await s3.getObjectResponse(key)),
        putSmall: async (key, body) => void (await s3.putObject(key, body)),
        getSmall: async (key) => drainResponse(await s3.getObjectResponse(key)),
        async remove(keys) {
          const ok = await s3.deleteObjects([...keys]);
          const failed = ok.filter((x) => !x).length;
          if (failed > 0) throw new Error(`${failed} keys failed to be removed`);
          return keys.length;
        },
        presign: (key) => presigner.getPresignedUrl("GET", key, 3600),
      };
    };
  },
});
