import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, Minio, PostPolicy, S3, StaticProvider, VersioningConfig } from "../../lib/index.js";
import { sha256Hex, signRequest } from "../../lib/sign/sigv4.js";
import { startFaultProxy } from "../support/fault-proxy.js";
import { drain, plainClient, servers, tempBucket } from "./support.js";

// Presigned URLs are used with plain fetch: no SDK on the using side.
const s3 = plainClient();
const data = randomBytes(64 * 1024 + 3);
let t: Awaited<ReturnType<typeof tempBucket>>;
beforeAll(async () => {
  t = await tempBucket(s3, "presign");
  await t.bucket.object("dir/obj.bin").put(data);
});
afterAll(async () => {
  await t.cleanup();
  s3.close();
});

/** Temporary credentials from MinIO's STS (AssumeRole, signed with the root keys). */
async function assumeRole(): Promise<{ accessKey: string; secretKey: string; sessionToken: string }> {
  const s = servers().plain;
  const url = new URL(s.endpoint);
  const body = "Action=AssumeRole&Version=2011-06-15&DurationSeconds=900";
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", "x-amz-content-sha256": sha256Hex(body) };
  Object.assign(headers, signRequest({ method: "POST", host: url.host, path: "/", query: [], headers }, { accessKey: s.accessKey, secretKey: s.secretKey }, {
    region: s.region, service: "sts", date: new Date(), payloadHash: sha256Hex(body),
  }));
  const res = await fetch(s.endpoint + "/", { method: "POST", headers, body });
  const xml = await res.text();
  expect(res.status, xml).toBe(200);
  const field = (name: string) => new RegExp(`<${name}>([^<]+)</${name}>`).exec(xml)![1]!;
  return { accessKey: field("AccessKeyId"), secretKey: field("SecretAccessKey"), sessionToken: field("SessionToken") };
}

async function s3Code(res: Response): Promise<string> {
  return /<Code>([^<]+)<\/Code>/.exec(await res.text())?.[1] ?? `(status ${res.status})`;
}

describe("presigned URLs used with fetch against MinIO", () => {
  it("GET returns the object; the URL names the bucket, key and a 7-day expiry by default", async () => {
    const url = await t.bucket.object("dir/obj.bin").presign();
    const u = new URL(url);
    expect(u.origin).toBe(servers().plain.endpoint);
    expect(u.pathname).toBe(`/${t.name}/dir/obj.bin`);
    expect(u.searchParams.get("X-Amz-Expires")).toBe("604800");
    expect(u.searchParams.get("X-Amz-SignedHeaders")).toBe("host");
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
  });

  it("PUT uploads through the URL (facade presignedPutObject)", async () => {
    const minio = new Minio(servers().plain.endpoint, { accessKey: servers().plain.accessKey, secretKey: servers().plain.secretKey });
    const url = await minio.presignedPutObject(t.name, "up/ü ber+&=.txt", { expires: 120 });
    const res = await fetch(url, { method: "PUT", body: "uploaded via presigned PUT" });
    expect(res.status).toBe(200);
    expect((await drain(await t.bucket.object("up/ü ber+&=.txt").get())).toString()).toBe("uploaded via presigned PUT");
    minio.close();
  });

  it("a ranged GET through the URL answers 206 with those bytes", async () => {
    const url = await t.bucket.object("dir/obj.bin").presign({ expires: 60 });
    const res = await fetch(url, { headers: { range: "bytes=100-199" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 100-199/${data.length}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(data.subarray(100, 200))).toBe(true);
  });

  it("an expired URL is refused with 403", async () => {
    const url = await t.bucket.object("dir/obj.bin").presign({ expires: 1, requestDate: new Date(Date.now() - 5_000) });
    const res = await fetch(url);
    expect(res.status).toBe(403);
    expect(await s3Code(res)).toBe("AccessDenied");
  });

  it("a tampered URL is refused with 403 (other key, longer expiry, altered signature)", async () => {
    const url = new URL(await t.bucket.object("dir/obj.bin").presign({ expires: 60 }));
    const otherKey = new URL(url);
    otherKey.pathname = `/${t.name}/dir/other.bin`;
    const longer = new URL(url);
    longer.searchParams.set("X-Amz-Expires", "3600");
    const sig = new URL(url);
    const s = sig.searchParams.get("X-Amz-Signature")!;
    sig.searchParams.set("X-Amz-Signature", (s[0] === "0" ? "1" : "0") + s.slice(1));
    for (const u of [otherKey, longer, sig]) {
      const res = await fetch(u);
      expect(res.status).toBe(403);
      expect(await s3Code(res)).toBe("SignatureDoesNotMatch");
    }
  });

  it("response header overrides are signed in and honoured", async () => {
    const url = await t.bucket.object("dir/obj.bin").presign({
      responseHeaders: { "response-content-type": "text/x-quarry", "response-content-disposition": 'attachment; filename="q.bin"' },
    });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/x-quarry");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="q.bin"');
    await res.arrayBuffer();
  });

  it("a version id selects that version; DELETE and HEAD URLs work too", async () => {
    const v = await tempBucket(s3, "presign-ver");
    try {
      await v.bucket.versioning().set(new VersioningConfig(VersioningConfig.ENABLED));
      const first = await v.bucket.object("k").put("first");
      await v.bucket.object("k").put("second");
      const minio = new Minio(servers().plain.endpoint, { accessKey: servers().plain.accessKey, secretKey: servers().plain.secretKey });
      const old = await minio.presignedGetObject(v.name, "k", { versionId: first.versionId! });
      expect(await (await fetch(old)).text()).toBe("first");
      expect(await (await fetch(await v.bucket.object("k").presign())).text()).toBe("second");
      const head = await fetch(await minio.getPresignedUrl("HEAD", v.name, "k", { versionId: first.versionId! }), { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.headers.get("content-length")).toBe("5");
      const del = await fetch(await v.bucket.object("k").version(first.versionId!).presign({ method: "delete" }), { method: "DELETE" });
      expect(del.status).toBe(204);
      expect((await fetch(old)).status).toBe(404);
      minio.close();
    } finally {
      await v.cleanup();
    }
  });

  it("extra query params are signed in (a URL with them altered is refused)", async () => {
    const url = new URL(await t.bucket.object("dir/obj.bin").presign({ extraQueryParams: { "response-cache-control": "no-store" } }));
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    await ok.arrayBuffer();
    url.searchParams.set("response-cache-control", "max-age=1");
    expect((await fetch(url)).status).toBe(403);
  });

  it("the region is looked up once per bucket, and never with a fixed region", async () => {
    const s = servers().plain;
    const target = new URL(s.endpoint);
    const proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port) }, ["pass", "pass", "pass"]);
    const discovering = new S3({ endpoint: proxy.endpoint, accessKey: s.accessKey, secretKey: s.secretKey });
    const fixed = new S3({ endpoint: proxy.endpoint, accessKey: s.accessKey, secretKey: s.secretKey, region: s.region });
    try {
      await fixed.bucket(t.name).object("a").presign();
      expect(proxy.requests).toBe(0);
      const u1 = await discovering.bucket(t.name).object("dir/obj.bin").presign();
      await discovering.bucket(t.name).object("b").presign({ method: "PUT" });
      expect(proxy.requests).toBe(1); // the GetBucketLocation, once
      const res = await fetch(u1);
      expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
    } finally {
      discovering.close();
      fixed.close();
      await proxy.close();
    }
  });

  it("temporary credentials: the session token is signed into URLs and POST policies, and MinIO accepts both", async () => {
    const sts = await assumeRole();
    const temp = new S3({ endpoint: servers().plain.endpoint, credentials: new StaticProvider(sts.accessKey, sts.secretKey, sts.sessionToken) });
    try {
      const url = await temp.bucket(t.name).object("dir/obj.bin").presign({ expires: 60 });
      expect(new URL(url).searchParams.get("X-Amz-Security-Token")).toBe(sts.sessionToken);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
      const dropped = new URL(url);
      dropped.searchParams.delete("X-Amz-Security-Token");
      expect((await fetch(dropped)).status).toBe(403);

      const policy = new PostPolicy(t.name, new Date(Date.now() + 60_000));
      policy.addEqualsCondition("key", "sts/posted.txt");
      const signed = await temp.presignPost(policy);
      expect(signed.fields["x-amz-security-token"]).toBe(sts.sessionToken);
      const form = new FormData();
      for (const [k, v] of Object.entries(signed.fields)) form.append(k, v);
      form.append("key", "sts/posted.txt");
      form.append("file", new Blob(["via sts"]), "f");
      expect((await fetch(signed.url, { method: "POST", body: form })).status).toBe(204);
      expect((await drain(await t.bucket.object("sts/posted.txt").get())).toString()).toBe("via sts");
    } finally {
      temp.close();
    }
  });

  it("bad input and anonymous clients are refused before anything is sent", async () => {
    const o = t.bucket.object("x");
    for (const expires of [0, 604801, 1.5, -1, Number.NaN]) await expect(o.presign({ expires })).rejects.toThrow(InvalidArgumentError);
    await expect(o.presign({ method: "GE T" })).rejects.toThrow(InvalidArgumentError);
    await expect(o.presign({ requestDate: new Date("nope") })).rejects.toThrow(InvalidArgumentError);
    const anon = new S3({ endpoint: "http://127.0.0.1:1", region: "us-east-1" });
    await expect(anon.bucket("bkt").object("k").presign()).rejects.toThrow(InvalidArgumentError);
    await expect(anon.bucket("bkt").object("k").presign()).rejects.toThrow(/anonymous/);
    anon.close();
  });
});
