import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../lib/index.js";
import { AWS_ALIAS, formatAddress, parseAddress } from "../../lib/cli/address.js";
import { AliasResolver } from "../../lib/cli/aliases.js";
import { conditionsOf, globToRegExp } from "../../lib/cli/query-flags.js";
import { parseDuration, parseSize } from "../../lib/cli/units.js";
import type { ObjectInfo } from "../../lib/index.js";

const known = (name: string) => name === "play" || name === "local";

describe("CLI addresses", () => {
  it("reads mc aliases, s3:// URLs and local paths", () => {
    expect(parseAddress("play/photos/2024/a.jpg", known)).toEqual({ type: "remote", alias: "play", bucket: "photos", key: "2024/a.jpg" });
    expect(parseAddress("play", known)).toEqual({ type: "remote", alias: "play", bucket: "", key: "" });
    expect(parseAddress("play/photos", known)).toEqual({ type: "remote", alias: "play", bucket: "photos", key: "" });
    expect(parseAddress("s3://b/k/x", known)).toEqual({ type: "remote", alias: AWS_ALIAS, bucket: "b", key: "k/x" });
    expect(parseAddress("other/photos/a", known)).toEqual({ type: "local", path: "other/photos/a" });
    expect(parseAddress("./play/x", known)).toEqual({ type: "local", path: "./play/x" });
    expect(formatAddress(parseAddress("s3://b/k", known))).toBe("s3://b/k");
    expect(formatAddress(parseAddress("local/b/", known))).toBe("local/b");
  });

  it("MC_HOST_<alias> gives the endpoint and keys (URL-decoded, with a session token)", () => {
    const r = new AliasResolver({ env: { MC_HOST_m: "https://AK:S%2Fcret:TOK@minio.example:9000" }, configDir: "/nonexistent" });
    expect(r.has("m")).toBe(true);
    expect(r.has("n")).toBe(false);
    expect(r.options("m")).toEqual({ endpoint: "https://minio.example:9000", accessKey: "AK", secretKey: "S/cret", sessionToken: "TOK" });
  });

  it("a malformed MC_HOST_ value is named, never echoed", () => {
    const r = new AliasResolver({ env: { MC_HOST_m: "not a url with SECRETVALUE" }, configDir: "/nonexistent" });
    expect(() => r.options("m")).toThrow(/MC_HOST_m/);
    try { r.options("m"); } catch (e) { expect(String(e)).not.toContain("SECRETVALUE"); }
  });
});

describe("CLI units and find predicates", () => {
  it("parses sizes and durations", () => {
    expect(parseSize("64MiB")).toBe(64 * 1024 * 1024);
    expect(parseSize("10MB")).toBe(10_000_000);
    expect(parseSize("512")).toBe(512);
    expect(parseDuration("1d12h")).toBe(36 * 3600_000);
    expect(parseDuration("45s")).toBe(45_000);
    expect(() => parseSize("-1")).toThrow(InvalidArgumentError);
    expect(() => parseDuration("soon")).toThrow(InvalidArgumentError);
  });

  it("globs: * stays in one level, ** crosses levels", () => {
    expect(globToRegExp("2024/*/app-*.log").test("2024/05/app-1.log")).toBe(true);
    expect(globToRegExp("2024/*/app-*.log").test("2024/05/x/app-1.log")).toBe(false);
    expect(globToRegExp("2024/**/app-*.log").test("2024/05/x/app-1.log")).toBe(true);
    expect(globToRegExp("2024/**/app-*.log").test("2024/app-1.log")).toBe(true);
    expect(globToRegExp("img-[0-9].png").test("img-7.png")).toBe(true);
    expect(globToRegExp("a.b").test("axb")).toBe(false);
  });

  it("predicates are strict on size, count depth from the prefix, and match metadata bare and case-insensitively", () => {
    const o = (objectName: string, size: number, extra: Partial<ObjectInfo> = {}): ObjectInfo => ({ bucketName: "b", objectName, size, isDir: false, isDeleteMarker: false, lastModified: new Date(), ...extra });
    const test = (flags: Parameters<typeof conditionsOf>[0], x: ObjectInfo, rel = x.objectName) => conditionsOf(flags).every((c) => c.test(x, rel));
    expect(test({ larger: "100" }, o("k", 100))).toBe(false);
    expect(test({ larger: "100" }, o("k", 101))).toBe(true);
    expect(test({ maxdepth: 1 }, o("a", 1))).toBe(true);
    expect(test({ maxdepth: 1 }, o("a/b", 1))).toBe(false);
    expect(test({ maxdepth: 2 }, o("a/b", 1))).toBe(true);
    expect(test({ metadata: ["Camera=nikon"] }, o("k", 1, { metadata: { "X-Amz-Meta-Camera": "nikon" } }))).toBe(true);
    expect(test({ newerThan: "1h" }, o("k", 1, { lastModified: new Date(Date.now() - 2 * 3600_000) }))).toBe(false);
    expect(() => conditionsOf({ tags: ["novalue"] })).toThrow(InvalidArgumentError);
  });
});
