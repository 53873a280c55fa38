import diagnostics from "node:diagnostics_channel";

/**
 * The query strings of the ListObjects requests (GET `/<bucket>?…`, location lookups aside)
 * this process starts while `run` runs, seen on node's http client channel.
 */
export async function listRequests<T>(bucket: string, run: () => Promise<T>): Promise<{ result: T; queries: URLSearchParams[] }> {
  const queries: URLSearchParams[] = [];
  const onStart = (msg: unknown) => {
    const { method, path } = (msg as { request: { method: string; path: string } }).request;
    if (method === "GET" && path.startsWith(`/${bucket}?`) && !path.includes("location")) queries.push(new URLSearchParams(path.slice(path.indexOf("?") + 1)));
  };
  diagnostics.subscribe("http.client.request.start", onStart);
  try {
    return { result: await run(), queries };
  } finally {
    diagnostics.unsubscribe("http.client.request.start", onStart);
  }
}
