import { describe, expect, it } from "vitest";
import { InvalidArgumentError, S3 } from "../../lib/index.js";
import { partRanges } from "../../lib/plan/parallel-get.js";
import { countingListener } from "../support/counting-listener.js";

const MiB = 1024 * 1024;

describe("parallel GET planning", () => {
  const s3 = new S3({ endpoint: "http://127.0.0.1:9", accessKey: "k", secretKey: "s", region: "us-east-1" });
  const o = s3.bucket("bkt").object("k");

  it("explain shows parallel and partSize (default 8 MiB) on GetObject and DownloadObject", () => {
    expect(o.explain("get", { parallel: 8 })).toMatchObject({ kind: "GetObject", parallel: 8, partSize: 8 * MiB });
    expect(o.explain("get", { parallel: 4, partSize: 2 * MiB, offset: 5, length: 10 })).toMatchObject({ parallel: 4, partSize: 2 * MiB, range: { offset: 5, length: 10 } });
    expect(o.explain("download", "/tmp/x", { parallel: 16, partSize: 3 * MiB })).toMatchObject({ kind: "DownloadObject", parallel: 16, partSize: 3 * MiB });
    const plain = o.explain("get");
    expect("parallel" in plain || "partSize" in plain).toBe(false);
    expect(JSON.parse(JSON.stringify(o.explain("get", { parallel: 2 })))).toMatchObject({ parallel: 2 });
  });

  it.each([
    [{ parallel: 0 }], [{ parallel: 65 }], [{ parallel: 1.5 }], [{ parallel: "8" as unknown as number }],
    [{ parallel: 4, partSize: MiB - 1 }], [{ parallel: 4, partSize: 5 * 1024 ** 3 + 1 }], [{ partSize: 2 * MiB + 0.5 }],
  ])("refuses %j before any request", async (opts) => {
    expect(() => o.explain("get", opts)).toThrow(InvalidArgumentError);
    expect(() => o.explain("download", "/tmp/x", opts)).toThrow(InvalidArgumentError);
    const listener = await countingListener();
    try {
      const c = new S3({ endpoint: listener.endpoint, accessKey: "k", secretKey: "s", region: "us-east-1" });
      await expect(c.bucket("bkt").object("k").get(opts)).rejects.toThrow(InvalidArgumentError);
      await expect(c.bucket("bkt").object("k").download("/tmp/quarry-never", opts)).rejects.toThrow(InvalidArgumentError);
      expect(listener.connections()).toBe(0);
    } finally {
      await listener.close();
    }
  });

  it("partRanges covers start..end exactly, the last part shorter", () => {
    expect(partRanges(0, 9, 4)).toEqual([{ start: 0, end: 3 }, { start: 4, end: 7 }, { start: 8, end: 9 }]);
    expect(partRanges(3, 6, 4)).toEqual([{ start: 3, end: 6 }]);
    expect(partRanges(0, 7, 4)).toEqual([{ start: 0, end: 3 }, { start: 4, end: 7 }]);
    const parts = partRanges(1_000_003, 1_000_003 + 48 * MiB - 1, 7 * MiB + 3);
    expect(parts).toHaveLength(7);
    for (let i = 1; i < parts.length; i++) expect(parts[i]!.start).toBe(parts[i - 1]!.end + 1);
    expect(parts.at(-1)!.end).toBe(1_000_003 + 48 * MiB - 1);
  });
});
