import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../lib/index.js";
import { AWS_ALIAS, formatAddress, parseAddress } from "../../lib/cli/address.js";
import { AliasResolver } from "../../lib/cli/aliases.js";
import { findQuery } from "../../lib/cli/query-flags.js";
import { S3 } from "../../lib/index.js";
import { parseDuration, parseSize } from "../../lib/cli/units.js";

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

  it("find's flags become planner predicates: pushed down where the planner can, refused before anything is sent", () => {
    const bucket = new S3({ endpoint: "http://127.0.0.1:9", accessKey: "a", secretKey: "b", region: "us-east-1" }).bucket("bkt");
    const plan = (flags: Parameters<typeof findQuery>[2], prefix = "") => findQuery(bucket, prefix, flags).query.explain();
    expect(plan({ path: "2024/*/app-*.log" }).scans[0]).toMatchObject({ prefix: "2024/" });
    expect(plan({ name: ["*.jpg"], larger: "100" }, "docs/").client.map((c) => c.predicate)).toEqual([
      { kind: "Name", pattern: "*.jpg" }, { kind: "Size", op: "larger", bytes: 100 },
    ]);
    expect(plan({ name: ["*.jpg", "*.png"] }).client).toHaveLength(1);
    expect(plan({ tags: ["team=a"], metadata: ["Camera=nikon"] }).scans[0]).toMatchObject({ includeUserMeta: true });
    expect(() => plan({ tags: ["novalue"] })).toThrow(InvalidArgumentError);
    expect(() => plan({ regex: "(" })).toThrow(InvalidArgumentError);
    expect(() => plan({ maxdepth: 0 })).toThrow(InvalidArgumentError);
    expect(() => plan({ larger: "-1" })).toThrow(InvalidArgumentError);
  });
});
