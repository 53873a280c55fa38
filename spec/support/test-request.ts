import { address } from "../../lib/exec/address.js";
import { compileRequest } from "../../lib/exec/compile.js";
import { parseEndpoint } from "../../lib/exec/endpoint.js";
import type { SingleRequestNode } from "../../lib/plan/nodes.js";
import { canonicalQueryString } from "../../lib/sign/uri-encode.js";

/** The HTTP request a plan compiles to, addressed but not signed. */
export interface CompiledRequest {
  method: string;
  host: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * Compiles a builder's plan into the exact request it would send — no server needed
 * (Kysely's per-dialect compile tests are the model).
 */
export function testRequest(
  node: SingleRequestNode,
  options: { endpoint?: string; region?: string; pathStyle?: boolean } = {},
): CompiledRequest {
  const endpoint = parseEndpoint(options.endpoint ?? "http://127.0.0.1:9000");
  const region = options.region ?? "us-east-1";
  const req = compileRequest(node, region);
  const virtualHost = options.pathStyle === undefined ? endpoint.virtualHostDefault : !options.pathStyle;
  const addr = address(endpoint, region, virtualHost, req.bucket, req.key);
  const body = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : undefined;
  return {
    method: req.method,
    host: addr.host,
    path: addr.path,
    query: canonicalQueryString(req.query),
    headers: { ...req.headers },
    ...(body !== undefined ? { body } : {}),
  };
}
