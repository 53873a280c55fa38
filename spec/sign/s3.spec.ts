/**
 * S3 specifics of the signer: unsigned payloads, object-key paths signed as given, the
 * canonical query string the executor also sends, the signing-key cache, and the signed
 * examples from the Amazon S3 API reference ("Signature Calculations for the Authorization
 * Header" and "Authenticating Requests: Using Query Parameters").
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { presignQuery, presignQueryDetailed } from "../../lib/sign/presign.js";
import { SigningKeyCache } from "../../lib/sign/signing-key-cache.js";
import {
  EMPTY_PAYLOAD_SHA256,
  UNSIGNED_PAYLOAD,
  amzDate,
  deriveSigningKey,
  sha256Hex,
  signRequest,
  signRequestDetailed,
  type SignOptions,
} from "../../lib/sign/sigv4.js";
import type { Credentials, RequestToSign } from "../../lib/sign/types.js";
import { canonicalQueryString, uriEncode } from "../../lib/sign/uri-encode.js";

/** The credentials of the S3 API reference examples. */
const DOC_CREDS: Credentials = { accessKey: "AKIAIOSFODNN7EXAMPLE", secretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const DOC_DATE = new Date("2013-05-24T00:00:00Z");
const DOC_HOST = "examplebucket.s3.amazonaws.com";

const creds: Credentials = { accessKey: "AKID", secretKey: "s3cr3t/KEY+abc" };
const date = new Date("2024-03-05T06:07:08.999Z");
const opts = (extra: Partial<SignOptions> = {}): SignOptions => ({ region: "eu-west-1", date, payloadHash: UNSIGNED_PAYLOAD, ...extra });
const request = (extra: Partial<RequestToSign> = {}): RequestToSign => ({
  method: "GET",
  host: "127.0.0.1:9000",
  path: "/bucket",
  query: [],
  headers: { "x-amz-content-sha256": UNSIGNED_PAYLOAD },
  ...extra,
});
const lines = (canonicalRequest: string) => canonicalRequest.split("\n");

describe("uriEncode", () => {
  it("keeps exactly the unreserved set, upper-case hex, '/' per flag", () => {
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      const unreserved = /[A-Za-z0-9\-._~]/.test(ch);
      const hex = `%${c.toString(16).toUpperCase().padStart(2, "0")}`;
      expect(uriEncode(ch, true), `U+${c.toString(16)}`).toBe(unreserved ? ch : hex);
      expect(uriEncode(ch, false), `U+${c.toString(16)}`).toBe(unreserved || ch === "/" ? ch : hex);
    }
  });

  it("encodes what encodeURIComponent leaves alone: ! ' ( ) *", () => {
    expect(uriEncode("!'()*", true)).toBe("%21%27%28%29%2A");
  });

  it("UTF-8: 2-, 3- and 4-byte sequences", () => {
    expect(uriEncode("ü", true)).toBe("%C3%BC");
    expect(uriEncode("ሴ", true)).toBe("%E1%88%B4");
    expect(uriEncode("😀", true)).toBe("%F0%9F%98%80");
    expect(uriEncode("a/ü b/😀", false)).toBe("a/%C3%BC%20b/%F0%9F%98%80");
  });

  it("agrees with encodeURIComponent (plus !'()*) on mixed text", () => {
    const reference = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    for (const s of ["photos/2024/ü ä/x+y=z&w", "ÿĀ߿ࠀ￿𐀀􏿿", "%41%", "a\u0000b\u007f", "日本語/キー"]) {
      expect(uriEncode(s, true)).toBe(reference(s));
      expect(uriEncode(s, false)).toBe(reference(s).replace(/%2F/g, "/"));
    }
  });

  it("returns the input itself when nothing needs encoding", () => {
    const s = "logs/2024-01-01/part_0001.json~";
    expect(uriEncode(s, false)).toBe(s);
    expect(uriEncode("", true)).toBe("");
  });

  it("rejects lone surrogates (no UTF-8 form) with a URIError", () => {
    expect(() => uriEncode("a\ud800b", true)).toThrow(URIError);
    expect(() => uriEncode("a\udc00", false)).toThrow(URIError);
    expect(() => uriEncode("\ud800", false)).toThrow(URIError);
  });
});

describe("canonicalQueryString", () => {
  it("encodes names and values: space → %20, + → %2B, * → %2A, / → %2F, ~ kept", () => {
    expect(canonicalQueryString([["prefix", "a b+c*d~e/f"]])).toBe("prefix=a%20b%2Bc%2Ad~e%2Ff");
  });

  it("empty values keep their '=': k=", () => {
    expect(canonicalQueryString([["uploads", ""], ["acl", ""]])).toBe("acl=&uploads=");
  });

  it("sorts by encoded name (byte order: '%' < digits < upper < lower), then by value", () => {
    const q: Array<[string, string]> = [
      ["prefix", "p"],
      ["list-type", "2"],
      ["a", "2"],
      ["a-b", "1"],
      ["a", "1"],
      ["B", "x"],
      ["ü", "u"],
      ["continuation-token", "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="],
    ];
    expect(canonicalQueryString(q)).toBe(
      "%C3%BC=u&B=x&a=1&a=2&a-b=1&continuation-token=1ueGcxLPRx1Tr%2FXYExHnhbYLgveDs2J%2Fwm36Hy4vbOwM%3D&list-type=2&prefix=p",
    );
  });

  it("empty query → empty string; the input is not reordered", () => {
    expect(canonicalQueryString([])).toBe("");
    const q: Array<[string, string]> = [["z", "1"], ["a", "2"]];
    canonicalQueryString(q);
    expect(q).toEqual([["z", "1"], ["a", "2"]]);
  });
});

describe("signRequest (S3)", () => {
  it("UNSIGNED-PAYLOAD is the payload line and x-amz-content-sha256 is signed", () => {
    const d = signRequestDetailed(request(), creds, opts());
    const cr = lines(d.canonicalRequest);
    expect(cr.at(-1)).toBe("UNSIGNED-PAYLOAD");
    expect(cr).toContain("x-amz-content-sha256:UNSIGNED-PAYLOAD");
    expect(d.signedHeaders).toBe("host;x-amz-content-sha256;x-amz-date");
  });

  it("a hashed payload: the hash is the payload line", () => {
    const hash = sha256Hex("hello");
    const d = signRequestDetailed(request({ method: "PUT", headers: { "x-amz-content-sha256": hash, "content-length": "5" } }), creds, opts({ payloadHash: hash }));
    expect(lines(d.canonicalRequest).at(-1)).toBe(hash);
    expect(d.signedHeaders).toBe("content-length;host;x-amz-content-sha256;x-amz-date");
  });

  it("an object key encoded once by uriEncode(key, false) is signed exactly as given", () => {
    const key = "a b/c+d%e/ü";
    const path = `/bucket/${uriEncode(key, false)}`;
    expect(path).toBe("/bucket/a%20b/c%2Bd%25e/%C3%BC");
    const d = signRequestDetailed(request({ path }), creds, opts());
    expect(lines(d.canonicalRequest)[1]).toBe("/bucket/a%20b/c%2Bd%25e/%C3%BC");
  });

  it("S3 does not normalize: dot segments and double slashes are signed as they are", () => {
    for (const path of ["/bucket/a/../b", "/bucket/./x", "/bucket//x//", "/bucket/x/."]) {
      expect(lines(signRequestDetailed(request({ path }), creds, opts()).canonicalRequest)[1]).toBe(path);
    }
  });

  it("normalizePath (other services) removes dot segments and encodes again", () => {
    const d = signRequestDetailed(request({ path: "/a/./b/../c%20d//" }), creds, opts({ normalizePath: true, service: "execute-api" }));
    expect(lines(d.canonicalRequest)[1]).toBe("/a/c%2520d/");
  });

  it("the canonical query is what the executor sends", () => {
    const query: Array<[string, string]> = [["prefix", "photos/ü 1"], ["list-type", "2"], ["delimiter", "/"]];
    const d = signRequestDetailed(request({ query }), creds, opts());
    expect(lines(d.canonicalRequest)[2]).toBe(canonicalQueryString(query));
    expect(lines(d.canonicalRequest)[2]).toBe("delimiter=%2F&list-type=2&prefix=photos%2F%C3%BC%201");
  });

  it("returns authorization and x-amz-date, and a signed x-amz-security-token with a session token", () => {
    const plain = signRequest(request(), creds, opts());
    expect(Object.keys(plain).sort()).toEqual(["authorization", "x-amz-date"]);
    expect(plain["x-amz-date"]).toBe("20240305T060708Z");
    expect(plain["authorization"]).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKID\/20240305\/eu-west-1\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );

    const d = signRequestDetailed(request(), { ...creds, sessionToken: "tok/en+==" }, opts());
    expect(d.headers["x-amz-security-token"]).toBe("tok/en+==");
    expect(d.signedHeaders).toBe("host;x-amz-content-sha256;x-amz-date;x-amz-security-token");
    expect(d.canonicalRequest).toContain("\nx-amz-security-token:tok/en+==\n");
  });

  it("does not sign authorization, user-agent, x-amzn-trace-id, expect, connection", () => {
    const headers = {
      "x-amz-content-sha256": UNSIGNED_PAYLOAD,
      authorization: "old",
      "user-agent": "quarry/0.1",
      "x-amzn-trace-id": "Root=1",
      expect: "100-continue",
      connection: "keep-alive",
      "content-type": "text/plain",
    };
    expect(signRequestDetailed(request({ headers }), creds, opts()).signedHeaders).toBe("content-type;host;x-amz-content-sha256;x-amz-date");
  });

  it("host comes from req.host and x-amz-date from the signer, whatever the headers say", () => {
    const d = signRequestDetailed(request({ headers: { host: "evil", "x-amz-date": "19990101T000000Z", "x-amz-content-sha256": UNSIGNED_PAYLOAD } }), creds, opts());
    expect(d.canonicalRequest).toContain("\nhost:127.0.0.1:9000\n");
    expect(d.canonicalRequest).toContain("\nx-amz-date:20240305T060708Z\n");
    expect(d.canonicalRequest).not.toContain("evil");
    expect(d.canonicalRequest).not.toContain("1999");
  });

  it("header values: trimmed, inner whitespace runs collapsed; empty values signed as 'name:'", () => {
    const headers = { "x-amz-content-sha256": UNSIGNED_PAYLOAD, "x-amz-meta-a": "  one   two\tthree  ", "x-amz-meta-b": "" };
    const d = signRequestDetailed(request({ headers }), creds, opts());
    expect(d.canonicalRequest).toContain("\nx-amz-meta-a:one two three\nx-amz-meta-b:\n");
  });

  it("header names are lower-cased; names that collide join their values with ',' (as HTTP would)", () => {
    const headers = { "x-amz-content-sha256": UNSIGNED_PAYLOAD, "X-Amz-Meta-K": "one", "x-amz-meta-k": " two " };
    const d = signRequestDetailed(request({ headers }), creds, opts());
    expect(d.canonicalRequest).toContain("\nx-amz-meta-k:one,two\n");
    expect(d.signedHeaders).toBe("host;x-amz-content-sha256;x-amz-date;x-amz-meta-k");
  });

  it("does not modify the request", () => {
    const req = request({ query: [["b", "1"], ["a", "2"]] });
    const before = JSON.stringify(req);
    signRequest(req, creds, opts());
    expect(JSON.stringify(req)).toBe(before);
  });

  it("same result with and without a key cache", () => {
    expect(signRequest(request(), creds, opts({ keyCache: new SigningKeyCache() }))).toEqual(signRequest(request(), creds, opts()));
  });

  it("amzDate: UTC, seconds truncated, right after other dates", () => {
    expect(amzDate(new Date("2013-05-24T00:00:00.999Z"))).toBe("20130524T000000Z");
    expect(amzDate(new Date("2013-05-24T00:00:01.000Z"))).toBe("20130524T000001Z");
    expect(amzDate(new Date("2013-05-24T00:00:00.001Z"))).toBe("20130524T000000Z");
    expect(amzDate(new Date("1999-12-31T23:59:59.500Z"))).toBe("19991231T235959Z");
    expect(amzDate(new Date("2024-02-29T12:34:56+02:00"))).toBe("20240229T103456Z");
  });

  it("rejects a missing payload hash and an invalid date", () => {
    expect(() => signRequest(request(), creds, opts({ payloadHash: "" }))).toThrow(TypeError);
    expect(() => signRequest(request(), creds, opts({ date: new Date(Number.NaN) }))).toThrow(RangeError);
    expect(() => amzDate(new Date("+010000-01-01T00:00:00Z"))).toThrow(RangeError);
  });
});

describe("S3 API reference examples", () => {
  it("GET object with Range (header form)", () => {
    const d = signRequestDetailed(
      { method: "GET", host: DOC_HOST, path: "/test.txt", query: [], headers: { range: "bytes=0-9", "x-amz-content-sha256": EMPTY_PAYLOAD_SHA256 } },
      DOC_CREDS,
      { region: "us-east-1", date: DOC_DATE, payloadHash: EMPTY_PAYLOAD_SHA256 },
    );
    expect(d.canonicalRequest).toBe(
      [
        "GET",
        "/test.txt",
        "",
        "host:examplebucket.s3.amazonaws.com",
        "range:bytes=0-9",
        "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "x-amz-date:20130524T000000Z",
        "",
        "host;range;x-amz-content-sha256;x-amz-date",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      ].join("\n"),
    );
    expect(d.stringToSign).toBe(
      "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
    );
    expect(d.signature).toBe("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    expect(d.headers["authorization"]).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });

  it("PUT object (key test$file.text, storage class, Date header)", () => {
    const hash = sha256Hex("Welcome to Amazon S3.");
    expect(hash).toBe("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    const d = signRequestDetailed(
      {
        method: "PUT",
        host: DOC_HOST,
        path: `/${uriEncode("test$file.text", false)}`,
        query: [],
        headers: { date: "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY", "x-amz-content-sha256": hash },
      },
      DOC_CREDS,
      { region: "us-east-1", date: DOC_DATE, payloadHash: hash },
    );
    expect(lines(d.canonicalRequest)[1]).toBe("/test%24file.text");
    expect(d.signature).toBe("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  });

  it("GET bucket lifecycle (?lifecycle → 'lifecycle=')", () => {
    const d = signRequestDetailed(
      { method: "GET", host: DOC_HOST, path: "/", query: [["lifecycle", ""]], headers: { "x-amz-content-sha256": EMPTY_PAYLOAD_SHA256 } },
      DOC_CREDS,
      { region: "us-east-1", date: DOC_DATE, payloadHash: EMPTY_PAYLOAD_SHA256 },
    );
    expect(lines(d.canonicalRequest)[2]).toBe("lifecycle=");
    expect(d.signature).toBe("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
  });

  it("GET bucket (list objects) ?max-keys=2&prefix=J", () => {
    const d = signRequestDetailed(
      { method: "GET", host: DOC_HOST, path: "/", query: [["prefix", "J"], ["max-keys", "2"]], headers: { "x-amz-content-sha256": EMPTY_PAYLOAD_SHA256 } },
      DOC_CREDS,
      { region: "us-east-1", date: DOC_DATE, payloadHash: EMPTY_PAYLOAD_SHA256 },
    );
    expect(lines(d.canonicalRequest)[2]).toBe("max-keys=2&prefix=J");
    expect(d.signature).toBe("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  });

  it("presigned GET object, expires 86400 (query form)", () => {
    const d = presignQueryDetailed({ method: "GET", host: DOC_HOST, path: "/test.txt", query: [], headers: {} }, DOC_CREDS, {
      region: "us-east-1",
      date: DOC_DATE,
      expiresSeconds: 86400,
    });
    expect(d.canonicalRequest).toBe(
      [
        "GET",
        "/test.txt",
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host",
        "host:examplebucket.s3.amazonaws.com",
        "",
        "host",
        "UNSIGNED-PAYLOAD",
      ].join("\n"),
    );
    expect(d.stringToSign).toBe(
      "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04",
    );
    expect(d.signature).toBe("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
    expect(canonicalQueryString(d.query)).toBe(
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404&X-Amz-SignedHeaders=host",
    );
  });
});

describe("presignQuery", () => {
  const preq = request({ headers: {}, query: [["versionId", "v 1"]] });
  const popts = { region: "eu-west-1", date, expiresSeconds: 900 };

  it("returns req.query then the X-Amz-* parameters in order, the signature last", () => {
    const q = presignQuery(preq, { ...creds, sessionToken: "tok" }, popts);
    expect(q.map(([k]) => k)).toEqual([
      "versionId",
      "X-Amz-Algorithm",
      "X-Amz-Credential",
      "X-Amz-Date",
      "X-Amz-Expires",
      "X-Amz-SignedHeaders",
      "X-Amz-Security-Token",
      "X-Amz-Signature",
    ]);
    expect(q[0]).toEqual(["versionId", "v 1"]);
    expect(Object.fromEntries(q)).toMatchObject({
      "X-Amz-Credential": "AKID/20240305/eu-west-1/s3/aws4_request",
      "X-Amz-Date": "20240305T060708Z",
      "X-Amz-Expires": "900",
      "X-Amz-SignedHeaders": "host",
      "X-Amz-Security-Token": "tok",
    });
  });

  it("the session token is part of the signed query", () => {
    const d = presignQueryDetailed(preq, { ...creds, sessionToken: "tok/1" }, popts);
    expect(lines(d.canonicalRequest)[2]).toContain("&X-Amz-Security-Token=tok%2F1&");
  });

  it("payload: UNSIGNED-PAYLOAD for s3, empty-payload hash for other services, or as given", () => {
    expect(lines(presignQueryDetailed(preq, creds, popts).canonicalRequest).at(-1)).toBe(UNSIGNED_PAYLOAD);
    expect(lines(presignQueryDetailed(preq, creds, { ...popts, service: "sts" }).canonicalRequest).at(-1)).toBe(EMPTY_PAYLOAD_SHA256);
    expect(lines(presignQueryDetailed(preq, creds, { ...popts, payloadHash: "abc" }).canonicalRequest).at(-1)).toBe("abc");
  });

  it("request headers other than host are signed", () => {
    const d = presignQueryDetailed(request({ headers: { "content-type": "image/png", "user-agent": "x" } }), creds, popts);
    expect(d.signedHeaders).toBe("content-type;host");
  });

  it.each([0, -1, 604801, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("guards expiresSeconds = %s with a RangeError", (expiresSeconds) => {
    expect(() => presignQuery(preq, creds, { ...popts, expiresSeconds })).toThrow(RangeError);
  });

  it("accepts the bounds 1 and 604800", () => {
    expect(() => presignQuery(preq, creds, { ...popts, expiresSeconds: 1 })).not.toThrow();
    expect(() => presignQuery(preq, creds, { ...popts, expiresSeconds: 604800 })).not.toThrow();
  });
});

describe("SigningKeyCache", () => {
  const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  it("derives the standard key (AWS docs: 20150830/us-east-1/iam)", () => {
    expect(deriveSigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "iam").toString("hex")).toBe(
      "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9",
    );
  });

  it("returns the same Buffer for the same secret/day/region/service", () => {
    const cache = new SigningKeyCache();
    const a = cache.key(secret, "20240305", "us-east-1", "s3");
    expect(cache.key(secret, "20240305", "us-east-1", "s3")).toBe(a);
    expect(a.equals(deriveSigningKey(secret, "20240305", "us-east-1", "s3"))).toBe(true);
  });

  it("a different Buffer for another day, region, service or secret", () => {
    const cache = new SigningKeyCache();
    const a = cache.key(secret, "20240305", "us-east-1", "s3");
    const others = [
      cache.key(secret, "20240306", "us-east-1", "s3"),
      cache.key(secret, "20240305", "eu-west-1", "s3"),
      cache.key(secret, "20240305", "us-east-1", "sts"),
      cache.key(`${secret}x`, "20240305", "us-east-1", "s3"),
    ];
    for (const o of others) {
      expect(o).not.toBe(a);
      expect(o.equals(a)).toBe(false);
    }
    // …and the first is still cached after the others.
    expect(cache.key(secret, "20240305", "us-east-1", "s3")).toBe(a);
  });

  it("is bounded: keeps the most recently used keys", () => {
    const cache = new SigningKeyCache(2);
    const d1 = cache.key(secret, "20240301", "r", "s3");
    const d2 = cache.key(secret, "20240302", "r", "s3");
    expect(cache.key(secret, "20240301", "r", "s3")).toBe(d1); // d1 now most recent
    cache.key(secret, "20240303", "r", "s3"); // evicts d2
    expect(cache.size).toBe(2);
    expect(cache.key(secret, "20240301", "r", "s3")).toBe(d1);
    const d2again = cache.key(secret, "20240302", "r", "s3");
    expect(d2again).not.toBe(d2);
    expect(d2again.equals(d2)).toBe(true);
    expect(cache.size).toBe(2);
    expect(() => new SigningKeyCache(0)).toThrow(RangeError);
  });

  it("never shows the secret or a key in inspect, JSON or String", () => {
    const cache = new SigningKeyCache();
    const key = cache.key(secret, "20240305", "us-east-1", "s3");
    const shown = [inspect(cache, { showHidden: true, depth: Infinity }), JSON.stringify(cache), String(cache), `${cache}`, JSON.stringify({ cache })];
    for (const s of shown) {
      expect(s).not.toContain(secret);
      expect(s).not.toContain("EXAMPLEKEY");
      expect(s).not.toContain(key.toString("hex"));
      expect(s).not.toContain(key.toString("base64"));
    }
    expect(JSON.stringify(cache)).toBe('{"size":1}');
    expect(inspect(cache)).toBe("[SigningKeyCache size=1]");
  });

  it("clear() empties it", () => {
    const cache = new SigningKeyCache();
    const a = cache.key(secret, "20240305", "us-east-1", "s3");
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.key(secret, "20240305", "us-east-1", "s3")).not.toBe(a);
  });
});
