/**
 * Replication against two real MinIO servers: the suite's plain server is the source; a
 * second one, started here, is the destination. `mc` registers the remote target (MinIO's
 * admin API), Quarry does the rest and proves objects and delete markers really replicate.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3 } from "../../../lib/client.js";
import { S3Error } from "../../../lib/errors.js";
import { Filter } from "../../../lib/model/filter.js";
import {
  DeleteMarkerReplication, DeleteReplication, Destination, ExistingObjectReplication, ReplicaModifications, ReplicationConfig, ReplicationRule,
  SourceSelectionCriteria,
} from "../../../lib/model/replication.js";
import { ensureMcBinary } from "../../support/server/minio-binary.js";
import { startMinio } from "../../support/server/minio-process.js";
import type { RunningServer, ServerInfo } from "../../support/server/server-info.js";
import { drain, plainClient, servers, tempBucket } from "../support.js";

const run = promisify(execFile);
const log = (line: string) => process.stderr.write(`[replication] ${line}\n`);

const s3 = plainClient();
let target: RunningServer | undefined;
let s3dst: S3;
let src: Awaited<ReturnType<typeof tempBucket>>;
let dst: Awaited<ReturnType<typeof tempBucket>>;
let mcDir: string | undefined;
/** The remote-target ARN MinIO gave the destination bucket. */
let targetArn: string;

/** `http://<ak>:<sk>@host:port` for mc's MC_HOST_<alias> (kept out of argv and logs). */
function mcHost(s: ServerInfo): string {
  const { protocol, host } = new URL(s.endpoint);
  return `${protocol}//${encodeURIComponent(s.accessKey)}:${encodeURIComponent(s.secretKey)}@${host}`;
}

/** Runs mc with private config and the aliases `src` / `dst` from the environment. */
async function mc(mcPath: string, args: string[]): Promise<string> {
  const secrets = [servers().plain.secretKey, target!.secretKey];
  const env = { ...process.env, MC_HOST_src: mcHost(servers().plain), MC_HOST_dst: mcHost(target!) };
  try {
    const { stdout } = await run(mcPath, ["--config-dir", mcDir!, "--no-color", ...args], { env, timeout: 60_000 });
    return stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    const redact = (s = "") => secrets.reduce((acc, k) => acc.replaceAll(k, "***"), s);
    throw new Error(`mc ${args.join(" ")} failed: ${redact(e.stderr) || redact(e.stdout) || redact(e.message)}`);
  }
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Resolves to the object's body on the destination, or undefined while it is missing. */
async function onDestination(key: string): Promise<string | undefined> {
  try {
    return (await drain(await dst.bucket.object(key).get())).toString();
  } catch (err) {
    if (err instanceof S3Error && err.code === "NoSuchKey") return undefined;
    throw err;
  }
}

beforeAll(async () => {
  const started = Date.now();
  const [server, mcPath] = await Promise.all([startMinio({ log }), ensureMcBinary(log)]);
  target = server;
  s3dst = new S3({ endpoint: target.endpoint, accessKey: target.accessKey, secretKey: target.secretKey });
  mcDir = await mkdtemp(join(tmpdir(), "quarry-mc-"));
  [src, dst] = await Promise.all([tempBucket(s3, "repl-src"), tempBucket(s3dst, "repl-dst")]);
  await Promise.all([mc(mcPath, ["version", "enable", `src/${src.name}`]), mc(mcPath, ["version", "enable", `dst/${dst.name}`])]);
  // mc registers the remote target together with a rule of its own; the specs replace that rule.
  await mc(mcPath, ["replicate", "add", `src/${src.name}`, "--remote-bucket", `dst/${dst.name}`, "--priority", "99"]);
  const exported = JSON.parse(await mc(mcPath, ["replicate", "export", `src/${src.name}`])) as { Rules: Array<{ Destination: { Bucket: string } }> };
  targetArn = exported.Rules[0].Destination.Bucket;
  expect(targetArn).toMatch(/^arn:minio:replication::[^:]+:/);
  log(`second MinIO, mc and remote target ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

afterAll(async () => {
  await src?.bucket.replication().delete().catch(() => undefined);
  await src?.cleanup();
  await dst?.cleanup();
  s3.close();
  s3dst?.close();
  await target?.stop();
  if (mcDir) await rm(mcDir, { recursive: true, force: true });
});

/** The rule the specs set: prefix filter, priority, deletes, delete markers and existing objects replicated. */
function fullConfig(): ReplicationConfig {
  return new ReplicationConfig("", [
    new ReplicationRule(new Destination(targetArn, { storageClass: "STANDARD" }), "Enabled", {
      ruleId: "quarry-docs",
      priority: 1,
      ruleFilter: new Filter({ prefix: "docs/" }),
      deleteMarkerReplication: new DeleteMarkerReplication("Enabled"),
      deleteReplication: new DeleteReplication("Enabled"),
      existingObjectReplication: new ExistingObjectReplication("Enabled"),
      sourceSelectionCriteria: new SourceSelectionCriteria({ replicaModifications: new ReplicaModifications("Enabled") }),
    }),
  ]);
}

describe("replication against two MinIO servers", () => {
  it("get → null on a bucket without replication (ReplicationConfigurationNotFoundError, as the seed)", async () => {
    const none = await tempBucket(s3, "repl-none");
    try {
      expect(await none.bucket.replication().get()).toBeNull();
      // MinIO wants versioning on the source first (its ReplicationNeedsVersioningError travels as InvalidRequest).
      const err = await none.bucket.replication().set(fullConfig()).catch((e: unknown) => e);
      expect(err).toMatchObject({ name: "S3Error", code: "InvalidRequest", status: 400 });
      expect((err as S3Error).message).toMatch(/versioning/i);
    } finally {
      await none.cleanup();
    }
  });

  it("set → get gives back the configuration, field for field", async () => {
    const config = fullConfig();
    await src.bucket.replication().set(config);
    expect(await src.bucket.replication().get()).toStrictEqual(config);
  });

  it("objects under the prefix replicate to the second server; others do not; delete markers follow", async () => {
    await src.bucket.replication().set(fullConfig());
    await src.bucket.object("other/skip.txt").put("not replicated");
    await src.bucket.object("docs/hello.txt").put("hello, replica");
    const started = Date.now();
    expect(await eventually("docs/hello.txt on the destination", () => onDestination("docs/hello.txt"))).toBe("hello, replica");
    log(`object replicated in ${Date.now() - started} ms`);
    // The copy on the second server is a replica, and the source records the replication as done.
    const replica = await dst.bucket.object("docs/hello.txt").get();
    expect(replica.headers["x-amz-replication-status"]).toBe("REPLICA");
    await drain(replica);
    await eventually("source replication status COMPLETED", async () => {
      const source = await src.bucket.object("docs/hello.txt").get();
      await drain(source);
      return source.headers["x-amz-replication-status"] === "COMPLETED" ? true : undefined;
    });
    expect(await onDestination("other/skip.txt")).toBeUndefined();
    await src.bucket.object("docs/hello.txt").remove(); // a delete marker on the source
    await eventually("the delete marker on the destination", async () => ((await onDestination("docs/hello.txt")) === undefined ? true : undefined));
  });

  it("the legacy form is accepted too (role = target ARN, destination arn:aws:s3:::bucket); MinIO fills in defaults", async () => {
    const rule = (extra: Partial<ConstructorParameters<typeof ReplicationRule>[2]>) =>
      new ReplicationRule(new Destination(`arn:aws:s3:::${dst.name}`), "Disabled", {
        ruleId: "legacy", priority: 2, ruleFilter: new Filter({ prefix: "legacy/" }), deleteMarkerReplication: new DeleteMarkerReplication(), ...extra,
      });
    await src.bucket.replication().set(new ReplicationConfig(targetArn, [rule({})]));
    expect(await src.bucket.replication().get()).toStrictEqual(new ReplicationConfig(targetArn, [rule({
      deleteReplication: new DeleteReplication("Disabled"),
      existingObjectReplication: new ExistingObjectReplication("Disabled"),
      sourceSelectionCriteria: new SourceSelectionCriteria({ replicaModifications: new ReplicaModifications("Enabled") }),
    })]));
  });

  it("a destination that is no registered remote target is refused by the server", async () => {
    const bad = new ReplicationConfig("", [
      new ReplicationRule(new Destination("arn:minio:replication::00000000-0000-0000-0000-000000000000:nowhere"), "Enabled", {
        priority: 1, ruleFilter: new Filter({ prefix: "x/" }), deleteMarkerReplication: new DeleteMarkerReplication(),
        deleteReplication: new DeleteReplication("Disabled"),
      }),
    ]);
    await expect(src.bucket.replication().set(bad)).rejects.toBeInstanceOf(S3Error);
  });

  it("delete → get is null", async () => {
    await src.bucket.replication().set(fullConfig());
    await src.bucket.replication().delete();
    expect(await src.bucket.replication().get()).toBeNull();
  });
});
