/**
 * Issue 11: bad input is refused before ANY request. Every row is a call with one bad input,
 * through the facade (Minio) or the fluent API; each must fail with InvalidArgumentError whose
 * message names the field, while a loopback listener the clients point at counts zero
 * connections and no node:http request starts in this process. The clients have credentials
 * and NO fixed region, so even the region lookup (GetBucketLocation) would be counted.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AbortIncompleteMultipartUpload, AndOperator, AssumeRoleProvider, CertificateIdentityProvider, ChainedProvider,
  ClientGrantsProvider, ComposeSource, CopySource, Expiration, Filter, IamAwsProvider, InvalidArgumentError,
  LdapIdentityProvider, LifecycleConfig, LifecycleRule, Minio, NotificationConfig, ObjectLockConfig, PostPolicy,
  PrefixFilterRule, QueueConfig, Retention, S3, SSEConfig, SseCustomerKey, SseKMS, SseRule, StaticProvider, Tags,
  Transition, VersioningConfig, WebIdentityProvider,
} from "../../lib/index.js";
import { countingListener, type CountingListener } from "../support/counting-listener.js";

let listener: CountingListener;
let s3: S3;
let minio: Minio;
let file: string;

beforeAll(async () => {
  listener = await countingListener();
  const opts = { accessKey: "AKIAEXAMPLE", secretKey: "secret-key-example", retry: { maxAttempts: 1 } };
  s3 = new S3({ endpoint: listener.endpoint, ...opts });
  minio = new Minio(listener.endpoint, opts);
  file = join(mkdtempSync(join(tmpdir(), "quarry-validate-")), "small.txt");
  writeFileSync(file, "hello");
});
afterAll(async () => {
  await listener.close();
});

const key32 = () => new SseCustomerKey(Buffer.alloc(32, 7));
const future = () => new Date(Date.now() + 86_400_000);
const past = () => new Date(Date.now() - 60_000);
const MiB = 1024 * 1024;
const jwt = async () => ({ accessToken: "token" });
const sts = () => listener.endpoint;
const ep = () => listener.endpoint;
const base = () => ({ endpoint: ep(), accessKey: "a", secretKey: "b" });

type Case = readonly [label: string, field: RegExp, call: () => unknown];

/** Client construction and options. */
const construction: Case[] = [
  ["S3: endpoint empty", /endpoint/, () => new S3({ endpoint: "" })],
  ["S3: endpoint not a string", /endpoint/, () => new S3({ endpoint: 9000 as unknown as string })],
  ["S3: endpoint scheme ftp", /endpoint scheme/, () => new S3({ endpoint: "ftp://127.0.0.1" })],
  ["S3: endpoint with a path", /endpoint/, () => new S3({ endpoint: `${ep()}/bucket` })],
  ["S3: endpoint port 0", /endpoint port/, () => new S3({ endpoint: "http://127.0.0.1:0" })],
  ["S3: endpoint port 70000", /endpoint.*port/, () => new S3({ endpoint: "http://127.0.0.1:70000" })],
  ["S3: endpoint port not numeric", /endpoint.*port/, () => new S3({ endpoint: "http://127.0.0.1:abc" })],
  ["S3: secure not a boolean", /secure/, () => new S3({ endpoint: "play.min.io", secure: "no" as unknown as boolean })],
  ["S3: region with a space", /region/, () => new S3({ ...base(), region: "us east" })],
  ["S3: accessKey without secretKey", /secretKey/, () => new S3({ endpoint: ep(), accessKey: "a" })],
  ["S3: keys and a provider", /credentials provider/, () => new S3({ ...base(), credentials: new StaticProvider("a", "b") })],
  ["S3: credentials not a provider", /credentials/, () => new S3({ endpoint: ep(), credentials: {} as unknown as StaticProvider })],
  ["S3: accessKey with a line break", /accessKey/, () => new S3({ ...base(), accessKey: "a\nb" })],
  ["S3: sessionToken not a string", /sessionToken/, () => new S3({ ...base(), sessionToken: 5 as unknown as string })],
  ["S3: pathStyle not a boolean", /pathStyle/, () => new S3({ ...base(), pathStyle: 1 as unknown as boolean })],
  ["S3: transport not an object", /transport/, () => new S3({ ...base(), transport: 5 as unknown as object })],
  ["S3: transport.timeoutMs negative", /transport\.timeoutMs/, () => new S3({ ...base(), transport: { timeoutMs: -1 } })],
  ["S3: transport.timeoutMs non-numeric", /transport\.timeoutMs/, () => new S3({ ...base(), transport: { timeoutMs: "5s" as unknown as number } })],
  ["S3: transport.timeoutMs NaN", /transport\.timeoutMs/, () => new S3({ ...base(), transport: { timeoutMs: Number.NaN } })],
  ["S3: transport.timeoutMs beyond timers", /transport\.timeoutMs/, () => new S3({ ...base(), transport: { timeoutMs: 2 ** 31 } })],
  ["S3: transport.connectTimeoutMs 0", /transport\.connectTimeoutMs/, () => new S3({ ...base(), transport: { connectTimeoutMs: 0 } })],
  ["S3: transport.maxSockets 0", /transport\.maxSockets/, () => new S3({ ...base(), transport: { maxSockets: 0 } })],
  ["S3: transport.maxSockets fractional", /transport\.maxSockets/, () => new S3({ ...base(), transport: { maxSockets: 1.5 } })],
  ["S3: transport.maxSockets Infinity", /transport\.maxSockets/, () => new S3({ ...base(), transport: { maxSockets: Number.POSITIVE_INFINITY } })],
  ["S3: transport.rejectUnauthorized a string", /transport\.rejectUnauthorized/, () => new S3({ ...base(), transport: { rejectUnauthorized: "false" as unknown as boolean } })],
  ["S3: transport.ca a number", /transport\.ca/, () => new S3({ ...base(), transport: { ca: 42 as unknown as string } })],
  ["S3: retry not an object", /retry/, () => new S3({ ...base(), retry: "often" as unknown as object })],
  ["S3: retry.maxAttempts 0", /retry\.maxAttempts/, () => new S3({ ...base(), retry: { maxAttempts: 0 } })],
  ["S3: retry.maxAttempts negative", /retry\.maxAttempts/, () => new S3({ ...base(), retry: { maxAttempts: -3 } })],
  ["S3: retry.baseDelayMs negative", /retry\.baseDelayMs/, () => new S3({ ...base(), retry: { baseDelayMs: -100 } })],
  ["S3: retry.maxDelayMs non-numeric", /retry\.maxDelayMs/, () => new S3({ ...base(), retry: { maxDelayMs: "1s" as unknown as number } })],
  ["S3: appInfo.name empty", /appInfo\.name/, () => new S3({ ...base(), appInfo: { name: "", version: "1" } })],
  ["S3: appInfo.version injects a header", /appInfo\.version/, () => new S3({ ...base(), appInfo: { name: "app", version: "1\r\nx-evil: 1" } })],
  ["Minio: endpoint empty", /endpoint/, () => new Minio("")],
  ["Minio: transport.timeoutMs negative", /transport\.timeoutMs/, () => new Minio(ep(), { transport: { timeoutMs: -5 } })],
  ["Minio: region bad", /region/, () => new Minio(ep(), { region: "eu/west" })],
  ["Minio: secure not a boolean", /secure/, () => new Minio("play.min.io", { secure: "yes" as unknown as boolean })],
];

/** Credentials providers' constructors (their STS endpoints point at the listener). */
const providers: Case[] = [
  ["StaticProvider: accessKey not a string", /accessKey/, () => new StaticProvider(1 as unknown as string, "b")],
  ["AssumeRoleProvider: empty accessKey", /accessKey/, () => new AssumeRoleProvider(sts(), "", "b")],
  ["AssumeRoleProvider: STS endpoint not a URL", /STS endpoint/, () => new AssumeRoleProvider("not a url", "a", "b")],
  ["AssumeRoleProvider: STS endpoint ftp", /STS endpoint/, () => new AssumeRoleProvider("ftp://127.0.0.1", "a", "b")],
  ["AssumeRoleProvider: durationSeconds too short", /durationSeconds/, () => new AssumeRoleProvider(sts(), "a", "b", { durationSeconds: 10 })],
  ["LdapIdentityProvider: empty password", /ldapPassword/, () => new LdapIdentityProvider(sts(), "user", "")],
  ["WebIdentityProvider: jwtProvider not a function", /jwtProvider/, () => new WebIdentityProvider("jwt" as unknown as typeof jwt, sts())],
  ["ClientGrantsProvider: STS endpoint not a URL", /STS endpoint/, () => new ClientGrantsProvider(jwt, "::")],
  ["CertificateIdentityProvider: no certFile", /certFile/, () => new CertificateIdentityProvider("https://127.0.0.1:1", {} as never)],
  ["IamAwsProvider: customEndpoint ftp", /customEndpoint/, () => new IamAwsProvider({ customEndpoint: "ftp://x" })],
  ["ChainedProvider: no providers", /providers/, () => new ChainedProvider([])],
];

/** Models and configurations. */
const models: Case[] = [
  ["SseCustomerKey: 31 bytes", /32 bytes/, () => new SseCustomerKey(Buffer.alloc(31))],
  ["SseKMS: empty key id", /key id/, () => new SseKMS("")],
  ["Tags: key too long", /tag key/, () => Tags.newObjectTags().set("k".repeat(129), "v")],
  ["Tags: eleventh object tag", /at most 10 object tags/, () => { const t = Tags.newObjectTags(); for (let i = 0; i < 11; i++) t.set(`k${i}`, "v"); }],
  ["VersioningConfig: unknown status", /versioning status/, () => new VersioningConfig("On" as never)],
  ["VersioningConfig: excludeFolders not a boolean", /excludeFolders/, () => new VersioningConfig("Enabled", { excludeFolders: "yes" as unknown as boolean })],
  ["ObjectLockConfig: unknown unit", /unit/, () => new ObjectLockConfig("GOVERNANCE", 1, "Weeks" as never)],
  ["ObjectLockConfig: mode without duration", /mode, duration and unit/, () => new ObjectLockConfig("GOVERNANCE", null, null)],
  ["Retention: unknown mode", /retention mode/, () => new Retention("LOOSE" as never, future())],
  ["Retention: invalid date", /retainUntilDate/, () => new Retention("GOVERNANCE", new Date(Number.NaN))],
  ["Expiration: days and date", /Expiration/, () => new Expiration({ days: 1, date: new Date("2030-01-01T00:00:00Z") })],
  ["Expiration: date not at midnight", /date/, () => new Expiration({ date: new Date("2030-01-01T12:00:00Z") })],
  ["Transition: no storageClass", /storageClass/, () => new Transition({ days: 1 } as never)],
  ["AbortIncompleteMultipartUpload: no days", /daysAfterInitiation/, () => new AbortIncompleteMultipartUpload({} as never)],
  ["LifecycleRule: bad status", /status/, () => new LifecycleRule("Maybe" as never, { ruleFilter: new Filter(), expiration: new Expiration({ days: 1 }) })],
  ["LifecycleConfig: no rules", /at least one rule/, () => new LifecycleConfig([])],
  ["Filter: two predicates without And", /only one of/, () => new Filter({ prefix: "a/", objectSizeLessThan: 5 })],
  ["AndOperator: one predicate", /AndOperator/, () => new AndOperator({ prefix: "a/" })],
  ["QueueConfig: ARN of another service", /ARN/, () => new QueueConfig("arn:aws:sns:us-east-1:1:t", ["s3:ObjectCreated:*"])],
  ["QueueConfig: no events", /events/, () => new QueueConfig("arn:minio:sqs::1:webhook", [])],
  ["NotificationConfig: queue list of strings", /queueConfigList/, () => new NotificationConfig({ queueConfigList: ["x"] as never })],
  ["PrefixFilterRule: value too long", /filter rule value/, () => new PrefixFilterRule("p".repeat(2000))],
  ["SseRule: KMS without key id", /KMS master key id/, () => SseRule.newSseKmsRule("")],
  ["SSEConfig: not a rule", /SseRule/, () => new SSEConfig("AES256" as never)],
  ["CopySource: negative offset", /offset/, () => new CopySource("abc", "k", { offset: -1 })],
  ["CopySource: zero length", /length/, () => new CopySource("abc", "k", { length: 0 })],
  ["CopySource: empty versionId", /versionId/, () => new CopySource("abc", "k", { versionId: "" })],
  ["CopySource: matchETag with a line break", /matchETag/, () => new CopySource("abc", "k", { matchETag: "a\nb" })],
  ["CopySource: modifiedSince invalid", /modifiedSince/, () => new CopySource("abc", "k", { modifiedSince: new Date("x") })],
  ["ComposeSource: bad bucket", /bucket name/, () => new ComposeSource("a", "k")],
  ["PostPolicy: bad bucket", /bucket name/, () => new PostPolicy("a_", future())],
  ["PostPolicy: invalid expiration", /expiration/, () => new PostPolicy("abc", new Date("nope"))],
  ["PostPolicy: negative content length", /lower limit/, () => new PostPolicy("abc", future()).addContentLengthRangeCondition(-1, 10)],
  ["PostPolicy: lower above upper", /lower limit/, () => new PostPolicy("abc", future()).addContentLengthRangeCondition(10, 1)],
  ["PostPolicy: equals on the signature field", /x-amz-signature/, () => new PostPolicy("abc", future()).addEqualsCondition("x-amz-signature", "x")],
];

/** The fluent API: BucketRef, ObjectRef, ObjectsQuery, ConfigRef, presign. */
const fluent: Case[] = [
  ["bucket: name too short", /bucket name/, () => s3.bucket("ab")],
  ["bucket: IP address", /bucket name/, () => s3.bucket("10.0.0.1")],
  ["bucket.create: strict rules", /bucket name/, () => s3.bucket("Legacy_Bucket").create()],
  ["bucket.create: bad region", /region/, () => s3.bucket("abc").create({ region: "us east" })],
  ["object: empty key", /object name/, () => s3.bucket("abc").object("")],
  ["object: key over 1024 bytes", /object name/, () => s3.bucket("abc").object("é".repeat(600))],
  ["object.version: empty id", /version/, () => s3.bucket("abc").object("k").version("")],
  ["objects.pageSize: 0", /1 to 1000/, () => s3.bucket("abc").objects().pageSize(0)],
  ["object.get: negative offset", /offset/, () => s3.bucket("abc").object("k").get({ offset: -1 })],
  ["object.get: zero length", /length/, () => s3.bucket("abc").object("k").get({ length: 0 })],
  ["object.get: header name with a space", /header name/, () => s3.bucket("abc").object("k").get({ requestHeaders: { "x bad": "1" } })],
  ["object.get: header name with a colon", /header name/, () => s3.bucket("abc").object("k").get({ requestHeaders: { "x-a:b": "1" } })],
  ["object.get: header value with CRLF", /header x-a/, () => s3.bucket("abc").object("k").get({ requestHeaders: { "x-a": "1\r\nx-b: 2" } })],
  ["object.get: SSE-C over HTTP", /SSE-C/, () => s3.bucket("abc").object("k").get({ ssec: key32() })],
  ["object.stat: SSE-C over HTTP", /SSE-C/, () => s3.bucket("abc").object("k").stat({ ssec: key32() })],
  ["object.stat: header name empty", /header name/, () => s3.bucket("abc").object("k").stat({ requestHeaders: { "": "1" } })],
  ["object.put: SSE-C over HTTP", /SSE-C/, () => s3.bucket("abc").object("k").put("data", { sse: key32() })],
  ["object.put: SSE-C over HTTP, multipart (unknown size)", /SSE-C/, () => s3.bucket("abc").object("k").put(Readable.from([Buffer.from("x")]), { sse: key32() })],
  ["object.put: size mismatch", /does not match/, () => s3.bucket("abc").object("k").put("abc", { size: 4 })],
  ["object.put: metadata key with a space", /metadata key/, () => s3.bucket("abc").object("k").put("x", { metadata: { "bad key": "1" } })],
  ["object.put: metadata value with CRLF", /metadata value/, () => s3.bucket("abc").object("k").put("x", { metadata: { a: "1\r\n" } })],
  ["object.put: contentType with CRLF", /contentType/, () => s3.bucket("abc").object("k").put("x", { contentType: "a\r\nb" })],
  ["object.put: retention in the past", /retainUntilDate/, () => s3.bucket("abc").object("k").put("x", { retention: new Retention("GOVERNANCE", past()) })],
  ["object.put: legalHold not a boolean", /legalHold/, () => s3.bucket("abc").object("k").put("x", { legalHold: "ON" as unknown as boolean })],
  ["object.upload: SSE-C over HTTP", /SSE-C/, () => s3.bucket("abc").object("k").upload(file, { sse: key32() })],
  ["object.download: SSE-C over HTTP", /SSE-C/, () => s3.bucket("abc").object("k").download(join(tmpdir(), "quarry-never-written"), { ssec: key32() })],
  ["object.copyFrom: not a CopySource", /CopySource/, () => s3.bucket("abc").object("k").copyFrom({ bucket: "x" } as never)],
  ["object.copyFrom: onto itself unchanged", /onto itself/, () => s3.bucket("abc").object("k").copyFrom(new CopySource("abc", "k"))],
  ["object.copyFrom: retention in the past", /retainUntilDate/, () => s3.bucket("abc").object("k").copyFrom(new CopySource("abc", "src"), { retention: new Retention("COMPLIANCE", past()) })],
  ["object.compose: no sources", /at least one source/, () => s3.bucket("abc").object("k").compose([])],
  ["object.compose: non-last source under 5 MiB by its range", /sources\[0\]\.length/, () => s3.bucket("abc").object("k").compose([new ComposeSource("abc", "a", { offset: 0, length: MiB }), new ComposeSource("abc", "b")])],
  ["object.compose: middle source under 5 MiB", /sources\[1\]\.length/, () => s3.bucket("abc").object("k").compose([new ComposeSource("abc", "a"), new ComposeSource("abc", "b", { length: 5 * MiB - 1 }), new ComposeSource("abc", "c")])],
  ["object.compose: SSE-C source over HTTP", /SSE-C/, () => s3.bucket("abc").object("k").compose([new ComposeSource("abc", "a", { ssec: key32() }), new ComposeSource("abc", "b")])],
  ["object.tags.set: 11 tags", /at most 10/, () => s3.bucket("abc").object("k").tags().set(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"])))],
  ["object.retention.set: date in the past", /retainUntilDate/, () => s3.bucket("abc").object("k").retention().set(new Retention("GOVERNANCE", past()))],
  ["object.retention.set: header name with a space", /header name/, () => s3.bucket("abc").object("k").retention().set(new Retention("GOVERNANCE", future()), { headers: { "x bypass": "true" } })],
  ["object.retention.delete: not deletable", /retention/, () => s3.bucket("abc").object("k").retention().delete()],
  ["object.presign: expires 0", /expires/, () => s3.bucket("abc").object("k").presign({ expires: 0 })],
  ["object.presign: expires beyond 7 days", /expires/, () => s3.bucket("abc").object("k").presign({ expires: 8 * 86_400 })],
  ["object.presign: extraQueryParams value not a string", /extraQueryParams/, () => s3.bucket("abc").object("k").presign({ extraQueryParams: { a: 5 as unknown as string } })],
  ["bucket.versioning.set: not a VersioningConfig", /VersioningConfig|versioning/, () => s3.bucket("abc").versioning().set("Enabled" as never)],
  ["bucket.lifecycle.set: not a LifecycleConfig", /LifecycleConfig|lifecycle/, () => s3.bucket("abc").lifecycle().set({} as never)],
  ["bucket.uploads.abort: empty uploadId", /uploadId/, () => s3.bucket("abc").uploads().abort("k", "")],
  ["s3.presignPost: no key condition", /key condition/, () => s3.presignPost(new PostPolicy("abc", future()))],
];

/** The facade (Minio). */
const facade: Case[] = [
  ["makeBucket: strict name", /bucket name/, () => minio.makeBucket("Bad_Name")],
  ["makeBucket: bad location", /region/, () => minio.makeBucket("abc", { location: "no where" })],
  ["bucketExists: name too short", /bucket name/, () => minio.bucketExists("a")],
  ["removeBucket: double dot", /bucket name/, () => minio.removeBucket("a..b")],
  ["listObjects: versions with metadata", /ListObjectsV2 only/, () => minio.listObjects("abc", { includeVersion: true, includeUserMeta: true })],
  ["putObject: empty key", /object name/, () => minio.putObject("abc", "", Buffer.from("x"), 1)],
  ["putObject: negative length", /length/, () => minio.putObject("abc", "k", Buffer.from("x"), -2)],
  ["putObject: SSE-C over HTTP", /SSE-C/, () => minio.putObject("abc", "k", Buffer.from("x"), 1, { sse: key32() })],
  ["putObject: retention in the past", /retainUntilDate/, () => minio.putObject("abc", "k", Buffer.from("x"), 1, { retention: new Retention("GOVERNANCE", past()) })],
  ["fputObject: SSE-C over HTTP", /SSE-C/, () => minio.fputObject("abc", "k", file, { sse: key32() })],
  ["getObject: negative offset", /offset/, () => minio.getObject("abc", "k", { offset: -5 })],
  ["getObject: SSE-C over HTTP", /SSE-C/, () => minio.getObject("abc", "k", { ssec: key32() })],
  ["getObject: bad header name", /header name/, () => minio.getObject("abc", "k", { requestHeaders: { "bad(name)": "1" } })],
  ["fgetObject: SSE-C over HTTP", /SSE-C/, () => minio.fgetObject("abc", "k", join(tmpdir(), "quarry-never-written-2"), { ssec: key32() })],
  ["statObject: SSE-C over HTTP", /SSE-C/, () => minio.statObject("abc", "k", { ssec: key32() })],
  ["statObject: bucket too short", /bucket name/, () => minio.statObject("ab", "k")],
  ["removeObject: empty versionId", /versionId/, () => minio.removeObject("abc", "k", { versionId: "" })],
  ["copyObject: SSE-C destination over HTTP", /SSE-C/, () => minio.copyObject("abc", "k", new CopySource("abc", "src"), { sse: key32() })],
  ["composeObject: first source 1 MiB by range", /sources\[0\]\.length/, () => minio.composeObject("abc", "k", [new ComposeSource("abc", "a", { length: MiB }), new ComposeSource("abc", "b")])],
  ["setObjectRetention: date in the past", /retainUntilDate/, () => minio.setObjectRetention("abc", "k", new Retention("GOVERNANCE", past()))],
  ["setObjectTags: empty key", /tag key/, () => minio.setObjectTags("abc", "k", { "": "v" })],
  ["setBucketTags: 51 tags", /at most 50/, () => minio.setBucketTags("abc", Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])))],
  ["presignedGetObject: negative expires", /expires/, () => minio.presignedGetObject("abc", "k", { expires: -1 })],
  ["presignedPutObject: fractional expires", /expires/, () => minio.presignedPutObject("abc", "k", { expires: 1.5 })],
  ["getPresignedUrl: unknown method", /method/, () => minio.getPresignedUrl("FETCH", "abc", "k")],
  ["presignedPostPolicy: no key condition", /key condition/, () => minio.presignedPostPolicy(new PostPolicy("abc", future()))],
];

const groups = { construction, providers, models, fluent, facade };
const total = Object.values(groups).reduce((n, g) => n + g.length, 0);

/** Runs a call, sync or async, and returns what it threw (or undefined). */
async function thrown(call: () => unknown): Promise<unknown> {
  try {
    const r = call();
    if (r instanceof Promise) await r;
    else if (r !== null && typeof r === "object" && "subscribe" in r) return "returned an Observable without throwing";
  } catch (err) {
    return err;
  }
  return undefined;
}

describe(`bad inputs are refused before any request (${total} cases)`, () => {
  it("has at least 80 cases", () => {
    expect(total).toBeGreaterThanOrEqual(80);
  });

  for (const [group, cases] of Object.entries(groups)) {
    describe(group, () => {
      it.each(cases)("%s", async (_label, field, call) => {
        const before = { connections: listener.connections(), requests: listener.requests() };
        const err = await thrown(call);
        expect(err).toBeInstanceOf(InvalidArgumentError);
        expect((err as Error).message).toMatch(field);
        await new Promise((r) => setTimeout(r, 5)); // let any connection attempt land
        expect({ connections: listener.connections(), requests: listener.requests() }).toEqual(before);
      });
    });
  }

  it("the listener does count: a valid call reaches it (the region lookup first)", async () => {
    const before = listener.connections();
    await expect(s3.bucket("abc").object("k").stat()).rejects.toThrow();
    expect(listener.connections()).toBeGreaterThan(before);
    expect(listener.requests()).toBeGreaterThan(0);
  });
});
