/**
 * ListMultipartUploadsResult, the third listing document, read by the byte tokenizer
 * ({@link ByteEvents}; sax's {@link SaxEvents} on request, as the oracle of the specs).
 */
import { malformed } from "./decode.js";
import { ByteEvents } from "./byte-events.js";
import type { ListUploadsPage } from "./multipart.js";
import { SaxEvents, type XmlEventHandler } from "./sax-events.js";

const ROOT = "ListMultipartUploadsResult";

interface Upload {
  key?: string;
  uploadId?: string;
  initiated?: string;
  storageClass?: string;
}

/** Collects a ListMultipartUploadsResult from element events (the first of a repeated field wins). */
class UploadsHandler implements XmlEventHandler {
  readonly uploads: Upload[] = [];
  readonly page: { isTruncated?: string; nextKeyMarker?: string; nextUploadIdMarker?: string } = {};
  #depth = 0;
  #upload: Upload | undefined;
  #field: string | undefined;

  open(name: string): boolean {
    const depth = ++this.#depth;
    this.#field = undefined;
    if (depth === 1) {
      if (name !== ROOT) throw malformed(`unexpected root element <${name}> in ${ROOT}`);
    } else if (depth === 2) {
      if (name === "Upload") this.uploads.push((this.#upload = {}));
      else if (name === "IsTruncated" || name === "NextKeyMarker" || name === "NextUploadIdMarker") this.#field = name;
    } else if (depth === 3 && this.#upload !== undefined) {
      if (name === "Key" || name === "UploadId" || name === "Initiated" || name === "StorageClass") this.#field = name;
    }
    return this.#field !== undefined;
  }

  close(text: string): void {
    const depth = this.#depth--;
    const field = this.#field;
    this.#field = undefined;
    if (field === undefined) {
      if (depth === 2) this.#upload = undefined;
      return;
    }
    if (depth === 2) {
      const page = this.page;
      if (field === "IsTruncated") page.isTruncated ??= text;
      else if (field === "NextKeyMarker") page.nextKeyMarker ??= text;
      else page.nextUploadIdMarker ??= text;
    } else {
      const u = this.#upload!;
      if (field === "Key") u.key ??= text;
      else if (field === "UploadId") u.uploadId ??= text;
      else if (field === "Initiated") u.initiated ??= text;
      else u.storageClass ??= text;
    }
  }
}

/**
 * Parses a ListMultipartUploadsResult page.
 * @param tokenizer - `"bytes"` (default) or `"sax"`, the general parser it is tested against.
 * @throws InvalidResponseError if the body is malformed or another document.
 */
export function parseUploadsListing(body: string | Buffer, tokenizer: "bytes" | "sax" = "bytes"): ListUploadsPage {
  const handler = new UploadsHandler();
  const events = tokenizer === "sax" ? new SaxEvents(handler) : new ByteEvents(handler);
  events.write(body);
  events.end();
  const { page } = handler;
  return {
    uploads: handler.uploads.map((u) => ({
      key: u.key ?? "", uploadId: u.uploadId ?? "",
      ...(u.initiated ? { initiated: u.initiated } : {}), ...(u.storageClass ? { storageClass: u.storageClass } : {}),
    })),
    isTruncated: page.isTruncated === "true",
    ...(page.nextKeyMarker ? { nextKeyMarker: page.nextKeyMarker } : {}),
    ...(page.nextUploadIdMarker ? { nextUploadIdMarker: page.nextUploadIdMarker } : {}),
  };
}
