/**
 * The checksum tap of `object.get({ checksum: true })`: the body passes through unchanged while
 * its checksum is computed, and the stream fails with a ChecksumMismatchError at its end when
 * the bytes do not have the full-object checksum the server returned. A response without one
 * (a server that ignores checksums, an object stored without one, a composite checksum) is
 * passed through unchecked — see verify.ts.
 */
import type { IncomingHttpHeaders } from "node:http";
import { pipeline, Transform, type TransformCallback } from "node:stream";
import type { ObjectStream } from "../../model/results.js";
import type { GetObjectNode } from "../../plan/nodes.js";
import { asksChecksums } from "./headers.js";
import { ChecksumAccumulator, expectedFromHeaders, type ExpectedChecksum } from "./verify.js";

/** A Transform that checks the bytes it passes on. */
class VerifyingStream extends Transform {
  readonly headers: IncomingHttpHeaders;
  readonly statusCode: number;
  readonly #acc: ChecksumAccumulator;
  readonly #what: string;

  constructor(headers: IncomingHttpHeaders, statusCode: number, acc: ChecksumAccumulator, what: string) {
    super({ highWaterMark: 64 * 1024 });
    this.headers = headers;
    this.statusCode = statusCode;
    this.#acc = acc;
    this.#what = what;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    this.#acc.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.#acc.check(this.#what);
      callback();
    } catch (err) {
      callback(err as Error);
    }
  }
}

/** True when a GET of `node` is to be verified: checksum mode asked, the whole object read. */
export function verifiesBody(node: GetObjectNode): boolean {
  return node.range === undefined && asksChecksums(node.headers);
}

/** `body` verified against the checksum in its headers, or `body` itself when there is none. */
export function verifiedBody(body: ObjectStream & { readonly statusCode?: number }, what: string): ObjectStream {
  return verifiedAgainst(body, expectedFromHeaders(body.headers), what);
}

/** `body` verified against `expected` (a checksum found elsewhere than its headers), or `body` itself when undefined. */
export function verifiedAgainst(body: ObjectStream & { readonly statusCode?: number }, expected: ExpectedChecksum | undefined, what: string): ObjectStream {
  if (expected === undefined) return body;
  const out = new VerifyingStream(body.headers, body.statusCode ?? 200, new ChecksumAccumulator(expected), what);
  // Destroying `out` destroys `body` (aborting its request); a body failure fails `out`.
  pipeline(body, out, () => undefined);
  return out;
}
