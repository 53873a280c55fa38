/**
 * Shapes shared by the signer and its callers. The signer is pure: it sees a request
 * description, credentials and a time, and never a socket.
 */

/** Access credentials used to sign requests. */
export interface Credentials {
  /** Access key id. */
  readonly accessKey: string;
  /** Secret access key. Never logged or printed. */
  readonly secretKey: string;
  /** Session token for temporary (STS) credentials. */
  readonly sessionToken?: string;
  /** When temporary credentials expire, if they do. */
  readonly expiration?: Date;
}

/** A request as the signer sees it. */
export interface RequestToSign {
  /** HTTP method, upper case. */
  readonly method: string;
  /** The Host header value: `host` or `host:port` exactly as it will be sent. */
  readonly host: string;
  /**
   * The path exactly as it goes on the wire, already URI-encoded (for S3: every byte
   * outside the unreserved set percent-encoded once, `/` kept). S3 signs it as-is.
   */
  readonly path: string;
  /** Query parameters, not encoded; the signer encodes and sorts them. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Headers that will be sent, names in lower case (`host` is added by the signer). */
  readonly headers: Readonly<Record<string, string>>;
}
