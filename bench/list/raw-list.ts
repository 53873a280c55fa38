/**
 * The raw baseline: sequential signed ListObjectsV2 requests over node:http (keep-alive)
 * whose bodies are read in full but not parsed. The key count comes from `<KeyCount>` and
 * the next page from `<NextContinuationToken>`, found with Buffer.indexOf. It is the speed
 * of one sequential page stream from this server, the ceiling for any client.
 */
import type http from "node:http";
import { EMPTY_SHA256, expectStatus, objectPath, rawRequest, type RawTarget } from "../support/raw-sign.js";

const TRUNCATED = Buffer.from("<IsTruncated>true</IsTruncated>");
const TOKEN_OPEN = Buffer.from("<NextContinuationToken>");
const TOKEN_CLOSE = Buffer.from("</NextContinuationToken>");
const COUNT_OPEN = Buffer.from("<KeyCount>");
const COUNT_CLOSE = Buffer.from("</KeyCount>");

/** The query Quarry sends for `objects().recursive()` (list-type 2, 1000 keys a page, URL-encoded keys). */
function pageQuery(prefix: string, token: string | undefined): Array<[string, string]> {
  const q: Array<[string, string]> = [["list-type", "2"], ["prefix", prefix], ["max-keys", "1000"], ["encoding-type", "url"]];
  if (token !== undefined) q.push(["continuation-token", token]);
  return q;
}

function between(body: Buffer, open: Buffer, close: Buffer): string | undefined {
  const start = body.indexOf(open);
  if (start < 0) return undefined;
  const from = start + open.length;
  const end = body.indexOf(close, from);
  if (end < 0) return undefined;
  return body.toString("latin1", from, end);
}

function unescapeXml(s: string): string {
  return s.indexOf("&") < 0
    ? s
    : s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) =>
        e === "lt" ? "<" : e === "gt" ? ">" : e === "amp" ? "&" : e === "quot" ? '"' : e === "apos" ? "'"
        : String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)));
}

/** Lists every key under `prefix` and returns how many there were. */
export async function rawListCount(agent: http.Agent, target: RawTarget, bucket: string, prefix = ""): Promise<number> {
  const path = objectPath(bucket);
  let keys = 0;
  let token: string | undefined;
  for (;;) {
    const res = await rawRequest(agent, target, { method: "GET", path, query: pageQuery(prefix, token), payloadHash: EMPTY_SHA256 });
    if (res.status !== 200) expectStatus(res, `ListObjectsV2 ${bucket}`, 200);
    const count = between(res.body, COUNT_OPEN, COUNT_CLOSE);
    if (count === undefined) throw new Error(`ListObjectsV2 ${bucket}: no <KeyCount> in the response`);
    keys += Number(count);
    if (res.body.indexOf(TRUNCATED) < 0) return keys;
    const next = between(res.body, TOKEN_OPEN, TOKEN_CLOSE);
    if (!next) throw new Error(`ListObjectsV2 ${bucket}: truncated page without <NextContinuationToken>`);
    token = unescapeXml(next);
  }
}
