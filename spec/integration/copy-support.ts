import { AbortMultipartUploadCommand, CreateMultipartUploadCommand, ListMultipartUploadsCommand, S3Client } from "@aws-sdk/client-s3";
import { S3 } from "../../lib/index.js";
import { servers } from "./support.js";

/** A client for the TLS test server (SSE-C needs HTTPS). */
export function tlsClient(): S3 {
  const s = servers().tls;
  return new S3({ endpoint: s.endpoint, accessKey: s.accessKey, secretKey: s.secretKey, transport: { ca: s.ca } });
}

function witness(): S3Client {
  const s = servers().plain;
  return new S3Client({
    endpoint: s.endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: s.accessKey, secretAccessKey: s.secretKey },
  });
}

/** Opens a multipart upload with another client (to prove the witness sees one); resolves to its abort. */
export async function openUpload(bucket: string, key: string): Promise<() => Promise<void>> {
  const client = witness();
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  return async () => {
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId }));
    client.destroy();
  };
}

/** Keys of the incomplete multipart uploads of `prefix` on the plain server (another client as the witness; MinIO matches the exact key). */
export async function incompleteUploads(bucket: string, prefix: string): Promise<string[]> {
  const client = witness();
  try {
    const out = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }));
    return (out.Uploads ?? []).map((u) => u.Key ?? "");
  } finally {
    client.destroy();
  }
}
