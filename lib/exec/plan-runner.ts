import type { Observable } from "rxjs";
import { match } from "ts-pattern";
import { InvalidArgumentError } from "../errors.js";
import type { ObjectInfo } from "../model/object-info.js";
import type { NotificationRecord } from "../model/notification-record.js";
import type { ListenBucketNotificationNode, ListObjectsNode, PlanNode } from "../plan/nodes.js";
import type { PlanResults, PlanRunner, RunOptions } from "../plan/runner.js";
import type { RequestExecutor } from "./executor.js";
import { getBucketLocation, headBucket, listBuckets, makeBucket, removeBucket } from "./operations/buckets.js";
import { composeObject } from "./operations/compose.js";
import { fanoutIterable, fanoutObservable, isFanout } from "./fanout.js";
import { getConfig, sendConfig } from "./operations/configs.js";
import { copyObject } from "./operations/copy.js";
import { downloadObject } from "./operations/download.js";
import { listenObservable } from "./operations/listen.js";
import { multipartUpload, uploadFile } from "./operations/upload.js";
import { snowballUpload } from "./operations/snowball.js";
import { listUploads } from "./operations/uploads.js";
import { presignObject, presignPost } from "./operations/presign.js";
import { selectObjectContent } from "./operations/select.js";
import { compileRequest } from "./compile.js";
import { deleteObject, getObject, headObject, putObject } from "./operations/objects.js";
import { listIterable, listObservable } from "./paginate.js";
import { deleteObjects, removeObjects } from "./operations/remove-objects.js";

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
      .with({ kind: "SelectObjectContent" }, (n) => selectObjectContent(exec, n, signal))
      .with({ kind: "SnowballUpload" }, (n) => snowballUpload(exec, n, options))
      .with({ kind: "DeleteObjects" }, (n) => deleteObjects(exec, n, signal))
      .with({ kind: "RemoveObjects" }, (n) => removeObjects(exec, n, options))
      .with({ kind: "ListObjects" }, async (n) => {
        const all: ObjectInfo[] = [];
        for await (const o of this.iterate(n, signal)) all.push(o);
        return all;
      })
      .exhaustive();
    return (await result) as PlanResults[N["kind"]];
  }

  list(node: ListObjectsNode, signal?: AbortSignal): Observable<ObjectInfo> {
    return isFanout(node) ? fanoutObservable(this.#exec, node, signal) : listObservable(this.#exec, node, signal);
  }

  iterate(node: ListObjectsNode, signal?: AbortSignal): AsyncIterable<ObjectInfo> {
    return isFanout(node) ? fanoutIterable(this.#exec, node, signal) : listIterable(this.#exec, node, signal);
  }

  listen(node: ListenBucketNotificationNode, signal?: AbortSignal): Observable<NotificationRecord> {
    return listenObservable(this.#exec, node, signal);
  }
}
