/**
 * Error types. Every error Quarry raises is one of these; none carries credentials.
 */

/** Base class of all Quarry errors. */
export class QuarryError extends Error {
  override name = "QuarryError";
}

/** Bad input, refused before any request was sent. */
export class InvalidArgumentError extends QuarryError {
  override name = "InvalidArgumentError";
}

/** The server answered with something that is not a valid S3 response. */
export class InvalidResponseError extends QuarryError {
  override name = "InvalidResponseError";
  /** HTTP status of the response. */
  readonly status: number;
  /** Content type of the response, if any. */
  readonly contentType: string | undefined;
  constructor(status: number, contentType: string | undefined, body: string) {
    super(`invalid response from server: status ${status}, content-type ${contentType ?? "none"}, body: ${body.slice(0, 512)}`);
    this.status = status;
    this.contentType = contentType;
  }
}

/**
 * The bytes received do not have the checksum the server stored with the object (read with
 * `checksum: true`): raised at the end of the body, after the last byte; a download's temp
 * file is removed.
 */
export class ChecksumMismatchError extends InvalidResponseError {
  override name = "ChecksumMismatchError";
  /** Algorithm checked, e.g. `CRC32`. */
  readonly algorithm: string;
  /** The server's value (base64). */
  readonly expected: string;
  /** The value of the bytes received (base64). */
  readonly actual: string;
  constructor(algorithm: string, expected: string, actual: string, what: string) {
    super(200, undefined, "");
    this.algorithm = algorithm;
    this.expected = expected;
    this.actual = actual;
    this.message = `${what}: the bytes received have ${algorithm} ${actual}, the server stored ${expected}`;
  }
}

/** Fields of an S3 error response. */
export interface S3ErrorFields {
  /** S3 error code, e.g. `NoSuchKey`. */
  readonly code: string;
  /** Human-readable message from the server. */
  readonly message: string;
  /** HTTP status code. */
  readonly status: number;
  /** Resource the error refers to. */
  readonly resource?: string;
  /** Request id (x-amz-request-id). */
  readonly requestId?: string;
  /** Host id (x-amz-id-2). */
  readonly hostId?: string;
  /** Bucket the request was about. */
  readonly bucketName?: string;
  /** Object key the request was about. */
  readonly objectName?: string;
}

/** An error response from the S3 server, parsed from its XML body (or headers, for HEAD). */
export class S3Error extends QuarryError implements S3ErrorFields {
  override name = "S3Error";
  readonly code: string;
  readonly status: number;
  readonly resource?: string;
  readonly requestId?: string;
  readonly hostId?: string;
  readonly bucketName?: string;
  readonly objectName?: string;
  constructor(fields: S3ErrorFields) {
    super(`${fields.code}: ${fields.message}`);
    this.code = fields.code;
    this.status = fields.status;
    this.resource = fields.resource;
    this.requestId = fields.requestId;
    this.hostId = fields.hostId;
    this.bucketName = fields.bucketName;
    this.objectName = fields.objectName;
  }
}

/**
 * The object was replaced while Quarry was reading its body across more than one request (a
 * resumed download): the server refused the continuation's `If-Match` with 412. No byte of the
 * new version was delivered; start the read again to get the new version.
 */
export class ObjectChangedError extends S3Error {
  override name = "ObjectChangedError";
  constructor(cause: S3Error, message: string) {
    super({
      code: "PreconditionFailed", message, status: 412,
      ...(cause.requestId !== undefined ? { requestId: cause.requestId } : {}),
      ...(cause.hostId !== undefined ? { hostId: cause.hostId } : {}),
      ...(cause.bucketName !== undefined ? { bucketName: cause.bucketName } : {}),
      ...(cause.objectName !== undefined ? { objectName: cause.objectName } : {}),
    });
    this.cause = cause;
  }
}

/** The server failed (5xx) without an S3 error body; the seed's `ServerError`. */
export class ServerError extends QuarryError {
  override name = "ServerError";
  /** HTTP status code. */
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/**
 * Credentials could not be obtained or refreshed. Names the provider that failed; its
 * message never contains a secret (secret keys, session tokens, passwords, web-identity tokens).
 */
export class CredentialsError extends QuarryError {
  override name = "CredentialsError";
  /** The provider that failed, e.g. `AssumeRoleProvider`. */
  readonly provider: string;
  /** The STS error code (e.g. `AccessDenied`) or Quarry's own (`Timeout`, `Expired`, `NotFound`), when known. */
  readonly code?: string;
  constructor(provider: string, message: string, options: { code?: string; cause?: unknown } = {}) {
    super(`${provider}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.provider = provider;
    if (options.code !== undefined) this.code = options.code;
  }
}
