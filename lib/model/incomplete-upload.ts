/** An incomplete multipart upload, as `BucketRef.uploads().list()` returns it. */
export interface IncompleteUpload {
  readonly bucketName: string;
  readonly objectName: string;
  readonly uploadId: string;
  /** When the upload was created. */
  readonly initiated?: Date;
  readonly storageClass?: string;
}
