import { beforeAll, describe, expect, it } from "vitest";
import { PostPolicy, S3 } from "../../lib/index.js";
import { planPresignPost } from "../../lib/builders/presign-plan.js";
import { signPostPolicy } from "../../lib/sign/post-policy.js";
import { runSeed, seedPython } from "../support/python-seed.js";

// Cross-check with the seed system: for the same inputs and a fixed date, Quarry's presigned
// URL (path, parameters, signature) and POST form fields equal the MinIO Python SDK 7.2.20's.
// No server: the region is fixed on both sides, so neither sends a request.

const ACCESS = "Q3AM3UQ867SPQQA43P2F";
const SECRET = "zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG";
const DATE = new Date("2026-03-14T15:09:26.000Z");

interface UrlCase {
  readonly name: string;
  readonly endpoint: string; // host[:port]
  readonly secure: boolean;
  readonly region: string;
  readonly sessionToken?: string;
  readonly virtualStyle?: boolean;
  readonly method: string;
  readonly bucket: string;
  readonly key: string;
  readonly expires: number;
  readonly responseHeaders?: Record<string, string>;
  readonly versionId?: string;
  readonly extraQueryParams?: Record<string, string>;
}

const base = { endpoint: "127.0.0.1:9000", secure: false, region: "us-east-1", method: "GET", bucket: "my-bucket", key: "dir/file.txt", expires: 3600 };
const cases: UrlCase[] = [
  {
    ...base, name: "GET with response headers and a version id",
    responseHeaders: { "response-content-type": "application/json; charset=utf-8", "response-content-disposition": 'attachment; filename="ä b.json"' },
    versionId: "3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo",
  },
  { ...base, name: "PUT, 7 days", method: "PUT", expires: 604800 },
  { ...base, name: "DELETE, 1 second", method: "DELETE", expires: 1 },
  { ...base, name: "extra query params", extraQueryParams: { "x-id": "GetObject", "custom param": "a/b=c&d", empty: "" } },
  { ...base, name: "session token", sessionToken: "FwoGZXIvYXdzEBYaDH+/token/with=chars", region: "eu-central-1" },
  { ...base, name: "virtual host on a MinIO endpoint", endpoint: "localhost:9000", virtualStyle: true },
  { ...base, name: "AWS endpoint, virtual host, regional host", endpoint: "s3.amazonaws.com", secure: true, region: "eu-west-1", bucket: "quarry-bucket" },
  // (In us-east-1 the seed addresses `s3.us-east-1.amazonaws.com` where Quarry's executor keeps
  // `s3.amazonaws.com` — both serve that region; the signature then differs by the host alone.)
  { ...base, name: "AWS endpoint, dotted bucket over TLS goes path style", endpoint: "s3.amazonaws.com", secure: true, region: "eu-west-1", bucket: "my.dotted.bucket" },
  { ...base, name: "HTTPS on the default port", endpoint: "minio.example.com", secure: true, region: "ap-south-1" },
  { ...base, name: "non-ASCII key", key: "photos/日本語/été ñ 😀.jpg" },
  { ...base, name: "special characters in the key", key: "a b/+plus&amp=eq?q#h%25 !*'()[]{}$,;:@~^`|\\\"<>.txt" },
];

/** Path, sorted raw query pairs (not decoded: encoding differences must show) and host of a URL. */
function parts(url: string) {
  const [head, query = ""] = url.split("?") as [string, string?];
  const m = /^(https?):\/\/([^/]+)(\/.*)$/.exec(head)!;
  return { scheme: m[1], host: m[2], path: m[3], query: query.split("&").sort() };
}

beforeAll(async () => {
  await seedPython((line) => console.log(`[python-seed] ${line}`));
}, 600_000);

describe("presigned URLs equal the MinIO Python SDK's", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const s3 = new S3({
        endpoint: `${c.secure ? "https" : "http"}://${c.endpoint}`, accessKey: ACCESS, secretKey: SECRET, region: c.region,
        ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}), ...(c.virtualStyle ? { pathStyle: false } : {}),
      });
      const ours = await s3.bucket(c.bucket).object(c.key).presign({
        method: c.method, expires: c.expires, requestDate: DATE,
        ...(c.responseHeaders ? { responseHeaders: c.responseHeaders } : {}),
        ...(c.versionId ? { versionId: c.versionId } : {}),
        ...(c.extraQueryParams ? { extraQueryParams: c.extraQueryParams } : {}),
      });
      s3.close();
      const seed = await runSeed<{ url: string }>({ op: "url", ...c, accessKey: ACCESS, secretKey: SECRET, requestDate: DATE.toISOString() });
      const [a, b] = [parts(ours), parts(seed.url)];
      expect(a).toEqual(b);
      expect(a.query.find((p) => p.startsWith("X-Amz-Signature="))).toMatch(/^X-Amz-Signature=[0-9a-f]{64}$/);
    });
  }
});

describe("POST policy form fields equal the MinIO Python SDK's", () => {
  const postCases = [
    { name: "every kind of condition", sessionToken: undefined },
    { name: "with a session token", sessionToken: "FwoGZXIvYXdzEBYaDH+/token" },
  ];
  for (const pc of postCases) {
    it(pc.name, async () => {
      const expiration = new Date("2026-03-21T00:00:00.123Z");
      const equals: Array<[string, string]> = [["key", "uploads/ü-ñ.txt"], ["Content-Type", "text/plain"], ["success_action_status", "201"], ["x-amz-meta-owner", "Zoë"]];
      const startsWith: Array<[string, string]> = [["x-amz-meta-team", "data-"], ["$Cache-Control", ""]];
      const policy = new PostPolicy("my-bucket", expiration);
      for (const [k, v] of equals) policy.addEqualsCondition(k, v);
      for (const [k, v] of startsWith) policy.addStartsWithCondition(k, v);
      policy.addContentLengthRangeCondition(1, 10 * 1024 * 1024);
      const creds = { accessKey: ACCESS, secretKey: SECRET, ...(pc.sessionToken ? { sessionToken: pc.sessionToken } : {}) };
      const ours = signPostPolicy(planPresignPost(policy), creds, { region: "us-west-2", date: DATE });
      const seed = await runSeed<{ fields: Record<string, string> }>({
        op: "post", endpoint: "127.0.0.1:9000", secure: false, region: "us-west-2", accessKey: ACCESS, secretKey: SECRET,
        ...(pc.sessionToken ? { sessionToken: pc.sessionToken } : {}),
        bucket: "my-bucket", expiration: expiration.toISOString(), date: DATE.toISOString(), equals, startsWith, range: [1, 10 * 1024 * 1024],
      });
      expect(ours).toEqual(seed.fields);
      expect(Object.keys(ours)).toContain("x-amz-signature");
    });
  }
});
