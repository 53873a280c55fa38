import { InvalidResponseError } from "../errors.js";
import type { NotificationRecord } from "../model/notification-record.js";

/**
 * Parses one line of a ListenBucketNotification body — `{"Records":[…]}` — into typed
 * records, one per entry. `{"Records":null}` (MinIO's keep-alive when a ping interval is
 * asked) gives none. Fields the server leaves out take empty values, so a record always
 * has the documented shape; a line that is not such JSON is an InvalidResponseError.
 */
export function parseNotificationLine(line: string): NotificationRecord[] {
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch {
    throw malformed(line);
  }
  if (!isObject(doc)) throw malformed(line);
  const records = doc["Records"];
  if (records === null || records === undefined) return [];
  if (!Array.isArray(records)) throw malformed(line);
  return records.map((r) => {
    if (!isObject(r)) throw malformed(line);
    return toRecord(r);
  });
}

type Json = Record<string, unknown>;

function malformed(line: string): InvalidResponseError {
  return new InvalidResponseError(200, "application/json", `not a notification line: ${line}`);
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function obj(v: unknown): Json {
  return isObject(v) ? v : {};
}

function str(v: unknown): string {
  return typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);
}

function strMap(v: unknown): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v))) out[k] = str(x);
  return out;
}

function identity(v: unknown) {
  return { principalId: str(obj(v)["principalId"]) };
}

function toRecord(r: Json): NotificationRecord {
  const s3 = obj(r["s3"]);
  const bucket = obj(s3["bucket"]);
  const o = obj(s3["object"]);
  const source = obj(r["source"]);
  const key = str(o["key"]);
  const object = {
    key,
    ...(typeof o["size"] === "number" ? { size: o["size"] } : {}),
    ...(typeof o["eTag"] === "string" ? { eTag: o["eTag"] } : {}),
    ...(typeof o["contentType"] === "string" ? { contentType: o["contentType"] } : {}),
    ...(isObject(o["userMetadata"]) ? { userMetadata: strMap(o["userMetadata"]) } : {}),
    ...(typeof o["versionId"] === "string" ? { versionId: o["versionId"] } : {}),
    sequencer: str(o["sequencer"]),
  };
  const bucketName = str(bucket["name"]);
  return {
    eventVersion: str(r["eventVersion"]),
    eventSource: str(r["eventSource"]),
    awsRegion: str(r["awsRegion"]),
    eventTime: str(r["eventTime"]),
    eventName: str(r["eventName"]),
    userIdentity: identity(r["userIdentity"]),
    requestParameters: strMap(r["requestParameters"]),
    responseElements: strMap(r["responseElements"]),
    s3: {
      s3SchemaVersion: str(s3["s3SchemaVersion"]),
      configurationId: str(s3["configurationId"]),
      bucket: { name: bucketName, ownerIdentity: identity(bucket["ownerIdentity"]), arn: str(bucket["arn"]) },
      object,
    },
    source: { host: str(source["host"]), port: str(source["port"]), userAgent: str(source["userAgent"]) },
    bucketName,
    objectName: key,
  };
}
