import type { IncomingMessage } from "node:http";
import { InvalidResponseError, S3Error, ServerError } from "../errors.js";
import { parseErrorXml } from "../xml/error.js";
import type { HttpRequest } from "./http-request.js";
import { ERROR_BODY_LIMIT, readText } from "./read-body.js";


const STATUS_CODES: Record<number, string> = {
  301: "PermanentRedirect",
  307: "TemporaryRedirect",
  400: "BadRequest",
  403: "AccessDenied",
  405: "MethodNotAllowed",
  409: "Conflict",
  412: "PreconditionFailed",
  416: "InvalidRange",
  501: "NotImplemented",
  503: "SlowDown",
};

function header(res: IncomingMessage, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Turns a failed response into a typed error: S3Error from the XML error body, or — for
 * bodiless responses such as HEAD — from the status and MinIO's x-minio-error-* headers.
 */
export async function errorFromResponse(req: HttpRequest, res: IncomingMessage): Promise<Error> {
  const status = res.statusCode ?? 0;
  const requestId = header(res, "x-amz-request-id");
  const hostId = header(res, "x-amz-id-2");
  let body = "";
  if (req.method !== "HEAD") {
    // Error bodies are a few hundred bytes: one past the limit is refused, typed, unread; a cut one counts as absent.
    const read = await readText(res, ERROR_BODY_LIMIT).catch((err: unknown) => err);
    if (read instanceof InvalidResponseError) return status >= 500 ? new ServerError(`server failed with status ${status} and an error body over ${ERROR_BODY_LIMIT} bytes`, status) : read;
    body = typeof read === "string" ? read : "";
  }
  if (req.method === "HEAD") res.resume();
  const base = { status, requestId, hostId, bucketName: req.bucket, objectName: req.key };
  if (body.trim() !== "") {
    const fields = tryParse(body);
    if (fields) {
      return new S3Error({ ...base, ...stripUndefined(fields), code: fields.code, message: fields.message });
    }
    if (status >= 500) return new ServerError(`server failed with status ${status}: ${body.slice(0, 256)}`, status);
    return new InvalidResponseError(status, header(res, "content-type"), body);
  }
  const code = header(res, "x-minio-error-code")
    ?? (status === 404 ? (req.notFoundCode ?? (req.key !== undefined ? "NoSuchKey" : "NoSuchBucket")) : STATUS_CODES[status]);
  if (code === undefined) {
    if (status >= 500) return new ServerError(`server failed with status ${status}`, status);
    return new InvalidResponseError(status, header(res, "content-type"), "");
  }
  const message = header(res, "x-minio-error-desc")?.replace(/^"|"$/g, "") ?? `${req.method} failed with status ${status}`;
  return new S3Error({ ...base, code, message });
}

function tryParse(body: string): ReturnType<typeof parseErrorXml> | undefined {
  try {
    return parseErrorXml(body);
  } catch {
    return undefined;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== "") (out as Record<string, unknown>)[k] = v;
  return out;
}
