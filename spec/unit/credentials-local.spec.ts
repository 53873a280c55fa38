import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  AWSConfigProvider, ChainedProvider, CredentialsError, CredentialsValue, EnvAWSProvider, EnvMinioProvider,
  MinioClientConfigProvider, RefreshingProvider, StaticProvider, type Credentials, type CredentialsProvider,
} from "../../lib/index.js";
import { signRequest } from "../../lib/sign/index.js";

const ENV_VARS = [
  "AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY", "AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
  "AWS_SHARED_CREDENTIALS_FILE", "MINIO_ACCESS_KEY", "MINIO_SECRET_KEY", "MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD", "MINIO_ALIAS",
];
const saved = Object.fromEntries(ENV_VARS.map((k) => [k, process.env[k]]));
function setEnv(vars: Record<string, string | undefined>) {
  for (const k of ENV_VARS) delete process.env[k];
  for (const [k, v] of Object.entries(vars)) if (v !== undefined) process.env[k] = v;
}
afterEach(() => {
  setEnv(saved);
  vi.useRealTimers();
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "quarry-creds-"));
});

async function rejection(p: Promise<unknown>): Promise<CredentialsError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(CredentialsError);
  return err as CredentialsError;
}

describe("EnvAWSProvider / EnvMinioProvider", () => {
  it("read the AWS variables, including the session token", async () => {
    setEnv({ AWS_ACCESS_KEY_ID: "AKENV", AWS_SECRET_ACCESS_KEY: "env-secret", AWS_SESSION_TOKEN: "env-token" });
    const c = await new EnvAWSProvider().retrieve();
    expect([c.accessKey, c.secretKey, c.sessionToken, c.expiration]).toEqual(["AKENV", "env-secret", "env-token", undefined]);
  });

  it("fall back to AWS_ACCESS_KEY / AWS_SECRET_KEY", async () => {
    setEnv({ AWS_ACCESS_KEY: "AKOLD", AWS_SECRET_KEY: "old-secret" });
    const c = await new EnvAWSProvider().retrieve();
    expect([c.accessKey, c.secretKey, c.sessionToken]).toEqual(["AKOLD", "old-secret", undefined]);
  });

  it("read MINIO_ACCESS_KEY / MINIO_SECRET_KEY, else MINIO_ROOT_USER / MINIO_ROOT_PASSWORD", async () => {
    setEnv({ MINIO_ACCESS_KEY: "mk", MINIO_SECRET_KEY: "ms" });
    expect((await new EnvMinioProvider().retrieve()).secretKey).toBe("ms");
    setEnv({ MINIO_ROOT_USER: "root", MINIO_ROOT_PASSWORD: "rootpw" });
    const c = await new EnvMinioProvider().retrieve();
    expect([c.accessKey, c.secretKey]).toEqual(["root", "rootpw"]);
  });

  it("missing variables are a CredentialsError naming the variables and the provider", async () => {
    setEnv({ AWS_ACCESS_KEY_ID: "only-the-key" });
    const err = await rejection(new EnvAWSProvider().retrieve());
    expect(err).toMatchObject({ provider: "EnvAWSProvider", code: "NotFound" });
    expect(err.message).toContain("AWS_SECRET_ACCESS_KEY");
    const err2 = await rejection(new EnvMinioProvider().retrieve());
    expect(err2.message).toMatch(/^EnvMinioProvider: MINIO_ACCESS_KEY/);
  });
});

describe("AWSConfigProvider", () => {
  const file = () => join(dir, "credentials");
  beforeAll(async () => {
    await writeFile(join(dir, "credentials"), [
      "# comment", "[default]", "aws_access_key_id = AKDEFAULT", "aws_secret_access_key=default-secret", "",
      "; another comment", "[profile dev]", "aws_access_key_id = AKDEV", "aws_secret_access_key = dev-secret",
      "aws_session_token = dev-token", "s3 =", "  max_concurrent_requests = 20", "", "[broken]", "aws_access_key_id = AKBROKEN", "",
    ].join("\n"));
  });

  it("reads the default profile, and a named one in the [profile name] form with its session token", async () => {
    const d = await new AWSConfigProvider({ filename: file() }).retrieve();
    expect([d.accessKey, d.secretKey, d.sessionToken]).toEqual(["AKDEFAULT", "default-secret", undefined]);
    const dev = await new AWSConfigProvider({ filename: file(), profile: "dev" }).retrieve();
    expect([dev.accessKey, dev.secretKey, dev.sessionToken]).toEqual(["AKDEV", "dev-secret", "dev-token"]);
  });

  it("defaults to $AWS_SHARED_CREDENTIALS_FILE and $AWS_PROFILE", async () => {
    setEnv({ AWS_SHARED_CREDENTIALS_FILE: file(), AWS_PROFILE: "dev" });
    const p = new AWSConfigProvider();
    expect([p.filename, p.profile]).toEqual([file(), "dev"]);
    expect((await p.retrieve()).accessKey).toBe("AKDEV");
  });

  it("a missing profile, an incomplete one or a missing file is a typed error", async () => {
    expect(await rejection(new AWSConfigProvider({ filename: file(), profile: "nope" }).retrieve())).toMatchObject({ code: "NotFound", provider: "AWSConfigProvider" });
    const broken = await rejection(new AWSConfigProvider({ filename: file(), profile: "broken" }).retrieve());
    expect(broken.message).toContain("aws_secret_access_key");
    const missing = await rejection(new AWSConfigProvider({ filename: join(dir, "absent") }).retrieve());
    expect(missing).toMatchObject({ code: "NotFound" });
    expect(missing.message).toContain(join(dir, "absent"));
  });
});

describe("MinioClientConfigProvider", () => {
  it("reads an alias from aliases (and from the older hosts key); defaults to $MINIO_ALIAS, else s3", async () => {
    const f = join(dir, "mc.json");
    await writeFile(f, JSON.stringify({ version: "10", aliases: { s3: { url: "https://s3.amazonaws.com", accessKey: "AKS3", secretKey: "s3-secret", api: "S3v4" }, local: { url: "http://127.0.0.1:9000", accessKey: "AKLOCAL", secretKey: "local-secret" } } }));
    expect((await new MinioClientConfigProvider({ filename: f }).retrieve()).accessKey).toBe("AKS3");
    expect((await new MinioClientConfigProvider({ filename: f, alias: "local" }).retrieve()).secretKey).toBe("local-secret");
    setEnv({ MINIO_ALIAS: "local" });
    expect((await new MinioClientConfigProvider({ filename: f }).retrieve()).accessKey).toBe("AKLOCAL");
    const old = join(dir, "mc-old.json");
    await writeFile(old, JSON.stringify({ version: "9", hosts: { play: { accessKey: "AKPLAY", secretKey: "play-secret" } } }));
    expect((await new MinioClientConfigProvider({ filename: old, alias: "play" }).retrieve()).accessKey).toBe("AKPLAY");
  });

  it("a missing alias is NotFound; a corrupt file is an error that does not quote the file", async () => {
    const f = join(dir, "mc2.json");
    await writeFile(f, JSON.stringify({ aliases: { a: { accessKey: "k", secretKey: "s" } } }));
    expect(await rejection(new MinioClientConfigProvider({ filename: f, alias: "zz" }).retrieve())).toMatchObject({ code: "NotFound" });
    const corrupt = join(dir, "mc3.json");
    await writeFile(corrupt, '{"aliases":{"s3":{"accessKey":"k","secretKey":"corrupt-secret-value" oops');
    const err = await rejection(new MinioClientConfigProvider({ filename: corrupt }).retrieve());
    expect(err.code).toBe("InvalidConfig");
    expect(`${err.message} ${String(err.cause)}`).not.toContain("corrupt-secret-value");
  });
});

/** A provider counting calls, answering from a script. */
class Scripted implements CredentialsProvider {
  calls = 0;
  constructor(private readonly answers: Array<Credentials | Error>) {}
  retrieve(): Promise<Credentials> {
    const a = this.answers[Math.min(this.calls++, this.answers.length - 1)];
    return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
  }
}

describe("ChainedProvider", () => {
  it("uses the first provider that answers, and asks it first next time", async () => {
    setEnv({});
    const env = new EnvAWSProvider();
    const file = new Scripted([new CredentialsValue("AKFILE", "file-secret")]);
    const last = new Scripted([new CredentialsValue("AKLAST", "last-secret")]);
    const chain = new ChainedProvider([env, file, last]);
    expect((await chain.retrieve()).accessKey).toBe("AKFILE");
    expect((await chain.retrieve()).accessKey).toBe("AKFILE");
    expect(file.calls).toBe(2);
    expect(last.calls).toBe(0);
    // Once the env is set, the remembered provider still goes first.
    setEnv({ AWS_ACCESS_KEY_ID: "AKENV", AWS_SECRET_ACCESS_KEY: "env-secret" });
    expect((await chain.retrieve()).accessKey).toBe("AKFILE");
  });

  it("moves on when the remembered provider starts failing", async () => {
    const flaky = new Scripted([new CredentialsValue("AK1", "s1"), new CredentialsError("Flaky", "gone")]);
    const backup = new Scripted([new CredentialsValue("AK2", "s2")]);
    const chain = new ChainedProvider([flaky, backup]);
    expect((await chain.retrieve()).accessKey).toBe("AK1");
    expect((await chain.retrieve()).accessKey).toBe("AK2");
    expect((await chain.retrieve()).accessKey).toBe("AK2");
    expect(flaky.calls).toBe(2);
  });

  it("when all fail, one CredentialsError says why each failed, without foreign messages", async () => {
    setEnv({});
    const foreign = new Scripted([new Error("foreign message with secret-xyz")]);
    const err = await rejection(new ChainedProvider([new EnvAWSProvider(), new AWSConfigProvider({ filename: join(dir, "absent") }), foreign]).retrieve());
    expect(err).toMatchObject({ provider: "ChainedProvider", code: "NoCredentials" });
    expect(err.message).toContain("EnvAWSProvider: AWS_ACCESS_KEY_ID");
    expect(err.message).toContain("AWSConfigProvider: cannot read");
    expect(err.message).toContain("Scripted: Error");
    expect(err.message).not.toContain("secret-xyz");
  });

  it("refuses an empty list", () => {
    expect(() => new ChainedProvider([])).toThrow(/non-empty/);
  });
});

describe("CredentialsValue", () => {
  it("signs exactly as a plain credentials object does (the signer reads the hidden secret)", () => {
    const req = { method: "GET", host: "h:9000", path: "/b/k", query: [] as [string, string][], headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" } };
    const opts = { region: "us-east-1", date: new Date(0), payloadHash: "UNSIGNED-PAYLOAD" };
    const plain = signRequest(req, { accessKey: "AK", secretKey: "SK", sessionToken: "TOK" }, opts);
    const hidden = signRequest(req, new CredentialsValue("AK", "SK", "TOK"), opts);
    expect(hidden).toEqual(plain);
    expect(hidden["x-amz-security-token"]).toBe("TOK");
  });

  it("knows when it has expired", () => {
    expect(new CredentialsValue("a", "b", undefined, new Date(Date.now() - 1)).isExpired()).toBe(true);
    expect(new CredentialsValue("a", "b", undefined, new Date(Date.now() + 60_000)).isExpired()).toBe(false);
    expect(new CredentialsValue("a", "b").isExpired()).toBe(false);
  });

  it("StaticProvider hands out a CredentialsValue", async () => {
    expect(await new StaticProvider("a", "b", "c").retrieve()).toBeInstanceOf(CredentialsValue);
  });
});

/** A RefreshingProvider whose fetch is scripted and counted; lifetime in seconds. */
class Counting extends RefreshingProvider {
  fetches = 0;
  failNext = 0;
  constructor(private readonly lifetimeS: number, private readonly delayMs = 0) {
    super("Counting");
  }
  protected async fetchCredentials(): Promise<CredentialsValue> {
    const n = ++this.fetches;
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error("boom");
    }
    return new CredentialsValue(`AK${n}`, `secret${n}`, `token${n}`, new Date(Date.now() + this.lifetimeS * 1000));
  }
}

describe("RefreshingProvider: caching and refresh", () => {
  it("caches until a tenth of the lifetime (at most 5 minutes) before expiry, then refreshes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = Date.parse("2026-01-01T00:00:00Z");
    vi.setSystemTime(t0);
    const hour = new Counting(3600);
    expect((await hour.retrieve()).accessKey).toBe("AK1");
    vi.setSystemTime(t0 + 54 * 60_000 + 59_000); // 5 min 1 s before expiry: still cached
    expect((await hour.retrieve()).accessKey).toBe("AK1");
    vi.setSystemTime(t0 + 55 * 60_000 + 1_000); // inside the 5-minute window: still valid, served at once, refreshed behind
    expect((await hour.retrieve()).accessKey).toBe("AK1");
    await new Promise((r) => setImmediate(r));
    expect((await hour.retrieve()).accessKey).toBe("AK2");
    expect(hour.fetches).toBe(2);

    vi.setSystemTime(t0);
    const short = new Counting(900); // 15 min: refreshed 90 s before expiry
    await short.retrieve();
    vi.setSystemTime(t0 + 809_000);
    expect((await short.retrieve()).accessKey).toBe("AK1");
    vi.setSystemTime(t0 + 811_000);
    await short.retrieve();
    await new Promise((r) => setImmediate(r));
    expect((await short.retrieve()).accessKey).toBe("AK2");
  });

  it("expired cached credentials are never served: the caller waits for the refresh", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = Date.parse("2026-01-01T00:00:00Z");
    vi.setSystemTime(t0);
    const p = new Counting(900, 20);
    await p.retrieve();
    vi.setSystemTime(t0 + 901_000);
    expect((await p.retrieve()).accessKey).toBe("AK2");
    expect(p.fetches).toBe(2);
  });

  it("credentials without expiry are fetched once", async () => {
    const forever = new (class extends RefreshingProvider {
      n = 0;
      constructor() { super("Forever"); }
      protected async fetchCredentials() { this.n++; return new CredentialsValue("a", "b"); }
    })();
    await forever.retrieve();
    await forever.retrieve();
    expect(forever.n).toBe(1);
  });

  it("concurrent callers share one refresh", async () => {
    const p = new Counting(3600, 50);
    const all = await Promise.all(Array.from({ length: 25 }, () => p.retrieve()));
    expect(p.fetches).toBe(1);
    expect(new Set(all).size).toBe(1);
  });

  it("a failed refresh is a CredentialsError naming the provider, and the next call tries again", async () => {
    const p = new Counting(3600);
    p.failNext = 1;
    const err = await rejection(p.retrieve());
    expect(err.provider).toBe("Counting");
    expect(err.message).toBe("Counting: could not obtain credentials (Error)"); // the foreign message is not copied
    expect((await p.retrieve()).accessKey).toBe("AK2");
    expect(p.fetches).toBe(2);
  });

  it("a failed refresh-ahead keeps serving still-valid credentials; once they expire the failure surfaces", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = Date.parse("2026-01-01T00:00:00Z");
    vi.setSystemTime(t0);
    const p = new Counting(3600);
    await p.retrieve();
    p.failNext = 3;
    vi.setSystemTime(t0 + 58 * 60_000);
    expect((await p.retrieve()).accessKey).toBe("AK1");
    await new Promise((r) => setImmediate(r)); // the background refresh fails
    expect((await p.retrieve()).accessKey).toBe("AK1");
    await new Promise((r) => setImmediate(r)); // and so does the next one
    vi.setSystemTime(t0 + 61 * 60_000);
    await rejection(p.retrieve());
    expect((await p.retrieve()).accessKey).toBe("AK5");
  });
});
