/**
 * The seed's removal models: {@link DeleteObject} (what to remove) and {@link DeleteError}
 * (a key the server refused to remove), as in minio-py's `minio/deleteobjects.py`.
 */

/** An object (or one version of it) to remove with `removeObjects`. */
export class DeleteObject {
  /** Object key. */
  readonly name: string;
  /** Version to remove; absent removes the latest (or adds a delete marker on a versioned bucket). */
  readonly versionId?: string;

  /**
   * @param name - Object key.
   * @param versionId - Version to remove.
   */
  constructor(name: string, versionId?: string) {
    this.name = name;
    if (versionId !== undefined) this.versionId = versionId;
    Object.freeze(this);
  }
}

/** A key the server refused to remove, with the S3 error code and message it gave. */
export class DeleteError {
  /** S3 error code, e.g. `AccessDenied`. */
  readonly code: string;
  /** The server's message. */
  readonly message: string;
  /** Object key. */
  readonly objectName: string;
  /** Version, when one was asked for. */
  readonly versionId?: string;

  constructor(code: string, message: string, objectName: string, versionId?: string) {
    this.code = code;
    this.message = message;
    this.objectName = objectName;
    if (versionId !== undefined) this.versionId = versionId;
    Object.freeze(this);
  }

  /** The object key under the seed's name (`DeleteError.name`). */
  get name(): string {
    return this.objectName;
  }
}
