import { describe, expect, it } from "vitest";
import { InvalidArgumentError, InvalidResponseError, S3 } from "../../../lib/index.js";
import { VersioningConfig } from "../../../lib/model/versioning.js";
import { versioningCodec } from "../../../lib/xml/configs/versioning.js";

const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

describe("versioningCodec", () => {
  it("encodes Enabled with MinIO's excluded prefixes and folders, one <ExcludedPrefixes> per prefix", () => {
    const xml = versioningCodec.encode(new VersioningConfig(VersioningConfig.ENABLED, { excludedPrefixes: ["tmp/", "a&b/"], excludeFolders: true }));
    expect(xml).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><VersioningConfiguration ${NS}><Status>Enabled</Status>` +
        "<ExcludedPrefixes><Prefix>tmp/</Prefix></ExcludedPrefixes><ExcludedPrefixes><Prefix>a&amp;b/</Prefix></ExcludedPrefixes>" +
        "<ExcludeFolders>true</ExcludeFolders></VersioningConfiguration>",
    );
  });

  it("round trips model → XML → model", () => {
    for (const cfg of [
      new VersioningConfig(VersioningConfig.ENABLED),
      new VersioningConfig(VersioningConfig.SUSPENDED),
      new VersioningConfig("Enabled", { excludedPrefixes: ["x/", "y/"], excludeFolders: true }),
      new VersioningConfig("Suspended", { mfaDelete: "Disabled" }),
    ]) {
      expect(versioningCodec.decode(versioningCodec.encode(cfg))).toStrictEqual(cfg);
    }
  });

  it("decodes MinIO's and AWS's responses; no Status means Off", () => {
    const minio = versioningCodec.decode(
      `<?xml version="1.0" encoding="UTF-8"?>\n<VersioningConfiguration ${NS}><Status>Enabled</Status>` +
        "<ExcludedPrefixes><Prefix>tmp/</Prefix></ExcludedPrefixes><ExcludedPrefixes><Prefix>cache/</Prefix></ExcludedPrefixes>" +
        "<ExcludeFolders>true</ExcludeFolders></VersioningConfiguration>",
    );
    expect(minio).toMatchObject({ status: "Enabled", excludedPrefixes: ["tmp/", "cache/"], excludeFolders: true, mfaDelete: null });
    const never = versioningCodec.decode(`<?xml version="1.0" encoding="UTF-8"?>\n<VersioningConfiguration ${NS}></VersioningConfiguration>`);
    expect(never).toStrictEqual(new VersioningConfig(VersioningConfig.OFF));
    expect(never.status).toBe("Off");
    const aws = versioningCodec.decode(`<VersioningConfiguration ${NS}><Status>Suspended</Status><MfaDelete>Disabled</MfaDelete></VersioningConfiguration>`);
    expect(aws).toMatchObject({ status: "Suspended", mfaDelete: "Disabled", excludedPrefixes: [], excludeFolders: false });
    expect(versioningCodec.absent?.().status).toBe("Off");
  });

  it("refuses bad input before sending, and bad responses", () => {
    expect(() => versioningCodec.encode(new VersioningConfig(VersioningConfig.OFF))).toThrow(/SUSPENDED/);
    expect(() => versioningCodec.encode({ status: "Enabled" } as unknown as VersioningConfig)).toThrow(InvalidArgumentError);
    expect(() => new VersioningConfig("On" as "Enabled")).toThrow(InvalidArgumentError);
    expect(() => new VersioningConfig("Enabled", { excludedPrefixes: [""] })).toThrow(InvalidArgumentError);
    expect(() => new VersioningConfig("Enabled", { excludedPrefixes: "tmp/" as unknown as string[] })).toThrow(InvalidArgumentError);
    expect(() => new VersioningConfig("Enabled", { mfaDelete: "On" as "Enabled" })).toThrow(InvalidArgumentError);
    expect(() => versioningCodec.decode("<LifecycleConfiguration/>")).toThrow(InvalidResponseError);
    expect(() => versioningCodec.decode("<VersioningConfiguration><Status>Sideways</Status></VersioningConfiguration>")).toThrow(InvalidResponseError);
  });

  it("is immutable and cannot be deleted through ConfigRef", () => {
    const cfg = new VersioningConfig("Enabled", { excludedPrefixes: ["a/"] });
    expect(Object.isFrozen(cfg) && Object.isFrozen(cfg.excludedPrefixes)).toBe(true);
    const ref = new S3({ endpoint: "http://127.0.0.1:9" }).bucket("bkt").versioning();
    expect(ref.explain("set", cfg)).toMatchObject({ kind: "PutConfig", bucket: "bkt", config: "versioning", contentType: "application/xml" });
    expect(() => ref.explain("delete")).toThrow(/cannot be deleted/);
  });
});
