/**
 * Streaming parser for the three listing responses: ListObjectsV2 and ListObjects (V1)
 * (`ListBucketResult`), and ListObjectVersions (`ListVersionsResult`), including MinIO's
 * `UserMetadata` / `UserTags` extension. Entries are reported while the body streams in.
 *
 * Hot path (spec/xml/list-objects.perf.ts): a small integer state machine over element
 * events from the byte tokenizer ({@link ByteEvents}; sax's {@link SaxEvents} on request),
 * text kept only for the fields used, and one fixed-shape object per entry.
 */
import type { ObjectInfo } from "../model/object-info.js";
import { formDecode, malformed, parseFormPairs, setOwn } from "./decode.js";
import { errorFieldsFrom, s3ErrorFrom } from "./error.js";
import { unquoteETag } from "./etag.js";
import { compareUtf8, parseCount, parseDate } from "./listing-values.js";
import { ByteEvents } from "./byte-events.js";
import { SaxEvents, type XmlEventHandler } from "./sax-events.js";

/** Which listing API produced the body. */
export type ListingKind = "v2" | "v1" | "versions";

/** Page-level facts of a listing response. */
export interface ListPageMeta {
  /** Whether more entries follow on another page. */
  isTruncated: boolean;
  /** V2: the `continuation-token` of the next page. */
  nextContinuationToken?: string;
  /** V1: the `marker` of the next page (sent only with a delimiter). */
  nextMarker?: string;
  /** Versions: the `key-marker` of the next page. */
  nextKeyMarker?: string;
  /** Versions: the `version-id-marker` of the next page. */
  nextVersionIdMarker?: string;
  /**
   * The greatest key or common prefix of the page (in UTF-8 byte order) — V1's next
   * marker when the page is truncated without `NextMarker`.
   */
  lastKey?: string;
  /** V2: number of keys and prefixes the server says the page holds. */
  keyCount?: number;
  /** The response's `EncodingType` (`url` when keys are URL-encoded). */
  encodingType?: string;
}

/** Options of a {@link ListObjectsParser}. */
export interface ListObjectsParserOptions {
  /** Form-decode keys, prefixes and markers (the request had `encoding-type=url`). */
  readonly urlDecode: boolean;
  /** Called for each entry as soon as its element closes. */
  readonly onItem: (o: ObjectInfo) => void;
  /**
   * The XML tokenizer: `"bytes"` (default), the hand-written one over UTF-8 bytes
   * ({@link ByteEvents}), or `"sax"`, the general parser it is tested against.
   */
  readonly tokenizer?: "bytes" | "sax";
}

// Roots.
const R_NONE = 0, R_LIST = 1, R_ERROR = 2;
// Entries (children of the root).
const E_NONE = 0, E_CONTENTS = 1, E_VERSION = 2, E_DELETE_MARKER = 3, E_PREFIXES = 4;
// Containers inside an entry.
const S_NONE = 0, S_OWNER = 1, S_USER_META = 2;
// Captured fields.
const F_NONE = 0, F_TRUNCATED = 1, F_NEXT_TOKEN = 2, F_NEXT_MARKER = 3, F_NEXT_KEY_MARKER = 4,
  F_NEXT_VERSION_ID_MARKER = 5, F_KEY_COUNT = 6, F_ENCODING_TYPE = 7, F_KEY = 8, F_LAST_MODIFIED = 9,
  F_ETAG = 10, F_SIZE = 11, F_STORAGE_CLASS = 12, F_VERSION_ID = 13, F_IS_LATEST = 14, F_PREFIX = 15,
  F_OWNER_ID = 16, F_OWNER_NAME = 17, F_META = 18, F_USER_TAGS = 19, F_ERROR = 20;

/**
 * Parses one listing page as it streams: {@link write} each chunk, then {@link end}.
 * `onItem` receives an {@link ObjectInfo} per `Contents`, `Version`, `DeleteMarker` and
 * `CommonPrefixes` entry (a prefix has `isDir: true` and only a name).
 */
export class ListObjectsParser {
  readonly #handler: ListHandler;
  readonly #events: ByteEvents | SaxEvents;

  /**
   * @param kind - The listing API the body answers.
   * @param bucketName - Bucket reported in every entry.
   * @param opts - URL decoding and the entry callback.
   */
  constructor(kind: ListingKind, bucketName: string, opts: ListObjectsParserOptions) {
    this.#handler = new ListHandler(kind, bucketName, opts.urlDecode, opts.onItem);
    this.#events = opts.tokenizer === "sax" ? new SaxEvents(this.#handler) : new ByteEvents(this.#handler);
  }

  /**
   * Parses a chunk of the body, calling `onItem` for every entry it completes.
   * @throws InvalidResponseError if the body is malformed or not the expected listing;
   * S3Error (status 200) if it is an `<Error>` document; whatever `onItem` throws.
   */
  write(chunk: Buffer | string): void {
    this.#events.write(chunk);
  }

  /**
   * The page metadata once the page header has been read — that is, once the first entry
   * started (or the document ended) — else `undefined`. Servers send `IsTruncated` and the
   * next token or markers before the entries, so a caller can request the next page early.
   */
  headerMeta(): ListPageMeta | undefined {
    return this.#handler.headerSeen ? this.#handler.meta() : undefined;
  }

  /**
   * Ends the body.
   * @returns The page metadata.
   * @throws InvalidResponseError if the body is incomplete or malformed; S3Error for an `<Error>` body.
   */
  end(): ListPageMeta {
    this.#events.end();
    return this.#handler.meta();
  }
}

/** The listing state machine fed by sax events (depth 1 is the root element). */
class ListHandler implements XmlEventHandler {
  readonly #root: string;
  readonly #bucket: string;
  readonly #urlDecode: boolean;
  readonly #onItem: (o: ObjectInfo) => void;

  #depth = 0;
  #rootKind = R_NONE;
  #entry = E_NONE;
  #sub = S_NONE;
  #field = F_NONE;
  #metaName = "";
  headerSeen = false;

  // Page.
  #truncated = false;
  #nextToken: string | undefined = undefined;
  #nextMarker: string | undefined = undefined;
  #nextKeyMarker: string | undefined = undefined;
  #nextVersionIdMarker: string | undefined = undefined;
  #keyCount: number | undefined = undefined;
  #encodingType: string | undefined = undefined;
  #lastKey: string | undefined = undefined;
  #lastPrefix: string | undefined = undefined;
  #errorFields: Map<string, string> | undefined = undefined;

  // Current entry.
  #key: string | undefined = undefined;
  #lastModified: Date | undefined = undefined;
  #etag: string | undefined = undefined;
  #size: number | undefined = undefined;
  #storageClass: string | undefined = undefined;
  #ownerId: string | undefined = undefined;
  #ownerName: string | undefined = undefined;
  #versionId: string | undefined = undefined;
  #isLatest: boolean | undefined = undefined;
  #contentType: string | undefined = undefined;
  #metadata: Record<string, string> | undefined = undefined;
  #userTags: Record<string, string> | undefined = undefined;

  constructor(kind: ListingKind, bucket: string, urlDecode: boolean, onItem: (o: ObjectInfo) => void) {
    this.#root = kind === "versions" ? "ListVersionsResult" : "ListBucketResult";
    this.#bucket = bucket;
    this.#urlDecode = urlDecode;
    this.#onItem = onItem;
  }

  open(name: string): boolean {
    const depth = ++this.#depth;
    let f = F_NONE;
    if (depth === 3) {
      if (this.#entry === E_PREFIXES) {
        if (name === "Prefix") f = F_PREFIX;
      } else if (this.#entry !== E_NONE) {
        f = this.#entryField(name);
      }
    } else if (depth === 4) {
      if (this.#sub === S_OWNER) {
        if (name === "ID") f = F_OWNER_ID;
        else if (name === "DisplayName") f = F_OWNER_NAME;
      } else if (this.#sub === S_USER_META) {
        this.#metaName = name;
        f = F_META;
      }
    } else if (depth === 2) {
      f = this.#rootChild(name);
    } else if (depth === 1) {
      if (name === this.#root) this.#rootKind = R_LIST;
      else if (name === "Error") this.#rootKind = R_ERROR;
      else throw malformed(`unexpected root element <${name}>, expected <${this.#root}>`);
    }
    this.#field = f;
    return f !== F_NONE;
  }

  #entryField(name: string): number {
    switch (name) {
      case "Key": return F_KEY;
      case "LastModified": return F_LAST_MODIFIED;
      case "ETag": return F_ETAG;
      case "Size": return F_SIZE;
      case "StorageClass": return F_STORAGE_CLASS;
      case "VersionId": return F_VERSION_ID;
      case "IsLatest": return F_IS_LATEST;
      case "Owner": this.#sub = S_OWNER; return F_NONE;
      case "UserMetadata": this.#sub = S_USER_META; this.#metadata = {}; return F_NONE;
      case "UserTags": return F_USER_TAGS;
      default: return F_NONE;
    }
  }

  #rootChild(name: string): number {
    if (this.#rootKind === R_ERROR) {
      this.#metaName = name;
      return F_ERROR;
    }
    switch (name) {
      case "Contents": this.#startEntry(E_CONTENTS); return F_NONE;
      case "Version": this.#startEntry(E_VERSION); return F_NONE;
      case "DeleteMarker": this.#startEntry(E_DELETE_MARKER); return F_NONE;
      case "CommonPrefixes": this.#startEntry(E_PREFIXES); return F_NONE;
      case "IsTruncated": return F_TRUNCATED;
      case "NextContinuationToken": return F_NEXT_TOKEN;
      case "NextMarker": return F_NEXT_MARKER;
      case "NextKeyMarker": return F_NEXT_KEY_MARKER;
      case "NextVersionIdMarker": return F_NEXT_VERSION_ID_MARKER;
      case "KeyCount": return F_KEY_COUNT;
      case "EncodingType": return F_ENCODING_TYPE;
      default: return F_NONE;
    }
  }

  #startEntry(kind: number): void {
    this.#entry = kind;
    this.headerSeen = true;
  }

  close(text: string): void {
    const depth = this.#depth--;
    const f = this.#field;
    if (f !== F_NONE) {
      this.#field = F_NONE;
      if (f === F_ETAG) this.#etag = unquoteETag(text);
      else this.#assign(f, text);
    } else if (depth === 2) {
      if (this.#entry !== E_NONE) this.#endEntry();
    } else if (depth === 3) {
      this.#sub = S_NONE;
    } else if (depth === 1) {
      this.headerSeen = true;
      if (this.#rootKind === R_ERROR) {
        const fields = this.#errorFields;
        throw s3ErrorFrom(errorFieldsFrom((n) => fields?.get(n)), 200);
      }
    }
  }

  #assign(f: number, text: string): void {
    switch (f) {
      case F_KEY: this.#key = this.#urlDecode ? formDecode(text) : text; break;
      case F_LAST_MODIFIED: this.#lastModified = parseDate(text); break;
      case F_SIZE: this.#size = parseCount(text, "Size"); break;
      case F_STORAGE_CLASS: this.#storageClass = text; break;
      case F_OWNER_ID: this.#ownerId = text; break;
      case F_OWNER_NAME: this.#ownerName = text; break;
      case F_VERSION_ID: this.#versionId = text; break;
      case F_IS_LATEST: this.#isLatest = text === "true"; break;
      case F_PREFIX: this.#key = this.#urlDecode ? formDecode(text) : text; break;
      case F_META: this.#addMeta(text); break;
      case F_USER_TAGS: if (text !== "") this.#userTags = parseFormPairs(text); break;
      case F_TRUNCATED: this.#truncated = text.trim().toLowerCase() === "true"; break;
      case F_NEXT_TOKEN: this.#nextToken = text; break;
      case F_NEXT_MARKER: this.#nextMarker = this.#urlDecode ? formDecode(text) : text; break;
      case F_NEXT_KEY_MARKER: this.#nextKeyMarker = this.#urlDecode ? formDecode(text) : text; break;
      case F_NEXT_VERSION_ID_MARKER: this.#nextVersionIdMarker = text; break;
      case F_KEY_COUNT: this.#keyCount = parseCount(text, "KeyCount"); break;
      case F_ENCODING_TYPE: this.#encodingType = text; break;
      case F_ERROR: if (!(this.#errorFields ??= new Map()).has(this.#metaName)) this.#errorFields.set(this.#metaName, text); break;
    }
  }

  #addMeta(value: string): void {
    const name = this.#metaName;
    setOwn((this.#metadata ??= {}), name, value);
    if (name.length === 12 && name.toLowerCase() === "content-type") this.#contentType = value;
  }

  #endEntry(): void {
    const kind = this.#entry;
    this.#entry = E_NONE;
    const key = this.#key;
    if (key === undefined) {
      if (kind === E_PREFIXES) return; // an empty <CommonPrefixes/>
      throw malformed("listing entry without a Key");
    }
    const isDir = kind === E_PREFIXES;
    if (isDir) this.#lastPrefix = key;
    else this.#lastKey = key;
    // One object literal, so every entry shares one hidden class.
    const info: ObjectInfo = {
      bucketName: this.#bucket,
      objectName: key,
      lastModified: this.#lastModified,
      etag: this.#etag,
      size: this.#size,
      storageClass: this.#storageClass,
      ownerId: this.#ownerId,
      ownerName: this.#ownerName,
      versionId: this.#versionId,
      isLatest: this.#isLatest,
      isDeleteMarker: kind === E_DELETE_MARKER,
      isDir,
      contentType: this.#contentType,
      metadata: this.#metadata,
      userTags: this.#userTags,
    };
    this.#key = this.#lastModified = this.#etag = this.#size = this.#storageClass = undefined;
    this.#ownerId = this.#ownerName = this.#versionId = this.#isLatest = this.#contentType = undefined;
    this.#metadata = this.#userTags = undefined;
    this.#onItem(info);
  }

  meta(): ListPageMeta {
    const k = this.#lastKey;
    const p = this.#lastPrefix;
    return {
      isTruncated: this.#truncated,
      nextContinuationToken: this.#nextToken,
      nextMarker: this.#nextMarker,
      nextKeyMarker: this.#nextKeyMarker,
      nextVersionIdMarker: this.#nextVersionIdMarker,
      lastKey: k === undefined ? p : p === undefined || compareUtf8(k, p) >= 0 ? k : p,
      keyCount: this.#keyCount,
      encodingType: this.#encodingType,
    };
  }
}
