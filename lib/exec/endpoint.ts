import { InvalidArgumentError } from "../errors.js";

/** Where requests go, parsed once at client construction. */
export interface Endpoint {
  readonly secure: boolean;
  /** Host name or IP, without brackets for IPv6. */
  readonly hostname: string;
  readonly port: number;
  /** The Host header for path-style requests: hostname, plus `:port` unless it is the default. */
  readonly host: string;
  /** True for an AWS S3 endpoint (amazonaws.com / amazonaws.com.cn). */
  readonly isAws: boolean;
  /** Region named by an AWS endpoint host (`s3.eu-west-1.amazonaws.com`), if any. */
  readonly awsRegion?: string;
  /** Whether virtual-host-style addressing is the default for this endpoint. */
  readonly virtualHostDefault: boolean;
}

const AWS_HOST = /^(?:[a-z0-9.-]+\.)?s3(?:[.-](?:dualstack\.)?(?:fips\.)?([a-z0-9-]+))?(?:\.dualstack\.([a-z0-9-]+))?\.amazonaws\.com(?:\.cn)?$/;

/**
 * Parses an endpoint: a URL with scheme (`http://127.0.0.1:9000`) or a bare host
 * (`play.min.io`, `s3.amazonaws.com:443`) — bare hosts are HTTPS unless `secure` says otherwise.
 */
export function parseEndpoint(endpoint: string, secure?: boolean): Endpoint {
  if (typeof endpoint !== "string" || endpoint.trim() === "") {
    throw new InvalidArgumentError("endpoint must be a non-empty string such as \"http://127.0.0.1:9000\" or \"play.min.io\"");
  }
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint);
  let url: URL;
  try {
    url = new URL(hasScheme ? endpoint : `${secure === false ? "http" : "https"}://${endpoint}`);
  } catch {
    throw new InvalidArgumentError(`invalid endpoint ${JSON.stringify(endpoint)} (a port must be a number from 1 to 65535)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidArgumentError(`endpoint scheme must be http or https, got ${url.protocol}`);
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username || url.password) {
    throw new InvalidArgumentError(`endpoint must not carry a path, query or credentials: ${JSON.stringify(endpoint)}`);
  }
  const isSecure = hasScheme ? url.protocol === "https:" : secure !== false;
  const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const defaultPort = isSecure ? 443 : 80;
  const port = url.port ? Number(url.port) : defaultPort;
  if (port < 1) throw new InvalidArgumentError(`endpoint port must be between 1 and 65535, got ${port}`);
  const hostPart = hostname.includes(":") ? `[${hostname}]` : hostname;
  const host = port === defaultPort ? hostPart : `${hostPart}:${port}`;
  const aws = AWS_HOST.exec(hostname.toLowerCase());
  let awsRegion: string | undefined;
  if (aws) {
    const r = aws[1] ?? aws[2];
    if (r && r !== "external-1" && r !== "accelerate" && r !== "dualstack") awsRegion = r;
  }
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(hostname) || hostname.includes(":");
  return Object.freeze({
    secure: isSecure,
    hostname,
    port,
    host,
    isAws: aws !== null,
    ...(awsRegion ? { awsRegion } : {}),
    virtualHostDefault: aws !== null && !isIp,
  });
}
