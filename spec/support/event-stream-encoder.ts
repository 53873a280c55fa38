/**
 * A test-only encoder of AWS event-stream messages (the inverse of lib/select/event-stream.ts),
 * written from the framing description, so decoder specs can build any message, valid or not.
 */
import { crc32 } from "node:zlib";
import type { EventHeaderValue } from "../../lib/select/event-stream.js";

function headerBytes(name: string, h: EventHeaderValue): Buffer {
  const n = Buffer.from(name, "utf8");
  const parts: Buffer[] = [Buffer.from([n.length]), n];
  const fixed = (type: number, size: number, write: (b: Buffer) => void) => {
    const b = Buffer.alloc(1 + size);
    b[0] = type;
    write(b);
    parts.push(b);
  };
  switch (h.type) {
    case "boolean":
      parts.push(Buffer.from([h.value ? 0 : 1]));
      break;
    case "byte":
      fixed(2, 1, (b) => b.writeInt8(h.value, 1));
      break;
    case "short":
      fixed(3, 2, (b) => b.writeInt16BE(h.value, 1));
      break;
    case "integer":
      fixed(4, 4, (b) => b.writeInt32BE(h.value, 1));
      break;
    case "long":
      fixed(5, 8, (b) => b.writeBigInt64BE(h.value, 1));
      break;
    case "timestamp":
      fixed(8, 8, (b) => b.writeBigInt64BE(BigInt(h.value.getTime()), 1));
      break;
    case "uuid":
      fixed(9, 16, (b) => Buffer.from(h.value.replaceAll("-", ""), "hex").copy(b, 1));
      break;
    case "binary":
    case "string": {
      const v = h.type === "string" ? Buffer.from(h.value, "utf8") : Buffer.from(h.value);
      const b = Buffer.alloc(3);
      b[0] = h.type === "string" ? 7 : 6;
      b.writeUInt16BE(v.length, 1);
      parts.push(b, v);
    }
  }
  return Buffer.concat(parts);
}

/** Encodes one message with the given headers (in order) and payload. */
export function encodeMessage(headers: Iterable<[string, EventHeaderValue]>, payload: Uint8Array = new Uint8Array()): Buffer {
  const hs = Buffer.concat([...headers].map(([k, v]) => headerBytes(k, v)));
  const total = 16 + hs.length + payload.length;
  const msg = Buffer.alloc(total);
  msg.writeUInt32BE(total, 0);
  msg.writeUInt32BE(hs.length, 4);
  msg.writeUInt32BE(crc32(msg.subarray(0, 8)), 8);
  hs.copy(msg, 12);
  Buffer.from(payload).copy(msg, 12 + hs.length);
  msg.writeUInt32BE(crc32(msg.subarray(0, total - 4)), total - 4);
  return msg;
}

const str = (value: string): EventHeaderValue => ({ type: "string", value });

/** A Select event message (`:message-type` event) of the given `:event-type`. */
export function selectEventMessage(eventType: string, payload: string | Uint8Array = ""): Buffer {
  const body = typeof payload === "string" ? Buffer.from(payload, "utf8") : payload;
  const headers: Array<[string, EventHeaderValue]> = [[":message-type", str("event")], [":event-type", str(eventType)]];
  if (eventType === "Records") headers.push([":content-type", str("application/octet-stream")]);
  if (eventType === "Stats" || eventType === "Progress") headers.push([":content-type", str("text/xml")]);
  return encodeMessage(headers, body);
}

/** A Select error message. */
export function selectErrorMessage(code: string, message: string): Buffer {
  return encodeMessage([[":message-type", str("error")], [":error-code", str(code)], [":error-message", str(message)]]);
}

/** The XML of a Stats or Progress payload. */
export function statsXml(root: "Stats" | "Progress", scanned: number, processed: number, returned: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?><${root}><BytesScanned>${scanned}</BytesScanned><BytesProcessed>${processed}</BytesProcessed><BytesReturned>${returned}</BytesReturned></${root}>`;
}
