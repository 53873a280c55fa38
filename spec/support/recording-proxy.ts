import http from "node:http";

/** One request the proxy forwarded: method, path, query and the x-amz-copy-source header (if any). */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly copySource?: string;
}

/**
 * An HTTP proxy in front of a real server that records every request (method, path, query,
 * copy source) and forwards it unchanged (the Host header too, so signatures still hold).
 * `count(kind)` counts requests by S3 operation as seen on the wire.
 */
export async function startRecordingProxy(target: { host: string; port: number }) {
  const requests: RecordedRequest[] = [];
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://proxy");
    const copySource = req.headers["x-amz-copy-source"];
    requests.push({ method: req.method ?? "", path: url.pathname, query: url.searchParams, ...(typeof copySource === "string" ? { copySource } : {}) });
    const up = http.request({ host: target.host, port: target.port, method: req.method, path: req.url, headers: req.headers, agent }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    up.on("error", () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    /** Forgets what was recorded so far. */
    reset(): void {
      requests.length = 0;
    },
    /** Requests of one kind: CopyObject (PUT with a copy source, not a part), PutObjectTagging, DeleteObjects, List, Head, or any mutation. */
    count(kind: "CopyObject" | "UploadPartCopy" | "PutObjectTagging" | "DeleteObjects" | "List" | "Head" | "Mutation"): number {
      return requests.filter((r) => {
        switch (kind) {
          case "CopyObject": return r.method === "PUT" && r.copySource !== undefined && !r.query.has("partNumber");
          case "UploadPartCopy": return r.method === "PUT" && r.copySource !== undefined && r.query.has("partNumber");
          case "PutObjectTagging": return r.method === "PUT" && r.query.has("tagging");
          case "DeleteObjects": return r.method === "POST" && r.query.has("delete");
          case "List": return r.method === "GET" && r.path.split("/").filter(Boolean).length === 1;
          case "Head": return r.method === "HEAD";
          case "Mutation": return r.method === "PUT" || r.method === "POST" || r.method === "DELETE";
        }
      }).length;
    },
    async close(): Promise<void> {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
