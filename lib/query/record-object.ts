/**
 * A bucket-notification record as the ObjectInfo a watch emits and filters: the key as the
 * listen API sends it (raw, never URL-decoded), size, etag, version, and the event time as
 * `lastModified`; content type and user metadata when the record carries them. Pure.
 */
import type { NotificationRecord } from "../model/notification-record.js";
import type { ObjectInfo } from "../model/object-info.js";

/** The ObjectInfo of the object a notification record is about. */
export function recordObject(record: NotificationRecord): ObjectInfo {
  const o = record.s3.object;
  const time = Date.parse(record.eventTime);
  const etag = o.eTag?.replace(/^"|"$/g, "");
  return {
    bucketName: record.bucketName,
    objectName: record.objectName,
    ...(Number.isFinite(time) ? { lastModified: new Date(time) } : {}),
    ...(etag !== undefined && etag !== "" ? { etag } : {}),
    ...(o.size !== undefined ? { size: o.size } : {}),
    ...(o.versionId !== undefined && o.versionId !== "" ? { versionId: o.versionId } : {}),
    isDeleteMarker: record.eventName === "s3:ObjectRemoved:DeleteMarkerCreated",
    isDir: false,
    ...(o.contentType !== undefined && o.contentType !== "" ? { contentType: o.contentType } : {}),
    ...(o.userMetadata !== undefined && Object.keys(o.userMetadata).length > 0 ? { metadata: o.userMetadata } : {}),
  };
}
