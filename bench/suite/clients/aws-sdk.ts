/**
 * The AWS SDK v3: paginateListObjectsV2, lib-storage Upload (4 parts in flight), GetObject,
 * DeleteObjects in batches of 1000, the SignatureV4 signer and the request presigner.
 */
import { drainCount, sourceStream } from "../../transfer/source.js";
import { nodeClient } from "./in-process.js";
import { SIGN_FIXTURE, signKey } from "./sign-request.js";

export const awsSdk = nodeClient({
  name: "AWS SDK v3",
  async load() {
    const { S3Client, GetObjectCommand, PutObjectCommand, DeleteObjectsCommand, paginateListObjectsV2 } = await import("@aws-sdk/client-s3");
    const { Upload } = await import("@aws-sdk/lib-storage");
    const { getSignedUrl } = await import("@aws-sdk/s3-request-presigner");
    const { SignatureV4 } = await import("@smithy/signature-v4");
    const { createHash, createHmac } = await import("node:crypto");
    /** The SDK's Node hash (@smithy/hash-node) is not installed here: the same thing over node:crypto. */
    const toBytes = (d: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
      typeof d === "string" ? d : d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
    class Sha256 {
      private h;
      constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
        this.h = secret === undefined ? createHash("sha256") : createHmac("sha256", toBytes(secret));
      }
      update(data: string | ArrayBuffer | ArrayBufferView): void {
        this.h.update(toBytes(data));
      }
      digest(): Promise<Uint8Array> {
        return Promise.resolve(this.h.digest());
      }
      reset(): void {
        throw new Error("not used");
      }
    }
    const signer = new SignatureV4({
      credentials: { accessKeyId: SIGN_FIXTURE.accessKey, secretAccessKey: SIGN_FIXTURE.secretKey },
      region: SIGN_FIXTURE.region, service: "s3", sha256: Sha256, uriEscapePath: false, applyChecksum: false,
    });
    const presignClient = new S3Client({
      endpoint: `http://${SIGN_FIXTURE.host}`, region: SIGN_FIXTURE.region, forcePathStyle: true,
      credentials: { accessKeyId: SIGN_FIXTURE.accessKey, secretAccessKey: SIGN_FIXTURE.secretKey },
    });
    return (at) => {
      const client = new S3Client({
        endpoint: at.endpoint, region: at.region, forcePathStyle: true,
        credentials: { accessKeyId: at.accessKey, secretAccessKey: at.secretKey },
      });
      const Bucket = at.bucket;
      return {
        async list() {
          let n = 0;
          for await (const page of paginateListObjectsV2({ client, pageSize: 1000 }, { Bucket })) n += page.Contents?.length ?? 0;
          return n;
        },
        put: async (key, size) =>
          void (await new Upload({ client, queueSize: 4, params: { Bucket, Key: key, Body: sourceStream(size), ContentLength: size } }).done()),
        get: async (key) => drainCount((await client.send(new GetObjectCommand({ Bucket, Key: key }))).Body as NodeJS.ReadableStream),
        putSmall: async (key, body) => void (await client.send(new PutObjectCommand({ Bucket, Key: key, Body: body }))),
        getSmall: async (key) => drainCount((await client.send(new GetObjectCommand({ Bucket, Key: key }))).Body as NodeJS.ReadableStream),
        async remove(keys) {
          let done = 0;
          for (let i = 0; i < keys.length; i += 1000) {
            const out = await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true } }));
            if (out.Errors?.length) throw new Error(`${out.Errors.length} keys failed to be removed`);
            done += Math.min(1000, keys.length - i);
          }
          return done;
        },
        sign: (i) =>
          signer.sign(
            {
              method: SIGN_FIXTURE.method, protocol: "http:", hostname: "127.0.0.1", port: 9000, query: {},
              path: `/${SIGN_FIXTURE.bucket}/${signKey(i)}`,
              headers: { host: SIGN_FIXTURE.host, "x-amz-content-sha256": SIGN_FIXTURE.payloadHash },
            },
          ),
        presign: (key) => getSignedUrl(presignClient, new GetObjectCommand({ Bucket: SIGN_FIXTURE.bucket, Key: key }), { expiresIn: 3600 }),
        close: () => client.destroy(),
      };
    };
  },
});
