import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/**
 * One GET to `endpoint + path`; resolves with the status code. TLS is verified
 * against `ca` when given (else against the system roots). Rejects on network
 * or certificate errors.
 */
export async function probe(endpoint: string, path: string, ca?: string, timeoutMs = 2_000): Promise<number> {
  const url = new URL(path, endpoint);
  return new Promise((resolve, reject) => {
    const options = { method: "GET", agent: false as const, timeout: timeoutMs, ...(ca ? { ca } : {}) };
    const req = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, options, (res) => {
      res.resume();
      res.once("end", () => resolve(res.statusCode ?? 0));
      res.once("error", reject);
    });
    req.once("timeout", () => req.destroy(new Error(`no answer from ${url.href} within ${timeoutMs} ms`)));
    req.once("error", reject);
    req.end();
  });
}

/** Options for {@link waitUntilReady}. */
export interface WaitOptions {
  readonly ca?: string;
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /** Checked between polls; a string return aborts the wait with that reason (e.g. "process exited"). */
  readonly gaveUp?: () => string | undefined;
}

/**
 * Polls `GET /minio/health/ready` until it answers 200. Rejects with the last
 * probe error after the timeout (default 60 s), or as soon as `gaveUp` reports a reason.
 */
export async function waitUntilReady(endpoint: string, opts: WaitOptions = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let last = "no probe yet";
  for (;;) {
    const reason = opts.gaveUp?.();
    if (reason) throw new Error(`${endpoint} will not become ready: ${reason}`);
    try {
      const status = await probe(endpoint, "/minio/health/ready", opts.ca, 1_000);
      if (status === 200) return;
      last = `HTTP ${status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() >= deadline) throw new Error(`${endpoint} not ready after ${opts.timeoutMs ?? 60_000} ms (last probe: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 100));
  }
}
