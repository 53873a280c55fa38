import type { Observable } from "rxjs";
import { match } from "ts-pattern";
import { InvalidArgumentError } from "../errors.js";
import type { ObjectInfo } from "../model/object-info.js";
import type { NotificationRecord } from "../model/notification-record.js";
import type { ListenBucketNotificationNode, ListObjectsNode, PlanNode, QueryNode, QueryRunOptions } from "../plan/nodes.js";
import type { PlanResults, PlanRunner, RunOptions } from "../plan/runner.js";
import type { RequestExecutor } from "./executor.js";
import { getBucketLocation, headBucket, listBuckets, makeBucket, removeBucket } from "./operations/buckets.js";
import { composeObject } from "./operations/compose.js";
import { getConfig, sendConfig } from "./operations/configs.js";
import { copyObject } from "./operations/copy.js";
import { downloadObject } from "./operations/download.js";
import { listenObservable } from "./operations/listen.js";
import { multipartUpload, uploadFile } from "./operations/upload.js";
import { listUploads } from "./operations/uploads.js";
import { presignObject, presignPost } from "./operations/presign.js";
import { compileRequest } from "./compile.js";
import { deleteObject, getObject, headObject, putObject } from "./operations/objects.js";
import { listIterable, listObservable } from "./paginate.js";
import { pumpObservable } from "./pump-observable.js";
import { runQuery } from "./query-run.js";

/** The one listing a query plan is, when it has nothing else to do (no filters, limit or dropped entries). */
function plainScan(node: QueryNode): ListObjectsNode | undefined {
  const [scan, ...more] = node.scans;
  return scan !== undefined && more.length === 0 && node.client.length === 0 && node.limit === undefined && !scan.skipDirs ? scan : undefined;
}

/** Runs plan nodes: one handler per kind, matched exhaustively. */
export class ExecutorPlanRunner implements PlanRunner {
  readonly #exec: RequestExecutor;

  constructor(exec: RequestExecutor) {
    this.#exec = exec;
  }

  async run<N extends PlanNode>(node: N, options: RunOptions = {}): Promise<PlanResults[N["kind"]]> {
    const exec = this.#exec;
    const { signal } = options;
    const result: Promise<unknown> = match<PlanNode, Promise<unknown>>(node)
      // First: presigning is pure CPU and called in bulk; every pattern tried before a match costs.
      .with({ kind: "PresignObject" }, (n) => presignObject(exec, n, signal))
      .with({ kind: "PresignPost" }, (n) => presignPost(exec, n, signal))
      .with({ kind: "ListBuckets" }, (n) => listBuckets(exec, n, signal))
      .with({ kind: "MakeBucket" }, (n) => makeBucket(exec, n, signal))
      .with({ kind: "HeadBucket" }, (n) => headBucket(exec, n, signal))
      .with({ kind: "RemoveBucket" }, (n) => removeBucket(exec, n, signal))
      .with({ kind: "GetBucketLocation" }, (n) => getBucketLocation(exec, n, signal))
      .with({ kind: "PutObject" }, (n) => {
        if (options.body === undefined) throw new InvalidArgumentError("PutObject needs a body");
        return putObject(exec, n, options.body, signal, options.progress);
      })
      .with({ kind: "GetObject" }, (n) => getObject(exec, n, signal))
      .with({ kind: "HeadObject" }, (n) => headObject(exec, n, signal))
      .with({ kind: "DeleteObject" }, (n) => deleteObject(exec, n, signal))
      .with({ kind: "GetConfig" }, (n) => getConfig(exec, n, signal))
      .with({ kind: "PutConfig" }, (n) => sendConfig(exec, n, signal))
      .with({ kind: "DeleteConfig" }, (n) => sendConfig(exec, n, signal))
      .with({ kind: "MultipartUpload" }, (n) => multipartUpload(exec, n, options))
      .with({ kind: "UploadFile" }, (n) => uploadFile(exec, n, options))
      .with({ kind: "ListUploads" }, (n) => listUploads(exec, n, signal))
      .with({ kind: "AbortUpload" }, async (n) => void (await exec.send(compileRequest(n), signal)).resume())
      .with({ kind: "CopyObject" }, (n) => copyObject(exec, n, options))
      .with({ kind: "ComposeObject" }, (n) => composeObject(exec, n, options))
      .with({ kind: "DownloadObject" }, (n) => downloadObject(exec, n, options))
      .with({ kind: "ListenBucketNotification" }, async (n) => listenObservable(exec, n, signal))
      .with({ kind: "ListObjects" }, async (n) => {
        const all: ObjectInfo[] = [];
        for await (const o of listIterable(exec, n, signal)) all.push(o);
        return all;
      })
      .with({ kind: "Query" }, async (n) => {
        const all: ObjectInfo[] = [];
        const plain = plainScan(n);
        for await (const o of plain ? this.iterate(plain, signal) : runQuery(this, n, { signal, functions: options.functions })) all.push(o);
        return all;
      })
      .exhaustive();
    return (await result) as PlanResults[N["kind"]];
  }

  list(node: ListObjectsNode, signal?: AbortSignal): Observable<ObjectInfo> {
    return listObservable(this.#exec, node, signal);
  }

  iterate(node: ListObjectsNode, signal?: AbortSignal): AsyncIterable<ObjectInfo> {
    return listIterable(this.#exec, node, signal);
  }

  listen(node: ListenBucketNotificationNode, signal?: AbortSignal): Observable<NotificationRecord> {
    return listenObservable(this.#exec, node, signal);
  }

  query(node: QueryNode, options: QueryRunOptions = {}): Observable<ObjectInfo> {
    const plain = plainScan(node);
    if (plain !== undefined) return this.list(plain, options.signal);
    return pumpObservable<ObjectInfo>(options.signal, async (signal, emit) => {
      for await (const o of runQuery(this, node, { ...options, signal })) emit(o);
    });
  }

  iterateQuery(node: QueryNode, options: QueryRunOptions = {}): AsyncIterable<ObjectInfo> {
    const plain = plainScan(node);
    if (plain !== undefined) return this.iterate(plain, options.signal);
    return { [Symbol.asyncIterator]: () => runQuery(this, node, options) };
  }
}
