/**
 * Plan nodes of server-side copies. (Scaffolding: the copy work fills these in.)
 */

/** CopyObject, or a multipart copy when the source is large or ranged. */
export interface CopyObjectNode {
  readonly kind: "CopyObject";
  readonly bucket: string;
  readonly key: string;
}

/** ComposeObject: a new object from parts of others. */
export interface ComposeObjectNode {
  readonly kind: "ComposeObject";
  readonly bucket: string;
  readonly key: string;
}
