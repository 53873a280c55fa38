/**
 * Plan nodes of uploads larger than one PUT. (Scaffolding: the upload work fills these in.)
 */

/** A multipart upload of a body. */
export interface MultipartUploadNode {
  readonly kind: "MultipartUpload";
  readonly bucket: string;
  readonly key: string;
}

/** An upload of a local file (single PUT or multipart, by its size). */
export interface UploadFileNode {
  readonly kind: "UploadFile";
  readonly bucket: string;
  readonly key: string;
  readonly filePath: string;
}
