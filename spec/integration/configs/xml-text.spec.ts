/**
 * Text in request bodies arrives exactly as given (issue 11, found by the XML round-trip
 * properties): xmlbuilder2 leaves entity-looking `&…;` unescaped and parsers turn CR into LF,
 * so before literal() a lifecycle prefix `R&amp;D/` was stored by MinIO as `R&D/`. (MinIO refuses
 * `&`, `;` and CR in tag values, so tags cannot show it against the server.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Expiration, Filter, LifecycleConfig, LifecycleRule } from "../../../lib/index.js";
import { plainClient, tempBucket } from "../support.js";

const s3 = plainClient();
let t: Awaited<ReturnType<typeof tempBucket>>;
beforeAll(async () => {
  t = await tempBucket(s3, "xmltext");
});
afterAll(async () => {
  await t.cleanup();
  s3.close();
});

describe("entity-looking and CR text against MinIO", () => {
  it("a lifecycle filter prefix with &amp; comes back unchanged", async () => {
    const config = new LifecycleConfig([new LifecycleRule("Enabled", { ruleId: "r&amp;1", ruleFilter: new Filter({ prefix: "R&amp;D/" }), expiration: new Expiration({ days: 1 }) })]);
    await t.bucket.lifecycle().set(config);
    const back = await t.bucket.lifecycle().get();
    expect(back?.rules[0]?.ruleFilter.prefix).toBe("R&amp;D/");
    expect(back?.rules[0]?.ruleId).toBe("r&amp;1");
  });
});
