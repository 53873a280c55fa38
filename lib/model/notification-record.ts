/**
 * The S3 event record a bucket-notification listener emits, as MinIO sends it (the AWS
 * "event message structure", version 2.0), plus the seed's names for bucket and key.
 *
 * Keys: the S3 event convention URL-encodes `s3.object.key`, and MinIO does so for events
 * it delivers to notification targets (webhook, queues) — but not on the listen API, whose
 * records carry the key as is (MinIO builds them with `ToEvent(false)`; checked against the
 * test server: `a b+c.txt` arrives as `a b+c.txt`). So a listener's keys are never decoded
 * (decoding would turn a real `+` into a space); {@link decodeEventKey} is there for records
 * received from a notification target.
 */

/** Who caused an event (the access key, as MinIO reports it). */
export interface NotificationIdentity {
  readonly principalId: string;
}

/** The bucket of an event. */
export interface NotificationBucket {
  readonly name: string;
  readonly ownerIdentity: NotificationIdentity;
  /** The bucket's ARN, `arn:aws:s3:::<name>`. */
  readonly arn: string;
}

/** The object of an event. Optional fields are absent when the server omits them (e.g. on removal). */
export interface NotificationObject {
  /**
   * The object key exactly as the server sent it: on MinIO's listen API the key itself (not
   * URL-encoded; see the module notes).
   */
  readonly key: string;
  readonly size?: number;
  readonly eTag?: string;
  readonly contentType?: string;
  /** User metadata (MinIO sends the full header names, e.g. `X-Amz-Meta-Camera`). */
  readonly userMetadata?: Readonly<Record<string, string>>;
  readonly versionId?: string;
  /** Orders events of one key: a later event has a greater sequencer (compare as hex strings of equal length). */
  readonly sequencer: string;
}

/** The `s3` section of an event. */
export interface NotificationS3 {
  readonly s3SchemaVersion: string;
  /** The id of the notification configuration that matched (MinIO: "Config" for listeners). */
  readonly configurationId: string;
  readonly bucket: NotificationBucket;
  readonly object: NotificationObject;
}

/** The client that triggered an event (a MinIO extension). */
export interface NotificationSource {
  readonly host: string;
  readonly port: string;
  readonly userAgent: string;
}

/**
 * One bucket event, as received from `listen()` / `listenBucketNotification`. Field names
 * are the wire's; `bucketName` and `objectName` are added under the seed's names.
 */
export interface NotificationRecord {
  readonly eventVersion: string;
  readonly eventSource: string;
  readonly awsRegion: string;
  /** ISO 8601 time of the event, as sent (e.g. `2026-11-30T14:36:13.123Z`). */
  readonly eventTime: string;
  /** Event name, e.g. `s3:ObjectCreated:Put`, `s3:ObjectRemoved:Delete`. */
  readonly eventName: string;
  readonly userIdentity: NotificationIdentity;
  readonly requestParameters: Readonly<Record<string, string>>;
  readonly responseElements: Readonly<Record<string, string>>;
  readonly s3: NotificationS3;
  readonly source: NotificationSource;
  /** The bucket's name (`s3.bucket.name`). */
  readonly bucketName: string;
  /** The object key (`s3.object.key`, which the listen API sends unencoded). */
  readonly objectName: string;
}

/**
 * Decodes the key of an event delivered to a notification target (webhook, queue), which
 * MinIO and S3 URL-encode as a query value: `+` is a space, then percent-escapes. A
 * malformed key is returned as is. Not needed for `listen()` records (their keys are raw).
 */
export function decodeEventKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, " "));
  } catch {
    return key;
  }
}
