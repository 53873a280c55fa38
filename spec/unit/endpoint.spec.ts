import { describe, expect, it } from "vitest";
import { parseEndpoint } from "../../lib/exec/endpoint.js";
import { backoffDelay, isRetryable } from "../../lib/exec/retry.js";
import { NetworkError } from "../../lib/exec/transport.js";
import { InvalidArgumentError, S3Error, ServerError } from "../../lib/index.js";

describe("endpoint parsing", () => {
  it("URL with scheme and port", () => {
    expect(parseEndpoint("http://127.0.0.1:9000")).toMatchObject({ secure: false, hostname: "127.0.0.1", port: 9000, host: "127.0.0.1:9000", isAws: false, virtualHostDefault: false });
  });
  it("bare host is HTTPS unless secure is false; default ports are left out of Host", () => {
    expect(parseEndpoint("play.min.io")).toMatchObject({ secure: true, port: 443, host: "play.min.io" });
    expect(parseEndpoint("play.min.io", false)).toMatchObject({ secure: false, port: 80, host: "play.min.io" });
    expect(parseEndpoint("localhost:9000", false)).toMatchObject({ secure: false, port: 9000, host: "localhost:9000" });
  });
  it("IPv6 literal", () => {
    expect(parseEndpoint("http://[::1]:9000")).toMatchObject({ hostname: "::1", host: "[::1]:9000", virtualHostDefault: false });
  });
  it.each([
    ["s3.amazonaws.com", undefined],
    ["s3.eu-west-1.amazonaws.com", "eu-west-1"],
    ["s3-us-west-2.amazonaws.com", "us-west-2"],
    ["s3.dualstack.ap-south-1.amazonaws.com", "ap-south-1"],
    ["s3.cn-north-1.amazonaws.com.cn", "cn-north-1"],
    ["s3-accelerate.amazonaws.com", undefined],
    ["s3-external-1.amazonaws.com", undefined],
  ])("AWS endpoint %s → region %s", (host, region) => {
    const e = parseEndpoint(host);
    expect(e.isAws).toBe(true);
    expect(e.virtualHostDefault).toBe(true);
    expect(e.awsRegion).toBe(region);
  });
  it("refuses junk", () => {
    expect(() => parseEndpoint("http://")).toThrow(InvalidArgumentError);
    expect(() => parseEndpoint("http://u:p@host")).toThrow(/credentials/);
  });
});

describe("retry policy", () => {
  it("retries throttling, 5xx and network errors only", () => {
    expect(isRetryable(new S3Error({ code: "SlowDown", message: "", status: 503 }))).toBe(true);
    expect(isRetryable(new S3Error({ code: "InternalError", message: "", status: 500 }))).toBe(true);
    expect(isRetryable(new ServerError("x", 502))).toBe(true);
    expect(isRetryable(new NetworkError("reset", "ECONNRESET"))).toBe(true);
    expect(isRetryable(new S3Error({ code: "NoSuchKey", message: "", status: 404 }))).toBe(false);
    expect(isRetryable(new S3Error({ code: "AccessDenied", message: "", status: 403 }))).toBe(false);
    expect(isRetryable(new Error("x"))).toBe(false);
  });
  it("backoff is full-jitter exponential and capped", () => {
    expect(backoffDelay(0, { baseDelayMs: 100 }, () => 0.999)).toBe(99);
    expect(backoffDelay(3, { baseDelayMs: 100 }, () => 0.5)).toBe(400);
    expect(backoffDelay(20, { baseDelayMs: 100, maxDelayMs: 2000 }, () => 0.999)).toBe(1998);
    expect(backoffDelay(5, {}, () => 0)).toBe(0);
  });
});
