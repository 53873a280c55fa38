import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Minio, PostPolicy, type PresignedPost } from "../../lib/index.js";
import { drain, plainClient, servers, tempBucket } from "./support.js";

// Browser-style uploads: a multipart/form-data POST built with fetch's FormData, no SDK.
const s3 = plainClient();
let t: Awaited<ReturnType<typeof tempBucket>>;
beforeAll(async () => {
  t = await tempBucket(s3, "postpol");
});
afterAll(async () => {
  await t.cleanup();
  s3.close();
});

const inAnHour = () => new Date(Date.now() + 3600_000);

/** POSTs the signed fields, then `form` (in order), then the file. */
async function post(signed: PresignedPost, form: Record<string, string>, file: string | Buffer, fileType = "application/octet-stream"): Promise<Response> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(signed.fields)) fd.append(k, v);
  for (const [k, v] of Object.entries(form)) fd.append(k, v);
  fd.append("file", new Blob([file], { type: fileType }), "upload.bin");
  return fetch(signed.url, { method: "POST", body: fd });
}

/** A policy with one condition of each kind. */
function fullPolicy(key: string): PostPolicy {
  const p = new PostPolicy(t.name, inAnHour());
  p.addEqualsCondition("key", key);
  p.addEqualsCondition("Content-Type", "text/plain");
  p.addContentLengthRangeCondition(5, 100);
  p.addEqualsCondition("success_action_status", "201");
  p.addEqualsCondition("x-amz-meta-owner", "quarry");
  p.addStartsWithCondition("x-amz-meta-team", "data-");
  return p;
}

const goodForm = (key: string) => ({ key, "Content-Type": "text/plain", success_action_status: "201", "x-amz-meta-owner": "quarry", "x-amz-meta-team": "data-eng" });

describe("POST policies against MinIO", () => {
  it("an upload meeting every condition lands, with the status asked for", async () => {
    const signed = await s3.presignPost(fullPolicy("posted/a.txt"));
    expect(signed.url).toBe(`${servers().plain.endpoint}/${t.name}`);
    expect(Object.keys(signed.fields).sort()).toEqual(["policy", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature"]);
    const doc = JSON.parse(Buffer.from(signed.fields.policy!, "base64").toString("utf8")) as { conditions: unknown[] };
    expect(doc.conditions[0]).toEqual(["eq", "$bucket", t.name]);
    const res = await post(signed, goodForm("posted/a.txt"), "hello post policy");
    expect(res.status).toBe(201);
    expect(await res.text()).toContain("<Key>posted/a.txt</Key>");
    const info = await t.bucket.object("posted/a.txt").stat();
    expect(info.contentType).toBe("text/plain");
    expect(info.metadata?.["x-amz-meta-owner"]).toBe("quarry");
    expect((await drain(await t.bucket.object("posted/a.txt").get())).toString()).toBe("hello post policy");
  });

  it("starts-with on the key admits any key under the prefix (facade presignedPostPolicy); default status 204", async () => {
    const p = new PostPolicy(t.name, inAnHour());
    p.addStartsWithCondition("$key", "user/42/");
    const minio = new Minio(servers().plain.endpoint, { accessKey: servers().plain.accessKey, secretKey: servers().plain.secretKey });
    const signed = await minio.presignedPostPolicy(p);
    const res = await post(signed, { key: "user/42/photo.jpg" }, Buffer.from([1, 2, 3]));
    expect(res.status).toBe(204);
    expect((await t.bucket.object("user/42/photo.jpg").stat()).size).toBe(3);
    expect((await post(signed, { key: "user/43/photo.jpg" }, "x")).status).toBe(403);
    minio.close();
  });

  // One form per kind of condition, each breaking only that condition.
  const violations: Array<[string, Record<string, string>, string, number, string]> = [
    ["key (equals)", { key: "posted/other.txt" }, "hello!", 403, "AccessDenied"],
    ["content type", { "Content-Type": "text/html" }, "hello!", 403, "AccessDenied"],
    ["content length too large", {}, "x".repeat(101), 400, "EntityTooLarge"],
    ["content length too small", {}, "abc", 400, "EntityTooSmall"],
    ["success action status", { success_action_status: "200" }, "hello!", 403, "AccessDenied"],
    ["x-amz-meta equals", { "x-amz-meta-owner": "mallory" }, "hello!", 403, "AccessDenied"],
    ["x-amz-meta starts-with", { "x-amz-meta-team": "ops" }, "hello!", 403, "AccessDenied"],
  ];
  for (const [what, change, body, status, code] of violations) {
    it(`a POST violating the ${what} condition is rejected and stores nothing`, async () => {
      const key = `violations/${what.replace(/\W+/g, "-")}.txt`;
      const signed = await s3.presignPost(fullPolicy(key));
      const res = await post(signed, { ...goodForm(key), ...change }, body, "text/plain");
      expect(res.status).toBe(status);
      expect(/<Code>([^<]+)<\/Code>/.exec(await res.text())?.[1]).toBe(code);
      const stored = change.key ?? key;
      await expect(t.bucket.object(stored).stat()).rejects.toMatchObject({ status: 404 });
    });
  }

  it("a POST after the policy expired is rejected", async () => {
    const p = new PostPolicy(t.name, new Date(Date.now() - 1000));
    p.addEqualsCondition("key", "late.txt");
    const res = await post(await s3.presignPost(p), { key: "late.txt" }, "late");
    expect(res.status).toBe(403);
    await expect(t.bucket.object("late.txt").stat()).rejects.toMatchObject({ status: 404 });
  });

  it("a tampered policy (signature kept) is rejected", async () => {
    const signed = await s3.presignPost(fullPolicy("posted/t.txt"));
    const doc = JSON.parse(Buffer.from(signed.fields.policy!, "base64").toString("utf8")) as { conditions: unknown[][] };
    doc.conditions = doc.conditions.filter((c) => c[0] !== "content-length-range");
    const forged = { ...signed, fields: { ...signed.fields, policy: Buffer.from(JSON.stringify(doc)).toString("base64") } };
    const res = await post(forged, goodForm("posted/t.txt"), "x".repeat(500), "text/plain");
    expect(res.status).toBe(403);
  });
});
