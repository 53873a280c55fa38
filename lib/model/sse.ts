import { createHash } from "node:crypto";
import { InvalidArgumentError } from "../errors.js";

/** Server-side encryption with a customer-provided key (SSE-C) — the seed's `SseCustomerKey`. */
export class SseCustomerKey {
  readonly #key: string;
  readonly #keyMd5: string;

  /** @param key the 32-byte AES-256 key; never printed or serialised */
  constructor(key: Uint8Array) {
    if (!(key instanceof Uint8Array) || key.byteLength !== 32) {
      throw new InvalidArgumentError("SseCustomerKey needs a key of exactly 32 bytes");
    }
    const buf = Buffer.from(key.buffer, key.byteOffset, key.byteLength);
    this.#key = buf.toString("base64");
    this.#keyMd5 = createHash("md5").update(buf).digest("base64");
    Object.freeze(this);
  }

  /** SSE-C needs TLS: S3 and MinIO refuse the key over plain HTTP. */
  get tlsRequired(): true {
    return true;
  }

  /** Headers that encrypt (PUT) or decrypt (GET/HEAD) with this key. */
  headers(): Record<string, string> {
    return {
      "x-amz-server-side-encryption-customer-algorithm": "AES256",
      "x-amz-server-side-encryption-customer-key": this.#key,
      "x-amz-server-side-encryption-customer-key-md5": this.#keyMd5,
    };
  }

  /** Headers that let a copy read a source encrypted with this key. */
  copySourceHeaders(): Record<string, string> {
    return {
      "x-amz-copy-source-server-side-encryption-customer-algorithm": "AES256",
      "x-amz-copy-source-server-side-encryption-customer-key": this.#key,
      "x-amz-copy-source-server-side-encryption-customer-key-md5": this.#keyMd5,
    };
  }

  /** What plans and logs show: the type and the key's MD5, never the key. */
  toJSON(): { type: "SSE-C"; keyMd5: string } {
    return { type: "SSE-C", keyMd5: this.#keyMd5 };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `SseCustomerKey { keyMd5: '${this.#keyMd5}' }`;
  }
}

/** Server-side encryption with a KMS key (SSE-KMS) — the seed's `SseKMS`. */
export class SseKMS {
  /** KMS key id (on MinIO: the name of a key of its KMS). */
  readonly keyId: string;
  /** Encryption context, sent as base64 JSON. */
  readonly context: Readonly<Record<string, string>> | undefined;

  constructor(keyId: string, context?: Readonly<Record<string, string>>) {
    if (typeof keyId !== "string" || keyId === "") throw new InvalidArgumentError("SseKMS needs a key id");
    this.keyId = keyId;
    this.context = context ? Object.freeze({ ...context }) : undefined;
    Object.freeze(this);
  }

  /** No TLS requirement. */
  get tlsRequired(): false {
    return false;
  }

  /** Headers that encrypt a write with this key. */
  headers(): Record<string, string> {
    const h: Record<string, string> = {
      "x-amz-server-side-encryption": "aws:kms",
      "x-amz-server-side-encryption-aws-kms-key-id": this.keyId,
    };
    if (this.context) h["x-amz-server-side-encryption-context"] = Buffer.from(JSON.stringify(this.context)).toString("base64");
    return h;
  }

  toJSON(): { type: "SSE-KMS"; keyId: string; context?: Readonly<Record<string, string>> } {
    return { type: "SSE-KMS", keyId: this.keyId, ...(this.context ? { context: this.context } : {}) };
  }
}

/** Server-side encryption with keys the server manages (SSE-S3) — the seed's `SseS3`. */
export class SseS3 {
  constructor() {
    Object.freeze(this);
  }

  /** No TLS requirement. */
  get tlsRequired(): false {
    return false;
  }

  /** Headers that encrypt a write with SSE-S3. */
  headers(): Record<string, string> {
    return { "x-amz-server-side-encryption": "AES256" };
  }

  toJSON(): { type: "SSE-S3" } {
    return { type: "SSE-S3" };
  }
}

/** Any server-side encryption. */
export type Sse = SseCustomerKey | SseKMS | SseS3;
